import type { SectionId } from './catalog.js';
import type { Classification, ProfileField, SignalSuggestion } from './classification.js';
import { type RuleDeclaration, SCREENS } from './rules.js';

/**
 * Advice, not refusals, for personal accounts (IV, V, VI). These sections say what staff
 * "should" do on their own accounts, which Steward does not see: registering or saving a
 * personal account therefore never fails on them, but the owner is told what they ask, and
 * told specifically when the profile text names the district or a school (V). A prominent
 * listing is already ruled: it makes the account school-affiliated (IX, classification.ts).
 */
export const ADVISORY_CODES = [
  'NAMES_DISTRICT_OR_SCHOOL',
  'NO_DISTRICT_TAGS',
  'NO_STUDENT_PHOTOS',
  'NO_STUDENT_CONNECTIONS',
] as const;
export type AdvisoryCode = (typeof ADVISORY_CODES)[number];

export interface Advisory {
  code: AdvisoryCode;
  sections: SectionId[];
  message: string;
}

const FIELD_LABEL: Record<ProfileField, string> = {
  handle: 'handle',
  displayName: 'display name',
  bio: 'bio',
};

const V_TAIL =
  'On a personal account, staff should refrain from tagging or prominently listing the ' +
  'district or their school (V); where the listing is prominent, the account counts as ' +
  'school-affiliated (IX) and needs approval before it is used.';

/** What in the profile text names the district or a school, strongest first, if anything. */
function districtMention(suggestions: readonly SignalSuggestion[]): string | null {
  const find = (signal: SignalSuggestion['signal'], confidence: SignalSuggestion['confidence']) =>
    suggestions.find((s) => s.signal === signal && s.confidence === confidence);
  const named = find('USES_DISTRICT_NAME', 'STRONG');
  if (named) return `Your ${FIELD_LABEL[named.field]} names "${named.matched}".`;
  const position = find('LISTS_STAFF_POSITION', 'STRONG');
  if (position) return `Your ${FIELD_LABEL[position.field]} lists a position with the district ("${position.matched}").`;
  const maybe = find('USES_DISTRICT_NAME', 'POSSIBLE');
  if (maybe) {
    return `Your ${FIELD_LABEL[maybe.field]} mentions "${maybe.matched}", which may be the district's name.`;
  }
  return null;
}

/**
 * The advisories for an account as saved, from its classification and the signals its profile
 * text suggests (`suggestAffiliationSignals`). None for a school-affiliated account: the rules
 * for those apply instead (VIII-XIV, XXIX).
 */
export function personalAccountAdvisories(p: {
  classification: Classification;
  suggestions: readonly SignalSuggestion[];
}): Advisory[] {
  if (p.classification !== 'PERSONAL') return [];
  const mention = districtMention(p.suggestions);
  return [
    mention
      ? { code: 'NAMES_DISTRICT_OR_SCHOOL', sections: ['V', 'IX'], message: `${mention} ${V_TAIL}` }
      : {
          code: 'NO_DISTRICT_TAGS',
          sections: ['V'],
          message:
            'Keep the district and your school out of this personal account: staff should ' +
            'refrain from tagging them or listing them prominently (V).',
        },
    {
      code: 'NO_STUDENT_PHOTOS',
      sections: ['IV'],
      message:
        'Do not post photos of students on this personal account (IV); pictures of students ' +
        'belong on a school-affiliated account, with a current media release for each (XIV).',
    },
    {
      code: 'NO_STUDENT_CONNECTIONS',
      sections: ['VI'],
      message:
        'Do not accept students as friends or followers of this account until they have ' +
        'graduated, nor their parents or family members unless you knew them personally ' +
        'outside school first (VI).',
    },
  ];
}

/** This module's rules, for the policy coverage map (coverage.ts). */
export const ADVISORY_RULES: readonly RuleDeclaration[] = [
  {
    id: 'advisories.personalAccountAdvisories',
    name:
      'Registering or saving a personal account returns advice, not refusals: keep the district ' +
      'and the school out of it (V, pointing at the words that name them), no student photos ' +
      '(IV), no students or their families as connections (VI)',
    sections: ['IV', 'V', 'VI'],
    kind: 'ADVISORY',
    functions: ['personalAccountAdvisories'],
    operations: ['registerSocialAccount', 'updateSocialAccount'],
    screen: SCREENS.socialAccounts,
    tests: 'advisories.test.ts',
  },
];
