import { cite, type SectionId, sortSections } from './catalog.js';
import { type RuleDeclaration, SCREENS } from './rules.js';

/**
 * Personal versus school-affiliated (VIII, IX), the signals that decide it, and a helper that
 * suggests signals from an account's profile text.
 *
 * The classification is a pure function of the signals, so the API (which never trusts a
 * client's classification) and the dashboard's live preview always agree, and the decision can
 * always list the signals and sections behind it.
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
  // A web page or site (XXIX: "web pages"), registered by its address rather than a handle.
  'WEB',
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
    description:
      'An account presenting itself as official for the district or one of its programs, ' +
      'classes or entities is school-affiliated and for district business only (VIII).',
  },
  SHARES_SCHOOL_UPDATES: {
    label: 'Shares school information and updates for students and families',
    sections: ['IX'],
    description:
      'A personal account that carries school news for students and families is treated as ' +
      'school-affiliated (IX).',
  },
  LISTS_STAFF_POSITION: {
    label: 'Prominently lists a position with the district',
    sections: ['V', 'IX'],
    description:
      'Prominently showing a district position makes the account school-affiliated (IX); on a ' +
      'personal account staff should avoid it in the first place (V).',
  },
  INDICATES_DISTRICT_CONNECTION: {
    label: 'Otherwise ties the views it expresses to the district',
    sections: ['IX'],
    description:
      'Any other sign that the views on the account are connected to the district makes it ' +
      'school-affiliated (IX).',
  },
  USES_DISTRICT_NAME: {
    label: "Uses the district's or a school's name",
    sections: ['XIX', 'XXIX'],
    description:
      "Using the district's name or its programs needs the supervising administrator's " +
      'permission (XIX), and content naming the district is school-affiliated content (XXIX).',
  },
  USES_MASCOT_OR_IMAGE: {
    label: "Uses the district's mascot, image or likeness",
    sections: ['XIX', 'XXIX'],
    description:
      "Using the mascot's name or image, or the district's likeness, needs permission (XIX) " +
      'and makes the content school-affiliated (XXIX).',
  },
};

/** Why a signal counts, in the words of a classification result. */
const SIGNAL_CLAUSE: Record<AffiliationSignal, string> = {
  PURPORTS_OFFICIAL: 'it presents itself as an official district, school, program or class account',
  SHARES_SCHOOL_UPDATES: 'it shares school information and updates for students and families',
  LISTS_STAFF_POSITION: 'it prominently lists a position with the district',
  INDICATES_DISTRICT_CONNECTION: 'it ties the views it expresses to the district',
  USES_DISTRICT_NAME: "it uses the district's or a school's name",
  USES_MASCOT_OR_IMAGE: "it uses the district's mascot, image or likeness",
};

export interface ClassificationReason {
  signal: AffiliationSignal;
  sections: SectionId[];
  explanation: string;
}

export interface ClassificationResult {
  classification: Classification;
  /** What made it school-affiliated, in AFFILIATION_SIGNALS order; empty when personal. */
  decidingSignals: AffiliationSignal[];
  reasons: ClassificationReason[];
  /** Sorted by section number, deduplicated. */
  sections: SectionId[];
  /** One sentence for people. */
  explanation: string;
}

export function isAffiliationSignal(value: unknown): value is AffiliationSignal {
  return typeof value === 'string' && (AFFILIATION_SIGNALS as readonly string[]).includes(value);
}

/** Sections cited when nothing makes an account school-affiliated. */
const PERSONAL_SECTIONS: SectionId[] = ['III', 'VIII', 'IX'];

function joinClauses(clauses: string[]): string {
  if (clauses.length <= 1) return clauses.join('');
  return `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`;
}

/**
 * VIII and IX: any one signal makes the account school-affiliated (each is sufficient on its own
 * in the policy's text); without any, it is personal.
 *
 * @throws TypeError for a value that is not an AffiliationSignal. The API validates its input
 * first; this guards against a typo silently classifying an account as personal.
 */
export function classifyAccount(signals: readonly AffiliationSignal[]): ClassificationResult {
  for (const signal of signals) {
    if (!isAffiliationSignal(signal)) {
      throw new TypeError(`Unknown affiliation signal: ${JSON.stringify(signal)}`);
    }
  }
  const present = AFFILIATION_SIGNALS.filter((s) => signals.includes(s));
  if (present.length === 0) {
    return {
      classification: 'PERSONAL',
      decidingSignals: [],
      reasons: [],
      sections: [...PERSONAL_SECTIONS],
      explanation:
        'Personal: nothing presents it as an official district account (VIII) or connects it ' +
        'to the district (IX), and the district will never ask for its password (III).',
    };
  }
  const reasons: ClassificationReason[] = present.map((signal) => ({
    signal,
    sections: [...SIGNAL_INFO[signal].sections],
    explanation: SIGNAL_INFO[signal].description,
  }));
  const sections = sortSections(reasons.flatMap((r) => r.sections));
  return {
    classification: 'SCHOOL_AFFILIATED',
    decidingSignals: present,
    reasons,
    sections,
    explanation: `School-affiliated because ${joinClauses(
      present.map((s) => SIGNAL_CLAUSE[s]),
    )} (${cite(sections)}).`,
  };
}

// ---------------------------------------------------------------------------------------------
// Suggesting signals from profile text (IX, XIX, XXIX)
// ---------------------------------------------------------------------------------------------

export interface DistrictProfile {
  /** e.g. 'Ralston Public Schools', 'Ralston' */
  names: string[];
  /** e.g. 'RPS' */
  abbreviations: string[];
  /** e.g. 'Rams' */
  mascots: string[];
  /** e.g. 'Ralston High School', 'Mockingbird Elementary' */
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
  /** STRONG: clear enough to apply. POSSIBLE: a person must confirm (see `reason`). */
  confidence: 'STRONG' | 'POSSIBLE';
  field: ProfileField;
  /** The normalized words that matched. */
  matched: string;
  reason: string;
  sections: SectionId[];
}

export interface SuggestionResult {
  /** At most one per signal (the strongest), in AFFILIATION_SIGNALS order. */
  suggestions: SignalSuggestion[];
  /** The STRONG ones only, deduplicated, in AFFILIATION_SIGNALS order. */
  signals: AffiliationSignal[];
}

/**
 * Lower-case words: punctuation and symbols separate words, camelCase and letter-digit
 * boundaries split ("@RalstonRams_1987" is ralston rams 1987), dotted initials join ("R.P.S."
 * is rps), ordinals stay whole ("3rd").
 */
export function tokenize(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\b(?:[A-Za-z]\.){2,}/g, (initials) => initials.replace(/\./g, ''))
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)(?!(?:st|nd|rd|th)(?![a-z]))([a-z])/gi, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/** Words that only say what kind of body a name is, not which one. */
const GENERIC = new Set([
  'public',
  'schools',
  'school',
  'district',
  'community',
  'unified',
  'independent',
  'consolidated',
  'county',
  'city',
  'the',
  'of',
  'and',
  'no',
  'isd',
  'usd',
]);
/** School levels: "Mockingbird Elementary" is known as "Mockingbird". */
const LEVEL = new Set([
  'elementary',
  'middle',
  'high',
  'junior',
  'senior',
  'intermediate',
  'primary',
  'academy',
  'school',
  'center',
  'centre',
  'early',
  'childhood',
]);
/** Programs, teams and groups: with a district name they read as that program's account (VIII). */
const PROGRAM = new Set([
  'football',
  'basketball',
  'volleyball',
  'soccer',
  'baseball',
  'softball',
  'wrestling',
  'track',
  'swim',
  'swimming',
  'tennis',
  'golf',
  'bowling',
  'cheer',
  'cheerleading',
  'dance',
  'band',
  'bands',
  'choir',
  'orchestra',
  'theatre',
  'theater',
  'drama',
  'robotics',
  'athletics',
  'athletic',
  'sports',
  'activities',
  'pta',
  'pto',
  'booster',
  'boosters',
  'yearbook',
  'newspaper',
  'debate',
  'fbla',
  'deca',
  'ffa',
  'stuco',
  'esports',
  'counseling',
]);
/** Words that place the text in a school setting. */
const SCHOOL_WORDS = new Set([
  'school',
  'schools',
  'elementary',
  'middle',
  'classroom',
  'classes',
  'homework',
  'grade',
  'graders',
  'kindergarten',
  'preschool',
  'students',
  'district',
  'campus',
  'faculty',
  'semester',
  'pta',
  'pto',
]);
/** Clearly a job in a school (IX's "position"). */
const POSITION = new Set([
  'teacher',
  'teaches',
  'teaching',
  'coach',
  'principal',
  'counselor',
  'counsellor',
  'librarian',
  'paraeducator',
  'paraprofessional',
  'educator',
  'nurse',
  'superintendent',
  'instructor',
]);
/** A job only when a district name is nearby ("para" is also Spanish, "aide" a general word). */
const WEAK_POSITION = new Set(['para', 'aide', 'director', 'administrator', 'secretary']);
/** Employment words: "proud to work at RPS", "RPS staff". */
const CONNECTION = new Set(['work', 'works', 'working', 'employed', 'employee', 'staff']);
const UPDATE_WORDS = new Set([
  'update',
  'updates',
  'news',
  'newsletter',
  'announcements',
  'announcement',
  'reminders',
  'info',
  'information',
]);
/** Who school updates are for ("family" alone is left out: "the Ralston family updates"). */
const AUDIENCE = new Set([
  'district',
  'families',
  'parents',
  'parent',
  'students',
  'student',
  'class',
  'classroom',
  'school',
]);
/** A class or school setting, which makes updates school updates. */
const CLASS_CONTEXT = new Set([
  'class',
  'classroom',
  'school',
  'grade',
  'graders',
  'homework',
  'kindergarten',
  ...POSITION,
]);
const NEGATIONS = new Set(['not', 'non', 'no', 'never', 'isn', 'unaffiliated']);
/**
 * Words that give a town name (or a mascot) another meaning: a community group, a business, a
 * private school or studio, a farm, a professional team. With one of them, a name that is also a
 * town's ("Ralston Tennis Club", "Ralston Ram Ranch", "LA Rams fan in Ralston") is only possible.
 * Each says what it points to, for the reason shown to people.
 */
const OTHER_MEANING_GROUPS: [string, string[]][] = [
  [
    'a community group or league',
    [
      'club',
      'league',
      'leagues',
      'rec',
      'recreation',
      'parks',
      'youth',
      'adult',
      'adults',
      'masters',
      'ymca',
      'ywca',
      'rotary',
      'kiwanis',
      'lions',
      'legion',
      'vfw',
      'chamber',
      'community',
      'volunteer',
      'church',
      'parish',
      'ministry',
      'historical',
    ],
  ],
  [
    'the town or its services',
    [
      'town',
      'local',
      'weather',
      'traffic',
      'library',
      'city',
      'village',
      'council',
      'mayor',
      'fire',
      'police',
      'hospital',
      'clinic',
    ],
  ],
  [
    'a private school, studio or lessons',
    [
      'studio',
      'studios',
      'lessons',
      'private',
      'montessori',
      'catholic',
      'christian',
      'lutheran',
      'yoga',
      'pilates',
      'gym',
      'fitness',
      'crossfit',
      'dojo',
    ],
  ],
  [
    'a business',
    [
      'realty',
      'realtor',
      'homes',
      'llc',
      'inc',
      'company',
      'shop',
      'store',
      'market',
      'bakery',
      'cafe',
      'restaurant',
      'brewing',
      'brewery',
      'salon',
    ],
  ],
  ['a farm', ['farm', 'farms', 'ranch', 'sheep', 'livestock', 'ewes']],
  ['another team with the same mascot', ['nfl', 'la', 'angeles', 'louis']],
  ['a former job', ['retired']],
];
const OTHER_MEANING = new Map(
  OTHER_MEANING_GROUPS.flatMap(([meaning, words]) => words.map((w) => [w, meaning] as const)),
);
/**
 * Words that only schools use: with one of them the words above do not take a name away from the
 * district ("Ralston PTO volunteer night" is still the schools').
 */
const SCHOOL_ONLY = new Set([
  'classroom',
  'homework',
  'kindergarten',
  'district',
  'campus',
  'faculty',
  'pta',
  'pto',
  'booster',
  'boosters',
  'yearbook',
  'stuco',
  'superintendent',
  'paraeducator',
  'paraprofessional',
]);
/** Words an account named after a school may carry besides the name ("The official ..."). */
const NAME_FILLER = new Set(['the', 'official', 'account', 'page', 'of', 'at']);
/** Extra pieces for splitting run-together handles ("ralstonhighband"). */
const SEGMENT_EXTRA = ['official', 'school', 'schools', 'class', 'of', 'news', 'updates', 'go'];

type TermKind = 'DISTRICT' | 'SCHOOL' | 'ABBREVIATION' | 'MASCOT';

interface Term {
  kind: TermKind;
  tokens: string[];
  /**
   * Whether the words alone could mean something else: a single word (Ralston is also a city,
   * "RPS" also rock-paper-scissors) or any mascot (rams are also animals and an NFL team).
   */
  ambiguous: boolean;
}

interface DistrictTerms {
  terms: Term[];
  /** Single-word district names long enough to look for inside run-together handle words. */
  embeddable: string[];
  /** Pieces for splitting run-together handle words. */
  vocabulary: Set<string>;
  /** The subset of vocabulary that names the district, a school or the mascot. */
  districtWords: Set<string>;
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function pluralVariants(tokens: string[]): string[][] {
  const last = tokens[tokens.length - 1];
  if (!last) return [];
  const head = tokens.slice(0, -1);
  const other = last.endsWith('s') && last.length > 3 ? last.slice(0, -1) : `${last}s`;
  return [tokens, [...head, other]];
}

/**
 * The words to look for, most specific first: full district names, school names and their short
 * forms ("Ralston High", "Mockingbird"), abbreviations, the district's core name ("Ralston" of
 * "Ralston Public Schools") and mascots in singular and plural.
 */
function districtTerms(district: DistrictProfile): DistrictTerms {
  const terms: Term[] = [];
  const add = (kind: TermKind, tokens: string[], ambiguous: boolean) => {
    if (tokens.length === 0 || terms.some((t) => sameTokens(t.tokens, tokens))) return;
    terms.push({ kind, tokens, ambiguous });
  };
  const names = district.names.map(tokenize).filter((t) => t.length > 0);
  const cores = names
    .map((t) => t.filter((w) => !GENERIC.has(w) && w.length >= 2))
    .filter((t) => t.length > 0);
  const schools = district.schoolNames.map(tokenize).filter((t) => t.length > 0);

  for (const name of names) if (name.length > 1) add('DISTRICT', name, false);
  for (const school of schools) if (school.length > 1) add('SCHOOL', school, false);
  const shortSchools: string[][] = [];
  for (const school of schools) {
    if (school.length > 2 && school[school.length - 1] === 'school') {
      shortSchools.push(school.slice(0, -1));
    }
    const level = school.findIndex((w) => LEVEL.has(w));
    const distinctive = school.slice(0, Math.max(level, 0)).filter((w) => !GENERIC.has(w));
    const isCore = cores.some((c) => sameTokens(c, distinctive));
    if (level > 0 && distinctive.length > 0 && !isCore) shortSchools.push(distinctive);
  }
  for (const s of shortSchools) if (s.length > 1) add('SCHOOL', s, false);
  for (const a of district.abbreviations) {
    const joined = tokenize(a).join('');
    if (joined) add('ABBREVIATION', [joined], true);
  }
  for (const core of cores) add('DISTRICT', core, core.length === 1);
  for (const school of schools) if (school.length === 1) add('SCHOOL', school, true);
  for (const s of shortSchools) if (s.length === 1) add('SCHOOL', s, true);
  for (const mascot of district.mascots) {
    for (const variant of pluralVariants(tokenize(mascot))) add('MASCOT', variant, true);
  }

  const districtWords = new Set(
    terms.flatMap((t) => t.tokens).filter((w) => !GENERIC.has(w) && !LEVEL.has(w)),
  );
  return {
    terms,
    embeddable: cores.filter((c) => c.length === 1 && (c[0] ?? '').length >= 5).map((c) => c[0]!),
    vocabulary: new Set([...districtWords, ...PROGRAM, ...LEVEL, ...SEGMENT_EXTRA]),
    districtWords,
  };
}

/**
 * Splits a run-together handle word into known pieces ("ralstonrams" is ralston rams), but only
 * when every piece is known and one of them names the district: "rpsx" and "grapes" stay whole.
 */
function segment(word: string, terms: DistrictTerms): string[] | null {
  const ways: (string[] | null)[] = [[]];
  for (let i = 1; i <= word.length; i++) ways.push(null);
  for (let i = 0; i < word.length; i++) {
    const head = ways[i];
    if (!head) continue;
    for (let j = i + 2; j <= word.length; j++) {
      const piece = word.slice(i, j);
      if (terms.vocabulary.has(piece) && !ways[j]) ways[j] = [...head, piece];
    }
  }
  const pieces = ways[word.length];
  return pieces && pieces.length > 1 && pieces.some((p) => terms.districtWords.has(p))
    ? pieces
    : null;
}

interface Match {
  term: Term;
  field: ProfileField;
  text: string;
}

interface FieldScan {
  field: ProfileField;
  tokens: string[];
  /** District and school names found, most specific first. */
  names: Match[];
  mascot: Match | null;
  /** Whether every word is part of a name or filler ("Mockingbird Elementary"). */
  onlyNames: boolean;
  program: string | null;
  schoolWord: string | null;
  position: string | null;
  weakPosition: string | null;
  connection: string | null;
  /** "official", unless negated ("not an official account"). */
  official: boolean;
  /** The words around an update word that has an audience ("class updates"). */
  updates: string | null;
  classContext: boolean;
  /** A handle or display-name word with a district name inside it ("ralstonfan"). */
  embedded: { word: string; name: string } | null;
  /** A word that gives a town name or a mascot another meaning ("club", "ranch"). */
  otherMeaning: string | null;
  /** A word only schools use ("classroom", "pto"). */
  schoolOnly: string | null;
  /** The mascot right after a district or school name ("Ralston Rams", "RPS Rams"). */
  mascotPaired: boolean;
}

function findAll(tokens: string[], phrase: string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((p, j) => tokens[i + j] === p)) at.push(i);
  }
  return at;
}

function firstIn(tokens: string[], set: { has(word: string): boolean }): string | null {
  return tokens.find((t) => set.has(t)) ?? null;
}

function scanField(
  field: ProfileField,
  text: string | null | undefined,
  terms: DistrictTerms,
): FieldScan {
  let tokens = tokenize(text);
  if (field === 'handle') {
    tokens = tokens.flatMap((t) => (terms.vocabulary.has(t) ? [t] : (segment(t, terms) ?? [t])));
  }
  const covered = new Set<number>();
  const names: Match[] = [];
  let mascot: Match | null = null;
  const nameEnds = new Set<number>();
  const mascotStarts = new Set<number>();
  for (const term of terms.terms) {
    const at = findAll(tokens, term.tokens);
    if (at.length === 0) continue;
    for (const i of at) for (let j = 0; j < term.tokens.length; j++) covered.add(i + j);
    for (const i of at) {
      if (term.kind === 'MASCOT') mascotStarts.add(i);
      else nameEnds.add(i + term.tokens.length);
    }
    const match = { term, field, text: term.tokens.join(' ') };
    if (term.kind === 'MASCOT') mascot ??= match;
    else names.push(match);
  }

  const classOf = tokens.some((t, i) => t === 'class' && tokens[i + 1] === 'of');
  const officialAt = tokens.indexOf('official');
  const beforeOfficial = tokens.slice(Math.max(0, officialAt - 3), Math.max(0, officialAt));
  const official = officialAt >= 0 && !beforeOfficial.some((t) => NEGATIONS.has(t));
  let updates: string | null = null;
  tokens.forEach((t, i) => {
    if (updates !== null || !UPDATE_WORDS.has(t)) return;
    const window = tokens.slice(Math.max(0, i - 3), i + 5);
    if (window.some((w) => AUDIENCE.has(w))) updates = window.join(' ');
  });
  const embeddedWord =
    field === 'bio'
      ? undefined
      : tokens.find((t) => terms.embeddable.some((name) => t !== name && t.includes(name)));

  return {
    field,
    tokens,
    names,
    mascot,
    onlyNames:
      names.some((m) => !m.term.ambiguous) &&
      tokens.every((t, i) => covered.has(i) || NAME_FILLER.has(t) || GENERIC.has(t)),
    program: firstIn(tokens, PROGRAM) ?? (classOf ? 'class of' : null),
    schoolWord: firstIn(tokens, SCHOOL_WORDS),
    position: firstIn(tokens, POSITION),
    weakPosition: firstIn(tokens, WEAK_POSITION),
    connection: firstIn(tokens, CONNECTION),
    official,
    updates,
    classContext: tokens.some((t) => CLASS_CONTEXT.has(t)),
    embedded: embeddedWord
      ? {
          word: embeddedWord,
          name: terms.embeddable.find((name) => embeddedWord.includes(name)) ?? '',
        }
      : null,
    otherMeaning: firstIn(tokens, OTHER_MEANING),
    schoolOnly: firstIn(tokens, SCHOOL_ONLY),
    mascotPaired: [...mascotStarts].some((i) => nameEnds.has(i)),
  };
}

/** Most specific first: unambiguous before ambiguous, longer before shorter, then field order. */
function bestName(matches: Match[]): Match | null {
  const sorted = [...matches].sort(
    (a, b) =>
      Number(a.term.ambiguous) - Number(b.term.ambiguous) ||
      b.term.tokens.length - a.term.tokens.length,
  );
  return sorted[0] ?? null;
}

const FIELD_LABEL: Record<ProfileField, string> = {
  handle: 'handle',
  displayName: 'display name',
  bio: 'bio',
};

/**
 * Suggests affiliation signals from an account's handle, display name and bio, matched against
 * the district profile (IX, XIX, XXIX).
 *
 * STRONG suggestions are clear enough to apply. POSSIBLE ones carry a reason and need a person
 * to confirm, because a name alone can mean something else: the district's core name is also a
 * town or a surname, and a mascot is also an animal or another team. The words must match whole
 * ("rpsx" and "grapes" are not "rps"), regardless of case and punctuation.
 *
 * Where the line runs: a full district or school name ("Ralston High", "Ralston Public
 * Schools") is always strong. A name that is also a town's, a surname or an abbreviation
 * ("Ralston", "RPS") is strong only with something that places it in the schools: a program or
 * team ("football"), a school word ("grade", "students"), a position ("teacher"), employment
 * ("work at"), "official", school updates, or the mascot right after it ("Ralston Rams"); and
 * never when a word gives it another meaning ("club", "league", "studio", "ranch", "NFL") unless
 * a word only schools use is there too ("PTO", "classroom").
 */
export function suggestAffiliationSignals(
  profile: ProfileText,
  district: DistrictProfile,
): SuggestionResult {
  const terms = districtTerms(district);
  const fields = (['handle', 'displayName', 'bio'] as const).map((f) =>
    scanField(f, profile[f], terms),
  );
  const nameFields = fields.filter((f) => f.field !== 'bio');
  const names = fields.flatMap((f) => f.names);
  const name = bestName(names);
  const mascot = fields.find((f) => f.mascot)?.mascot ?? null;
  const mascotPaired = fields.some((f) => f.mascotPaired);

  // What places the profile in a school setting, so that an ambiguous name means the district.
  const contextWord =
    fields.map((f) => f.program).find(Boolean) ??
    fields.map((f) => f.schoolWord).find(Boolean) ??
    fields.map((f) => f.position).find(Boolean) ??
    fields.map((f) => f.connection).find(Boolean) ??
    fields.map((f) => f.weakPosition).find(Boolean) ??
    (fields.some((f) => f.official) ? 'official' : null) ??
    fields.map((f) => f.updates).find(Boolean) ??
    null;
  // What gives an ambiguous name another meaning, unless a word only schools use is there too.
  const schoolOnly = fields.map((f) => f.schoolOnly).find(Boolean) ?? null;
  const elsewhere = schoolOnly ? null : (fields.map((f) => f.otherMeaning).find(Boolean) ?? null);
  const nameIsClear = name !== null && !name.term.ambiguous;
  const nameIsStrong =
    nameIsClear ||
    (name !== null && elsewhere === null && (contextWord !== null || mascotPaired));
  /** Why an ambiguous name stays possible, as a clause. */
  const whyNotSure = elsewhere
    ? `"${elsewhere}" points to ${OTHER_MEANING.get(elsewhere) ?? 'something else'} rather ` +
      'than the schools'
    : 'nothing else ties the account to the schools';
  /** What else an ambiguous name can be. */
  const alsoMeans =
    name?.term.kind === 'ABBREVIATION'
      ? 'other initials'
      : name?.term.kind === 'SCHOOL'
        ? 'a place, a surname'
        : 'a town, a surname';

  const found = new Map<AffiliationSignal, SignalSuggestion>();
  const suggest = (
    signal: AffiliationSignal,
    confidence: 'STRONG' | 'POSSIBLE',
    field: ProfileField,
    matched: string,
    reason: string,
  ) => {
    const previous = found.get(signal);
    if (previous && (previous.confidence === 'STRONG' || confidence === 'POSSIBLE')) return;
    const sections = [...SIGNAL_INFO[signal].sections];
    found.set(signal, { signal, confidence, field, matched, reason, sections });
  };
  const confirm = 'a person must confirm';

  // The district's or a school's name (XIX, XXIX).
  if (name) {
    const where = FIELD_LABEL[name.field];
    const what = name.term.kind === 'SCHOOL' ? "one of the district's schools" : 'the district';
    if (nameIsClear) {
      suggest(
        'USES_DISTRICT_NAME',
        'STRONG',
        name.field,
        name.text,
        `The ${where} names ${what} ("${name.text}"); using the name needs permission ` +
          '(XIX, XXIX).',
      );
    } else if (nameIsStrong) {
      const withWhat = contextWord ? `"${contextWord}"` : `the mascot ("${name.text} ${mascot?.text ?? ''}")`;
      suggest(
        'USES_DISTRICT_NAME',
        'STRONG',
        name.field,
        name.text,
        `"${name.text}" is one of the district's names and appears with ${withWhat}, so it ` +
          'means the district; using the name needs permission (XIX, XXIX).',
      );
    } else {
      suggest(
        'USES_DISTRICT_NAME',
        'POSSIBLE',
        name.field,
        name.text,
        `"${name.text}" is one of the district's names, but ${whyNotSure}, and the word can ` +
          `mean something else too (${alsoMeans}); ${confirm} (XIX, XXIX).`,
      );
    }
  } else {
    const embeddedField = nameFields.find((f) => f.embedded);
    const embedded = embeddedField?.embedded;
    if (embeddedField && embedded) {
      const nothingElse = contextWord === null && mascot === null;
      suggest(
        'USES_DISTRICT_NAME',
        'POSSIBLE',
        embeddedField.field,
        embedded.word,
        `The ${FIELD_LABEL[embeddedField.field]} word "${embedded.word}" contains ` +
          `"${embedded.name}", one of the district's names, but ` +
          (nothingElse ? 'nothing else ties the account to the schools, and ' : '') +
          `the name can mean something else too (a town, a surname); ${confirm} (XIX, XXIX).`,
      );
    }
  }

  // The mascot (XIX, XXIX): without a district name it may be an animal or another team.
  if (mascot) {
    let reason: string;
    if (name && nameIsStrong) {
      reason =
        `"${mascot.text}" is the district's mascot and appears with "${name.text}"; using it ` +
        'needs permission (XIX, XXIX).';
    } else if (name) {
      reason =
        `"${mascot.text}" is the district's mascot, but ${whyNotSure}, and it can mean ` +
        `something else (an animal, another team); ${confirm} (XIX, XXIX).`;
    } else {
      reason =
        `"${mascot.text}" is the district's mascot, but with no district or school name it can ` +
        `mean something else (an animal, another team); ${confirm} (XIX, XXIX).`;
    }
    suggest(
      'USES_MASCOT_OR_IMAGE',
      name && nameIsStrong ? 'STRONG' : 'POSSIBLE',
      mascot.field,
      mascot.text,
      reason,
    );
  }

  // Presents itself as official (VIII).
  const officialField = fields.find((f) => f.official);
  if (officialField) {
    const where = FIELD_LABEL[officialField.field];
    if (name && nameIsStrong) {
      suggest(
        'PURPORTS_OFFICIAL',
        'STRONG',
        officialField.field,
        `official … ${name.text}`,
        `The ${where} calls the account official and names "${name.text}", so it presents ` +
          'itself as a district account (VIII).',
      );
    } else {
      const named = name
        ? `and names "${name.text}", but ${whyNotSure}`
        : 'but names no school or the district';
      suggest(
        'PURPORTS_OFFICIAL',
        'POSSIBLE',
        officialField.field,
        name ? `official … ${name.text}` : mascot ? `official … ${mascot.text}` : 'official',
        `The ${where} calls the account official ${named}; if it is an official account of a ` +
          `district program or class, it is school-affiliated; ${confirm} (VIII).`,
      );
    }
  }
  const namesInNames = nameFields.flatMap((f) => f.names);
  for (const f of nameFields) {
    const where = FIELD_LABEL[f.field];
    const ownName = bestName(f.names) ?? bestName(namesInNames);
    const hasPosition = f.position !== null || f.weakPosition !== null;
    if (f.program && ownName && !hasPosition) {
      // A person's own title ("Coach Lee, Ralston Football") lists a position (IX) instead.
      const pairs =
        f.names.length > 0
          ? `pairs "${ownName.text}" with a program ("${f.program}")`
          : `names a program ("${f.program}") of "${ownName.text}", the name the account goes by`;
      const clear = !ownName.term.ambiguous || nameIsStrong;
      suggest(
        'PURPORTS_OFFICIAL',
        clear ? 'STRONG' : 'POSSIBLE',
        f.field,
        f.tokens.join(' '),
        clear
          ? `The ${where} ${pairs}, which reads as that program's official account, as in the ` +
              "policy's own example (VIII)."
          : `The ${where} ${pairs}, but ${whyNotSure}; if it is a district program's account, ` +
              `it presents itself as official; ${confirm} (VIII).`,
      );
    }
    if (f.onlyNames) {
      suggest(
        'PURPORTS_OFFICIAL',
        'STRONG',
        f.field,
        f.tokens.join(' '),
        `The ${where} is the name "${bestName(f.names)?.text ?? ''}" itself, so the account ` +
          "presents itself as that school's or the district's own (VIII).",
      );
    }
    if (f.program && !ownName && f.mascot && !hasPosition) {
      // "Rams Basketball" is another team's too, unless the profile names the school elsewhere.
      const school = name && nameIsStrong ? name : null;
      suggest(
        'PURPORTS_OFFICIAL',
        school ? 'STRONG' : 'POSSIBLE',
        f.field,
        `${f.mascot.text} ${f.program}`,
        school
          ? `The ${where} pairs the mascot "${f.mascot.text}" with a program ("${f.program}") ` +
              `and the ${FIELD_LABEL[school.field]} names "${school.text}", so it reads as that ` +
              "program's official account (VIII)."
          : `The ${where} pairs the mascot "${f.mascot.text}" with a program ("${f.program}"), ` +
              "which may present as a school program's account, but the mascot alone can mean " +
              `another team; ${confirm} (VIII).`,
      );
    }
  }

  // A staff position, and a tie between the account and the district (IX; V).
  const positionField = fields.find((f) => f.position) ?? null;
  const weakField = fields.find((f) => f.weakPosition) ?? null;
  const positionAt = positionField ?? weakField;
  const position = positionField?.position ?? weakField?.weakPosition ?? null;
  if (position && positionAt && name && nameIsStrong) {
    suggest(
      'LISTS_STAFF_POSITION',
      'STRONG',
      positionAt.field,
      position,
      `The ${FIELD_LABEL[positionAt.field]} gives a position ("${position}") together with ` +
        `"${name.text}" (IX; V asks staff not to do this on a personal account).`,
    );
    suggest(
      'INDICATES_DISTRICT_CONNECTION',
      'STRONG',
      positionAt.field,
      `${position} … ${name.text}`,
      `Naming the position with "${name.text}" connects the account, and the views on it, to ` +
        'the district (IX).',
    );
  } else if (positionField?.position) {
    suggest(
      'LISTS_STAFF_POSITION',
      'POSSIBLE',
      positionField.field,
      positionField.position,
      `The ${FIELD_LABEL[positionField.field]} mentions a position ("${positionField.position}") ` +
        (name ? `with "${name.text}", but ${whyNotSure}` : 'but not where') +
        '; if it is a position with the district, listing it makes the account ' +
        `school-affiliated (IX); ${confirm}.`,
    );
  }
  const connectionField = fields.find((f) => f.connection);
  if (connectionField?.connection && name && nameIsStrong) {
    suggest(
      'INDICATES_DISTRICT_CONNECTION',
      'STRONG',
      connectionField.field,
      `${connectionField.connection} … ${name.text}`,
      `The ${FIELD_LABEL[connectionField.field]} says the person works for "${name.text}", ` +
        'which connects the account to the district (IX).',
    );
  }

  // School information and updates for students and families (IX).
  const updatesField = fields.find((f) => f.updates);
  if (updatesField?.updates) {
    const where = FIELD_LABEL[updatesField.field];
    const schoolSetting = (name !== null && nameIsStrong) || fields.some((f) => f.classContext);
    suggest(
      'SHARES_SCHOOL_UPDATES',
      schoolSetting ? 'STRONG' : 'POSSIBLE',
      updatesField.field,
      updatesField.updates,
      schoolSetting
        ? `The ${where} offers updates for students or families in a school or class setting ` +
            `("${updatesField.updates}") (IX).`
        : `The ${where} offers updates ("${updatesField.updates}") but ` +
            (name ? `${whyNotSure}` : 'names no class, school or district') +
            `; ${confirm} that they are school updates (IX).`,
    );
  }

  const suggestions = AFFILIATION_SIGNALS.flatMap((s) => {
    const suggestion = found.get(s);
    return suggestion ? [suggestion] : [];
  });
  return {
    suggestions,
    signals: suggestions.filter((s) => s.confidence === 'STRONG').map((s) => s.signal),
  };
}

/** This module's rules, for the policy coverage map (coverage.ts). */
export const CLASSIFICATION_RULES: readonly RuleDeclaration[] = [
  {
    id: 'classification.classifyAccount',
    name:
      'An account is school-affiliated when it presents itself as official (VIII) or any sign ' +
      'connects it to the district (IX); the server classifies, never the client',
    sections: ['VIII', 'IX'],
    kind: 'ENFORCED',
    functions: ['classifyAccount'],
    operations: ['registerSocialAccount', 'updateSocialAccount', 'classifyAccountPreview'],
    screen: SCREENS.socialAccounts,
    tests: 'classification.test.ts',
  },
  {
    id: 'classification.suggestAffiliationSignals',
    name:
      "Signals are suggested from an account's handle, name and bio against the district's " +
      'names, schools and mascots',
    sections: ['IX', 'XIX', 'XXIX'],
    kind: 'ADVISORY',
    functions: ['suggestAffiliationSignals'],
    operations: ['classifyAccountPreview', 'registerSocialAccount', 'updateSocialAccount'],
    screen: SCREENS.socialAccounts,
    tests: 'classification.test.ts',
  },
];
