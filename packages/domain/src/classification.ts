import { type SectionId, sortSections } from './catalog.js';

/**
 * Personal versus school-affiliated (VIII, IX), and the signals that decide it. The decision is a
 * pure function of the signals, so the API (which never trusts a client's classification) and
 * the dashboard's live preview always agree.
 */
export const PLATFORMS = [
  'FACEBOOK',
  'INSTAGRAM',
  'X',
  'TIKTOK',
  'YOUTUBE',
  'LINKEDIN',
  'THREADS',
  'BLUESKY',
  'OTHER',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export const CLASSIFICATIONS = ['PERSONAL', 'SCHOOL_AFFILIATED'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const AFFILIATION_SIGNALS = [
  'PURPORTS_OFFICIAL',
  'SHARES_SCHOOL_UPDATES',
  'LISTS_STAFF_POSITION',
  'INDICATES_DISTRICT_CONNECTION',
  'USES_DISTRICT_NAME',
  'USES_MASCOT_OR_IMAGE',
] as const;
export type AffiliationSignal = (typeof AFFILIATION_SIGNALS)[number];

export const SIGNAL_INFO: Record<
  AffiliationSignal,
  { label: string; sections: SectionId[]; description: string }
> = {
  PURPORTS_OFFICIAL: {
    label: 'Presents itself as an official district, school, program or class account',
    sections: ['VIII'],
    description: 'An account that purports to be official is school-affiliated (VIII).',
  },
  SHARES_SCHOOL_UPDATES: {
    label: 'Shares school news or updates for students and families',
    sections: ['IX'],
    description: 'Sharing school-related information with students and families makes a personal account school-affiliated (IX).',
  },
  LISTS_STAFF_POSITION: {
    label: 'Lists my position with the district',
    sections: ['V', 'IX'],
    description: 'Prominently listing the staff position makes a personal account school-affiliated (IX; V advises against it on personal accounts).',
  },
  INDICATES_DISTRICT_CONNECTION: {
    label: 'Otherwise ties its views to the district',
    sections: ['IX'],
    description: 'Any other indication that the views expressed are connected to the district makes the account school-affiliated (IX).',
  },
  USES_DISTRICT_NAME: {
    label: "Uses the district's or a school's name",
    sections: ['XIX', 'XXIX'],
    description: 'Identifying the district by name is school-affiliated content that needs permission (XIX, XXIX).',
  },
  USES_MASCOT_OR_IMAGE: {
    label: "Uses the district's mascot, image or likeness",
    sections: ['XIX', 'XXIX'],
    description: "Using the mascot's name or image is school-affiliated content that needs permission (XIX, XXIX).",
  },
};

export interface ClassificationReason {
  signal: AffiliationSignal;
  sections: SectionId[];
  explanation: string;
}

export interface ClassificationResult {
  classification: Classification;
  decidingSignals: AffiliationSignal[];
  reasons: ClassificationReason[];
  sections: SectionId[];
  explanation: string;
}

export function isAffiliationSignal(value: unknown): value is AffiliationSignal {
  return typeof value === 'string' && (AFFILIATION_SIGNALS as readonly string[]).includes(value);
}

/** VIII and IX: any signal makes the account school-affiliated; none leaves it personal. */
export function classifyAccount(signals: readonly AffiliationSignal[]): ClassificationResult {
  for (const s of signals) {
    if (!isAffiliationSignal(s)) throw new TypeError(`Unknown affiliation signal: ${String(s)}`);
  }
  const present = AFFILIATION_SIGNALS.filter((s) => signals.includes(s));
  if (present.length === 0) {
    return {
      classification: 'PERSONAL',
      decidingSignals: [],
      reasons: [],
      sections: ['III', 'VIII', 'IX'],
      explanation:
        'Personal: nothing presents it as official (VIII) or ties it to the district (IX). ' +
        'The district will not ask for its password (III).',
    };
  }
  const reasons = present.map((signal) => ({
    signal,
    sections: SIGNAL_INFO[signal].sections,
    explanation: SIGNAL_INFO[signal].description,
  }));
  const sections = sortSections(reasons.flatMap((r) => r.sections));
  return {
    classification: 'SCHOOL_AFFILIATED',
    decidingSignals: present,
    reasons,
    sections,
    explanation: `School-affiliated: ${present
      .map((s) => SIGNAL_INFO[s].label.toLowerCase())
      .join('; ')} (${sections.join(', ')}).`,
  };
}

export interface DistrictProfile {
  names: string[];
  abbreviations: string[];
  mascots: string[];
  schoolNames: string[];
}

export interface ProfileText {
  handle?: string | null;
  displayName?: string | null;
  bio?: string | null;
}

export type ProfileField = 'handle' | 'displayName' | 'bio';

export interface SignalSuggestion {
  signal: AffiliationSignal;
  confidence: 'STRONG' | 'POSSIBLE';
  field: ProfileField;
  matched: string;
  reason: string;
  sections: SectionId[];
}

export interface SuggestionResult {
  suggestions: SignalSuggestion[];
  signals: AffiliationSignal[];
}

/** Lower-case words; camelCase and letter/digit boundaries split; punctuation separates. */
export function tokenize(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words split on punctuation only (no camelCase split): to find a name inside a handle word. */
function rawWords(text: string | null | undefined): string[] {
  return (text ?? '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

function findPhrase(tokens: string[], phrase: string[]): boolean {
  if (phrase.length === 0) return false;
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((p, j) => tokens[i + j] === p)) return true;
  }
  return false;
}

const GENERIC = new Set(['public', 'schools', 'school', 'district', 'community', 'unified', 'independent', 'the', 'of', 'and', 'city', 'county', 'isd', 'usd']);
const LEVEL = new Set(['school', 'elementary', 'middle', 'high', 'junior', 'senior', 'academy', 'center', 'primary']);
const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'central']);
const PROGRAM = new Set(['football', 'basketball', 'volleyball', 'soccer', 'baseball', 'softball', 'wrestling', 'track', 'band', 'choir', 'orchestra', 'theatre', 'theater', 'drama', 'robotics', 'athletics', 'athletic', 'pta', 'pto', 'booster', 'boosters', 'club', 'team', 'yearbook', 'newspaper', 'debate', 'cheer', 'dance', 'swim', 'tennis', 'golf', 'esports', 'fbla', 'deca', 'stuco', 'library', 'counseling', 'nurse', 'office', 'sports', 'activities', 'alumni']);
const SCHOOL_WORDS = new Set(['school', 'schools', 'elementary', 'middle', 'high', 'academy', 'district', 'classroom', 'class', 'students', 'families', 'parents', 'campus', 'grade', 'graders', 'kindergarten', 'pta', 'pto']);
const POSITION = new Set(['teacher', 'teaches', 'teaching', 'coach', 'coaching', 'principal', 'counselor', 'librarian', 'para', 'paraprofessional', 'educator', 'nurse', 'superintendent', 'director', 'aide', 'instructor', 'administrator', 'staff', 'faculty']);
const UPDATE_WORDS = new Set(['updates', 'update', 'news', 'announcements', 'announcement', 'reminders', 'info']);
const AUDIENCE = new Set(['families', 'family', 'parents', 'parent', 'students', 'student', 'class', 'classroom', 'school', 'graders']);

interface DistrictWords {
  fullNames: string[][];
  cores: string[];
  abbreviations: string[];
  mascots: string[];
  schools: string[][];
}

function districtWords(d: DistrictProfile): DistrictWords {
  const fullNames = d.names.map((n) => tokenize(n)).filter((t) => t.length > 0);
  const cores = [
    ...new Set(fullNames.flatMap((t) => t.filter((w) => !GENERIC.has(w) && w.length >= 3))),
  ];
  const mascots = [
    ...new Set(
      d.mascots.flatMap((m) => {
        const w = tokenize(m).join(' ');
        return w.endsWith('s') ? [w, w.slice(0, -1)] : [w, `${w}s`];
      }),
    ),
  ];
  const schools: string[][] = [];
  for (const name of d.schoolNames) {
    const t = tokenize(name);
    if (t.length === 0) continue;
    schools.push(t);
    if (t[t.length - 1] === 'school' && t.length > 2) schools.push(t.slice(0, -1));
    // A distinctive word ("Mockingbird" of "Mockingbird Elementary") names the school alone.
    const distinctive = t.filter((w) => !LEVEL.has(w) && !GENERIC.has(w) && !cores.includes(w));
    if (distinctive.length === 1 && !DIRECTIONS.has(distinctive[0] as string) && (distinctive[0] as string).length >= 5) {
      schools.push([distinctive[0] as string]);
    }
  }
  return {
    fullNames,
    cores,
    abbreviations: d.abbreviations.map((a) => tokenize(a).join('')).filter(Boolean),
    mascots: mascots.filter(Boolean).map((m) => m),
    schools,
  };
}

interface FieldFacts {
  field: ProfileField;
  tokens: string[];
  fullName: string | null;
  core: string | null;
  abbreviation: string | null;
  school: string | null;
  mascot: string | null;
  program: string | null;
  schoolWord: string | null;
  position: string | null;
  official: boolean;
  updates: string | null;
  coreInsideWord: string | null;
}

function factsOf(field: ProfileField, text: string | null | undefined, w: DistrictWords): FieldFacts {
  const tokens = tokenize(text);
  const has = (set: Set<string>) => tokens.find((t) => set.has(t)) ?? null;
  const fullName = w.fullNames.find((n) => n.length > 1 && findPhrase(tokens, n));
  const school = w.schools.find((s) => findPhrase(tokens, s));
  let updates: string | null = null;
  tokens.forEach((t, i) => {
    if (updates || !UPDATE_WORDS.has(t)) return;
    const near = tokens.slice(Math.max(0, i - 3), i + 4).find((x) => AUDIENCE.has(x));
    if (near) updates = tokens.slice(Math.max(0, i - 3), i + 4).join(' ');
  });
  const coreInsideWord =
    field === 'handle'
      ? (rawWords(text).find((word) =>
          w.cores.some((c) => c.length >= 5 && word.includes(c) && word !== c),
        ) ?? null)
      : null;
  return {
    field,
    tokens,
    fullName: fullName ? fullName.join(' ') : null,
    core: tokens.find((t) => w.cores.includes(t)) ?? null,
    abbreviation: tokens.find((t) => w.abbreviations.includes(t)) ?? null,
    school: school ? school.join(' ') : null,
    mascot: w.mascots.find((m) => findPhrase(tokens, m.split(' '))) ?? null,
    program: has(PROGRAM),
    schoolWord: has(SCHOOL_WORDS),
    position: has(POSITION),
    official: tokens.includes('official'),
    updates,
    coreInsideWord,
  };
}

/**
 * Suggests affiliation signals from a profile's handle, display name and bio, matched against the
 * district's names, abbreviations, mascots and school names (IX, XIX, XXIX). STRONG suggestions
 * are clear enough to apply; POSSIBLE ones carry a reason and need a person to confirm, because a
 * name alone can mean something else (Ralston is also a city, a ram also an animal).
 */
export function suggestAffiliationSignals(
  profile: ProfileText,
  district: DistrictProfile,
): SuggestionResult {
  const w = districtWords(district);
  const fields = (['handle', 'displayName', 'bio'] as const).map((f) => factsOf(f, profile[f], w));
  const any = <K extends keyof FieldFacts>(key: K) => fields.find((f) => f[key]);
  const districtField = fields.find((f) => f.fullName || f.core || f.abbreviation || f.school);
  const context = fields.some((f) => f.school || f.program || f.schoolWord || f.position || f.mascot || f.fullName);
  const suggestions: SignalSuggestion[] = [];
  const add = (
    signal: AffiliationSignal,
    confidence: 'STRONG' | 'POSSIBLE',
    field: ProfileField,
    matched: string,
    reason: string,
  ) => {
    if (suggestions.some((s) => s.signal === signal && (s.confidence === 'STRONG' || confidence === 'POSSIBLE'))) return;
    const at = suggestions.findIndex((s) => s.signal === signal);
    const suggestion = { signal, confidence, field, matched, reason, sections: SIGNAL_INFO[signal].sections };
    if (at >= 0) suggestions[at] = suggestion;
    else suggestions.push(suggestion);
  };

  // The district's or a school's name (XIX, XXIX).
  for (const f of fields) {
    const name = f.fullName ?? f.school ?? f.abbreviation ?? f.core;
    if (!name) continue;
    const strong = Boolean(f.fullName || f.school) || context;
    add(
      'USES_DISTRICT_NAME',
      strong ? 'STRONG' : 'POSSIBLE',
      f.field,
      name,
      strong
        ? `"${name}" names the district or one of its schools.`
        : `"${name}" matches a district name, but nothing else ties the account to the schools; confirm whether it means the district.`,
    );
  }
  const inside = any('coreInsideWord');
  if (inside?.coreInsideWord && !districtField) {
    add(
      'USES_DISTRICT_NAME',
      'POSSIBLE',
      'handle',
      inside.coreInsideWord,
      `The handle contains the district's name ("${inside.coreInsideWord}"), but nothing else ties the account to the schools (the name is also a place); a person should confirm before it counts.`,
    );
  }

  // The mascot (XIX, XXIX): an animal or team name alone is not enough.
  const mascotField = any('mascot');
  if (mascotField?.mascot) {
    add(
      'USES_MASCOT_OR_IMAGE',
      districtField ? 'STRONG' : 'POSSIBLE',
      mascotField.field,
      mascotField.mascot,
      districtField
        ? `"${mascotField.mascot}" is the district's mascot, used with the district's name.`
        : `"${mascotField.mascot}" is the district's mascot but may mean something else here; confirm.`,
    );
  }

  // Presents as an official program account (VIII: "Ralston Football").
  for (const f of fields) {
    const named = f.fullName ?? f.school ?? f.abbreviation ?? f.core;
    const anyDistrict = named ?? (districtField ? (districtField.fullName ?? districtField.school ?? districtField.abbreviation ?? districtField.core) : null);
    if (f.official && anyDistrict) {
      add('PURPORTS_OFFICIAL', 'STRONG', f.field, `official ${anyDistrict}`, 'It calls itself official and names the district (VIII).');
    } else if (f.official) {
      add('PURPORTS_OFFICIAL', 'POSSIBLE', f.field, 'official', 'It calls itself official; confirm what of (VIII).');
    }
    if (f.field !== 'bio' && f.program && anyDistrict && !fields.some((x) => x.position)) {
      add(
        'PURPORTS_OFFICIAL',
        'STRONG',
        f.field,
        `${anyDistrict} ${f.program}`,
        `A district name with a program ("${f.program}") reads as the program's official account (VIII).`,
      );
    }
  }

  // The staff position and the tie to the district (IX).
  const positionField = fields.find((f) => f.field !== 'handle' && f.position);
  if (positionField?.position) {
    if (districtField) {
      const where = districtField.fullName ?? districtField.school ?? districtField.abbreviation ?? districtField.core;
      add('LISTS_STAFF_POSITION', 'STRONG', positionField.field, positionField.position, `It lists a staff position ("${positionField.position}") with the district (IX).`);
      add('INDICATES_DISTRICT_CONNECTION', 'STRONG', positionField.field, `${positionField.position} … ${where}`, `It connects the account to ${where} (IX).`);
    } else {
      add('LISTS_STAFF_POSITION', 'POSSIBLE', positionField.field, positionField.position, `It mentions a position ("${positionField.position}") but no district school; confirm whether it is yours here (IX).`);
    }
  }

  // School news for students and families (IX).
  const updatesField = any('updates');
  if (updatesField?.updates) {
    const strong = Boolean(districtField) || fields.some((f) => f.tokens.includes('class') || f.tokens.includes('classroom') || f.schoolWord === 'school');
    add(
      'SHARES_SCHOOL_UPDATES',
      strong ? 'STRONG' : 'POSSIBLE',
      updatesField.field,
      updatesField.updates,
      strong
        ? 'It shares school updates with students or families (IX).'
        : 'It mentions updates for families or students; confirm they are school updates (IX).',
    );
  }

  const signals = AFFILIATION_SIGNALS.filter((s) =>
    suggestions.some((x) => x.signal === s && x.confidence === 'STRONG'),
  );
  return { suggestions, signals };
}
