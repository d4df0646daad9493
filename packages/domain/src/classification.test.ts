import { describe, expect, it } from 'vitest';
import { affiliationReviewAfterSave } from './accounts.js';
import type { SectionId } from './catalog.js';
import {
  AFFILIATION_SIGNALS,
  type AffiliationSignal,
  classifyAccount,
  type DistrictProfile,
  type ProfileText,
  SIGNAL_INFO,
  suggestAffiliationSignals,
  tokenize,
} from './classification.js';

const RALSTON: DistrictProfile = {
  names: ['Ralston Public Schools', 'Ralston'],
  abbreviations: ['RPS'],
  mascots: ['Rams'],
  schoolNames: ['Ralston High School', 'Ralston Middle School', 'Mockingbird Elementary'],
};

describe('classifyAccount (VIII, IX)', () => {
  it.each<[AffiliationSignal, SectionId[]]>([
    ['PURPORTS_OFFICIAL', ['VIII']],
    ['SHARES_SCHOOL_UPDATES', ['IX']],
    ['LISTS_STAFF_POSITION', ['V', 'IX']],
    ['INDICATES_DISTRICT_CONNECTION', ['IX']],
    ['USES_DISTRICT_NAME', ['XIX', 'XXIX']],
    ['USES_MASCOT_OR_IMAGE', ['XIX', 'XXIX']],
  ])('%s alone makes an account school-affiliated, citing %j', (signal, sections) => {
    const result = classifyAccount([signal]);
    expect(result.classification).toBe('SCHOOL_AFFILIATED');
    expect(result.decidingSignals).toEqual([signal]);
    expect(result.sections).toEqual(sections);
    expect(result.reasons).toEqual([
      { signal, sections, explanation: SIGNAL_INFO[signal].description },
    ]);
    expect(result.explanation).toMatch(/^School-affiliated because .+\.$/);
  });

  it('leaves an account with no signal personal, citing VIII and IX, and III for passwords', () => {
    const result = classifyAccount([]);
    expect(result).toMatchObject({
      classification: 'PERSONAL',
      decidingSignals: [],
      reasons: [],
      sections: ['III', 'VIII', 'IX'],
    });
    expect(result.explanation).toMatch(/official/);
    expect(result.explanation).toMatch(/password/);
  });

  it('deduplicates signals and lists them in a fixed order, whatever the input order', () => {
    const result = classifyAccount([
      'USES_MASCOT_OR_IMAGE',
      'USES_DISTRICT_NAME',
      'PURPORTS_OFFICIAL',
      'USES_DISTRICT_NAME',
    ]);
    expect(result.decidingSignals).toEqual([
      'PURPORTS_OFFICIAL',
      'USES_DISTRICT_NAME',
      'USES_MASCOT_OR_IMAGE',
    ]);
    expect(result.reasons.map((r) => r.signal)).toEqual(result.decidingSignals);
  });

  it('cites the union of the sections, deduplicated and sorted by number', () => {
    const result = classifyAccount([...AFFILIATION_SIGNALS].reverse());
    expect(result.sections).toEqual(['V', 'VIII', 'IX', 'XIX', 'XXIX']);
    expect(result.explanation).toContain('Policy 4051 §V, §VIII, §IX, §XIX, §XXIX');
  });

  it('explains itself in one sentence', () => {
    const { explanation } = classifyAccount(['LISTS_STAFF_POSITION', 'USES_DISTRICT_NAME']);
    expect(explanation).toBe(
      'School-affiliated because it prominently lists a position with the district and it ' +
        "uses the district's or a school's name (Policy 4051 §V, §IX, §XIX, §XXIX).",
    );
  });

  it.each(['NOT_A_SIGNAL', 'purports_official', '', 'PERSONAL'])(
    'throws a TypeError for the unknown signal %j',
    (value) => {
      expect(() => classifyAccount(['USES_DISTRICT_NAME', value as AffiliationSignal])).toThrow(
        TypeError,
      );
    },
  );
});

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['@RalstonRams_Football', ['ralston', 'rams', 'football']],
    ['RPSBand', ['rps', 'band']],
    ['ralstonfan1987', ['ralstonfan', '1987']],
    ['Go Rams!!!', ['go', 'rams']],
    ['R.P.S. band', ['rps', 'band']],
    ['3rd-grade teacher', ['3rd', 'grade', 'teacher']],
    ["Mrs. O'Brien's #class", ['mrs', 'o', 'brien', 's', 'class']],
    ['Rälston', ['ralston']],
  ])('splits %j into %j', (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });
});

interface Case {
  behaviour: string;
  profile: ProfileText;
  /** Exactly the STRONG signals (result.signals), in AFFILIATION_SIGNALS order. */
  strong: AffiliationSignal[];
  /** Exactly the signals suggested as POSSIBLE only. */
  possible?: AffiliationSignal[];
}

const CASES: Case[] = [
  // VIII: a district name with a program reads as the program's account ("Ralston Football").
  {
    behaviour: '"Ralston Rams Football" presents as an official program account (VIII, XIX)',
    profile: { displayName: 'Ralston Rams Football' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
  },
  {
    behaviour: '"@RPS_band" is the district band account (VIII, XIX)',
    profile: { handle: '@RPS_band' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: 'case and punctuation do not matter: "RALSTON.rams-FOOTBALL!!" (VIII)',
    profile: { handle: 'RALSTON.rams-FOOTBALL!!' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
  },
  {
    behaviour: 'a camelCase handle is split: "RalstonRams" uses name and mascot (XIX)',
    profile: { handle: 'RalstonRams' },
    strong: ['USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
  },
  {
    behaviour: 'a run-together handle of known words is split: "ralstonhighband" (VIII)',
    profile: { handle: 'ralstonhighband' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: 'dotted initials count as the abbreviation: "R.P.S. Choir" (VIII)',
    profile: { displayName: 'R.P.S. Choir' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: 'a class year is a program: "Ralston High Class of 2026" (VIII)',
    profile: { displayName: 'Ralston High Class of 2026' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: 'an account named after a school itself presents as that school (VIII)',
    profile: { displayName: 'Mockingbird Elementary' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"Official account of Ralston Public Schools" purports to be official (VIII)',
    profile: { bio: 'Official account of Ralston Public Schools' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"official" with the abbreviation purports to be official (VIII)',
    profile: { displayName: 'Official RPS page' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"official" with no district or school is only possible (VIII)',
    profile: { bio: 'The official fan page of my cat' },
    strong: [],
    possible: ['PURPORTS_OFFICIAL'],
  },
  {
    behaviour: 'a disclaimer ("not an official RPS account") does not purport to be official',
    profile: { bio: 'Views my own, not an official RPS account' },
    strong: [],
    possible: ['USES_DISTRICT_NAME'],
  },
  // IX: the staff position, and the tie to the district.
  {
    behaviour: '"Teacher at Ralston High" lists the position with the district (IX, V)',
    profile: { bio: 'Teacher at Ralston High' },
    strong: ['LISTS_STAFF_POSITION', 'INDICATES_DISTRICT_CONNECTION', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"teaches … at" a school lists the position (IX)',
    profile: { bio: 'Teaches 5th grade science at Mockingbird' },
    strong: ['LISTS_STAFF_POSITION', 'INDICATES_DISTRICT_CONNECTION', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"Nth grade teacher" with a school name lists the position (IX)',
    profile: { displayName: 'Ms. Lee', bio: '3rd grade teacher, Mockingbird Elementary' },
    strong: ['LISTS_STAFF_POSITION', 'INDICATES_DISTRICT_CONNECTION', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: 'a coach named with a program lists a position rather than purporting (IX)',
    profile: { displayName: 'Coach Smith | Ralston Football' },
    strong: ['LISTS_STAFF_POSITION', 'INDICATES_DISTRICT_CONNECTION', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"para" counts as a position next to a school name (IX)',
    profile: { bio: 'Para at Mockingbird' },
    strong: ['LISTS_STAFF_POSITION', 'INDICATES_DISTRICT_CONNECTION', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"para" in other text is not a position ("Recetas para todos")',
    profile: { bio: 'Recetas para todos' },
    strong: [],
  },
  {
    behaviour: 'a position with no school or district is only possible (IX)',
    profile: { bio: '3rd grade teacher, mom of two' },
    strong: [],
    possible: ['LISTS_STAFF_POSITION'],
  },
  {
    behaviour: '"Proud to work at RPS" ties the account to the district (IX)',
    profile: { bio: 'Proud to work at RPS' },
    strong: ['INDICATES_DISTRICT_CONNECTION', 'USES_DISTRICT_NAME'],
  },
  // IX: school information and updates for students and families.
  {
    behaviour: '"Class updates and homework reminders" shares school updates (IX)',
    profile: { bio: 'Class updates and homework reminders' },
    strong: ['SHARES_SCHOOL_UPDATES'],
  },
  {
    behaviour: '"Classroom news" shares school updates (IX)',
    profile: { bio: 'Classroom news' },
    strong: ['SHARES_SCHOOL_UPDATES'],
  },
  {
    behaviour: '"Updates for families in Ms. Lee\'s class" shares school updates (IX)',
    profile: { bio: "Updates for families in Ms. Lee's class" },
    strong: ['SHARES_SCHOOL_UPDATES'],
  },
  {
    behaviour: '"News for Ralston families" shares updates and names the district (IX, XIX)',
    profile: { bio: 'News for Ralston families' },
    strong: ['SHARES_SCHOOL_UPDATES', 'USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"Updates for parents" with no school context is only possible (IX)',
    profile: { bio: 'Updates for parents' },
    strong: [],
    possible: ['SHARES_SCHOOL_UPDATES'],
  },
  {
    behaviour: '"Announcements for students" with no school context is only possible (IX)',
    profile: { bio: 'Announcements for students' },
    strong: [],
    possible: ['SHARES_SCHOOL_UPDATES'],
  },
  {
    behaviour: '"Announcements for students" on an account named after a school (VIII, IX)',
    profile: { displayName: 'Ralston Middle School', bio: 'Announcements for students' },
    strong: ['PURPORTS_OFFICIAL', 'SHARES_SCHOOL_UPDATES', 'USES_DISTRICT_NAME'],
  },
  // XIX, XXIX: the district's name and mascot, and what else they can mean.
  {
    behaviour: '"ralstonfan1987 cooking blog" is not affiliated on the name alone (XIX)',
    profile: { handle: 'ralstonfan1987', bio: 'cooking blog' },
    strong: [],
    possible: ['USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"Ralston" alone, as a place, is only possible (XIX)',
    profile: { bio: 'Living in Ralston, love hiking' },
    strong: [],
    possible: ['USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"The Ralston family updates" is a surname, not school updates',
    profile: { bio: 'The Ralston family updates' },
    strong: [],
    possible: ['USES_DISTRICT_NAME'],
  },
  {
    behaviour: '"Mockingbird Elementary 3rd grade" names a school, but lists no position (XIX)',
    profile: { bio: 'Mockingbird Elementary 3rd grade' },
    strong: ['USES_DISTRICT_NAME'],
  },
  {
    behaviour: 'a school short name alone ("Mockingbird") is only possible (XIX)',
    profile: { displayName: 'Mrs. Lee', bio: 'Mockingbird' },
    strong: [],
    possible: ['USES_DISTRICT_NAME'],
  },
  {
    behaviour: 'the mascot alone ("Go Rams!") is only possible: rams are also animals (XIX)',
    profile: { bio: 'Go Rams!' },
    strong: [],
    possible: ['USES_MASCOT_OR_IMAGE'],
  },
  {
    behaviour: 'the mascot with the district name is strong: "Go Ralston Rams!" (XIX)',
    profile: { bio: 'Go Ralston Rams!' },
    strong: ['USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
  },
  {
    behaviour: 'the singular mascot with a school name: "Ralston High Ram Robotics" (VIII, XIX)',
    profile: { displayName: 'Ralston High Ram Robotics' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
  },
  {
    behaviour: 'the mascot with a program but no district name may be another team (VIII)',
    profile: { displayName: 'Rams Football' },
    strong: [],
    possible: ['PURPORTS_OFFICIAL', 'USES_MASCOT_OR_IMAGE'],
  },
  // Whole tokens only.
  {
    behaviour: 'a whole token is needed: "rpsx" does not match RPS',
    profile: { handle: 'rpsx' },
    strong: [],
  },
  {
    behaviour: 'a whole token is needed: "grapes" does not match RPS',
    profile: { bio: 'I grow grapes' },
    strong: [],
  },
  {
    behaviour: 'an abbreviation the district does not use ("RHS") is ignored',
    profile: { handle: 'rhs_fan' },
    strong: [],
  },
  {
    behaviour: 'a plain personal profile gets no suggestion',
    profile: { handle: 'jane_doe', displayName: 'Jane Doe', bio: 'Cooking, gardening, my dog' },
    strong: [],
  },
  {
    behaviour: 'an empty profile gets no suggestion',
    profile: { handle: null, displayName: '', bio: undefined },
    strong: [],
  },
];

/**
 * A town's name is also the district's: hobby, business and community accounts that mention it
 * stay POSSIBLE (shown, never flagged), while profiles the schools' words place in the district
 * are STRONG (flagged when the owner ticks none). The reason says which word decided.
 */
const TOWN_CASES: (Case & { reason: RegExp })[] = [
  {
    behaviour: 'a tennis club in town is not a school program ("club")',
    profile: { displayName: 'Ralston Tennis Club', bio: 'Adult league, all levels welcome' },
    strong: [],
    possible: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
    reason: /"club" points to a community group or league/,
  },
  {
    behaviour: 'a youth league is not a school team ("youth")',
    profile: { displayName: 'Ralston Youth Soccer', bio: 'Rec league for kids 4-12' },
    strong: [],
    possible: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
    reason: /"youth" points to a community group or league/,
  },
  {
    behaviour: 'a dance studio is a business ("studio")',
    profile: { displayName: 'Ralston Dance Studio', bio: 'Ballet and jazz classes' },
    strong: [],
    possible: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
    reason: /"studio" points to a private school, studio or lessons/,
  },
  {
    behaviour: 'rams on a sheep farm are animals ("ranch")',
    profile: { displayName: 'Ralston Ram Ranch', bio: 'Sheep farm. Rams and ewes for sale.' },
    strong: [],
    possible: ['USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
    reason: /"ranch" points to a farm/,
  },
  {
    behaviour: 'an NFL fan living in town is not cheering for the schools ("LA Rams")',
    profile: { bio: 'LA Rams fan living in Ralston' },
    strong: [],
    possible: ['USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
    reason: /another team with the same mascot/,
  },
  {
    behaviour: "the city's official page is not the district's (\"city\")",
    profile: { displayName: 'City of Ralston', bio: 'Official page of the City of Ralston' },
    strong: [],
    possible: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
    reason: /"city" points to the town or its services/,
  },
  {
    behaviour: 'a yoga instructor in town holds no district position',
    profile: { bio: 'Yoga instructor in Ralston' },
    strong: [],
    possible: ['LISTS_STAFF_POSITION', 'USES_DISTRICT_NAME'],
    reason: /"yoga" points to a private school, studio or lessons/,
  },
  {
    behaviour: 'a retired teacher lists a former job',
    profile: { bio: 'Retired teacher. Fishing in Ralston.' },
    strong: [],
    possible: ['LISTS_STAFF_POSITION', 'USES_DISTRICT_NAME'],
    reason: /"retired" points to a former job/,
  },
  {
    behaviour: 'town weather for families is not school updates ("local", "weather")',
    profile: { bio: 'Local weather updates for Ralston families' },
    strong: [],
    possible: ['SHARES_SCHOOL_UPDATES', 'USES_DISTRICT_NAME'],
    reason: /"local" points to the town or its services/,
  },
  {
    behaviour: 'a word only schools use wins over a community word ("PTO" with "volunteer")',
    profile: { displayName: 'Ralston PTO', bio: 'Volunteer sign-ups for Mockingbird families' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
    reason: /appears with "pto", so it means the district/,
  },
  {
    behaviour: 'the mascot and a program are the school\'s when the bio names the school',
    profile: { displayName: 'Lady Rams Basketball', bio: 'Ralston High girls basketball' },
    strong: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
    reason: /the bio names "ralston high", so it reads as that program's official account/,
  },
  {
    behaviour: 'the issue\'s coach account: all six signals, each with its reason',
    profile: {
      handle: 'RalstonRamsFootball_x',
      displayName: 'Ralston Rams Football',
      bio: 'Game day updates for Rams families. Head coach at Ralston High.',
    },
    strong: [...AFFILIATION_SIGNALS],
    reason: /gives a position \("coach"\) together with "ralston high"/,
  },
  {
    behaviour: 'a coach "at RPS" lists a district position',
    profile: { bio: 'Volleyball coach at RPS' },
    strong: ['LISTS_STAFF_POSITION', 'INDICATES_DISTRICT_CONNECTION', 'USES_DISTRICT_NAME'],
    reason: /"rps" is one of the district's names and appears with "volleyball"/,
  },
  {
    behaviour: 'the town name with the mascot right after it is the schools\' team',
    profile: { bio: 'Huge Ralston Rams fan!' },
    strong: ['USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
    reason: /appears with the mascot \("ralston rams"\)/,
  },
  {
    behaviour: 'teaching a grade in town lists the position',
    profile: { bio: 'Teaching 2nd grade in Ralston' },
    strong: ['LISTS_STAFF_POSITION', 'INDICATES_DISTRICT_CONNECTION', 'USES_DISTRICT_NAME'],
    reason: /appears with "grade", so it means the district/,
  },
  {
    behaviour: "the district's own name with district news is its official account (VIII, IX)",
    profile: { displayName: 'Ralston Public Schools', bio: 'District news and announcements' },
    strong: ['PURPORTS_OFFICIAL', 'SHARES_SCHOOL_UPDATES', 'USES_DISTRICT_NAME'],
    reason: /is the name "ralston public schools" itself/,
  },
];

describe('suggestAffiliationSignals: town names and their other meanings (IX, XIX)', () => {
  it.each(TOWN_CASES.map((c) => [c.behaviour, c] as const))('%s', (_behaviour, c) => {
    const result = suggestAffiliationSignals(c.profile, RALSTON);
    expect(result.signals).toEqual(c.strong);
    const possible = result.suggestions.filter((s) => s.confidence === 'POSSIBLE');
    expect(possible.map((s) => s.signal)).toEqual(c.possible ?? []);
    expect(result.suggestions.map((s) => s.reason).join('\n')).toMatch(c.reason);
    for (const s of possible) expect(s.reason).toMatch(/a person must confirm/);
  });
});

describe('registered with no signal ticked: flagged for review exactly when a suggestion is STRONG (IX)', () => {
  it.each([...CASES, ...TOWN_CASES].map((c) => [c.behaviour, c] as const))(
    '%s',
    (_behaviour, c) => {
      const { suggestions } = suggestAffiliationSignals(c.profile, RALSTON);
      const review = affiliationReviewAfterSave({
        classification: classifyAccount([]).classification,
        signals: [],
        suggestions,
        previous: { status: null, signals: [] },
      });
      expect(review.status).toBe(c.strong.length > 0 ? 'PENDING' : null);
      expect(review.signals).toEqual(c.strong);
    },
  );
});

describe('suggestAffiliationSignals (IX, XIX, XXIX)', () => {
  it.each(CASES.map((c) => [c.behaviour, c] as const))('%s', (_behaviour, c) => {
    const result = suggestAffiliationSignals(c.profile, RALSTON);
    expect(result.signals).toEqual(c.strong);
    const possible = result.suggestions.filter((s) => s.confidence === 'POSSIBLE');
    expect(possible.map((s) => s.signal)).toEqual(c.possible ?? []);
    for (const s of result.suggestions) {
      expect(s.sections).toEqual(SIGNAL_INFO[s.signal].sections);
      expect(s.reason).toMatch(/\((?:[IVX]+[,;) ])/);
      expect(s.matched.trim()).not.toBe('');
    }
    // At most one suggestion per signal, in the fixed order.
    const order = result.suggestions.map((s) => AFFILIATION_SIGNALS.indexOf(s.signal));
    expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
  });

  it('says why "ralstonfan1987" needs a person, and the account stays personal', () => {
    const result = suggestAffiliationSignals(
      { handle: 'ralstonfan1987', bio: 'cooking blog' },
      RALSTON,
    );
    expect(result.signals).toEqual([]);
    expect(result.suggestions).toHaveLength(1);
    const [suggestion] = result.suggestions;
    expect(suggestion).toMatchObject({
      signal: 'USES_DISTRICT_NAME',
      confidence: 'POSSIBLE',
      field: 'handle',
      sections: ['XIX', 'XXIX'],
    });
    expect(suggestion?.reason).toMatch(/ralston/);
    expect(suggestion?.reason).toMatch(/nothing else ties the account to the schools/);
    expect(suggestion?.reason).toMatch(/town/);
    expect(suggestion?.reason).toMatch(/a person must confirm/);
    expect(classifyAccount(result.signals).classification).toBe('PERSONAL');
  });

  it('feeds its strong signals straight into classifyAccount', () => {
    const result = suggestAffiliationSignals({ displayName: 'Ralston Rams Football' }, RALSTON);
    const classification = classifyAccount(result.signals);
    expect(classification.classification).toBe('SCHOOL_AFFILIATED');
    expect(classification.sections).toEqual(['VIII', 'XIX', 'XXIX']);
  });

  it('reports the field and the words that matched', () => {
    const result = suggestAffiliationSignals(
      { handle: 'mslee', displayName: 'Ms. Lee', bio: 'Teacher at Ralston High' },
      RALSTON,
    );
    const bySignal = Object.fromEntries(result.suggestions.map((s) => [s.signal, s]));
    expect(bySignal.LISTS_STAFF_POSITION).toMatchObject({ field: 'bio', matched: 'teacher' });
    expect(bySignal.USES_DISTRICT_NAME).toMatchObject({ field: 'bio', matched: 'ralston high' });
    expect(bySignal.INDICATES_DISTRICT_CONNECTION?.reason).toMatch(/ralston high/);
  });

  it('prefers the most specific name that matched', () => {
    const result = suggestAffiliationSignals({ bio: 'Ralston Public Schools' }, RALSTON);
    expect(result.suggestions[0]).toMatchObject({
      signal: 'USES_DISTRICT_NAME',
      matched: 'ralston public schools',
    });
  });

  it('works from any district profile, not just Ralston', () => {
    const lakeview: DistrictProfile = {
      names: ['Lakeview Community Schools'],
      abbreviations: ['LCS'],
      mascots: ['Golden Eagles'],
      schoolNames: ['Lakeview North High School', 'Pinecrest Elementary'],
    };
    expect(
      suggestAffiliationSignals({ displayName: 'LCS Golden Eagles Soccer' }, lakeview).signals,
    ).toEqual(['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE']);
    expect(
      suggestAffiliationSignals({ bio: 'Counselor at Pinecrest Elementary' }, lakeview).signals,
    ).toEqual(['LISTS_STAFF_POSITION', 'INDICATES_DISTRICT_CONNECTION', 'USES_DISTRICT_NAME']);
    expect(
      suggestAffiliationSignals({ displayName: 'Ralston Rams Football' }, lakeview).suggestions,
    ).toEqual([]);
  });
});
