/**
 * Policy 4051 "Staff and District Social Media Use", section by section.
 *
 * Every rule in this package cites the sections it comes from, so that a refusal shown to a user
 * can say which part of the policy it enforces. The summaries are our own words, not the policy's
 * text: the policy document stays the source of truth and is not reproduced here.
 */
export const POLICY = {
  number: '4051',
  title: 'Staff and District Social Media Use',
  revised: '2017-10-09',
  reviewed: '2023-06-12',
} as const;

/** The numbered sections I..XXXV, in the policy's order. */
export const SECTION_IDS = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
  'XVIII',
  'XIX',
  'XX',
  'XXI',
  'XXII',
  'XXIII',
  'XXIV',
  'XXV',
  'XXVI',
  'XXVII',
  'XXVIII',
  'XXIX',
  'XXX',
  'XXXI',
  'XXXII',
  'XXXIII',
  'XXXIV',
  'XXXV',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface PolicySection {
  id: SectionId;
  /** 1 for I, 35 for XXXV. */
  number: number;
  /**
   * True for a section that is only a heading grouping the sections after it (I, II, VII, XV,
   * XVI, XXI, XXV, XXVIII). XXX opens with a heading but also carries the rule about keeping and
   * reporting removed content, so it is a rule, not a heading; XXIX likewise.
   */
  heading: boolean;
  title: string;
  summary: string;
}

function section(id: SectionId, heading: boolean, title: string, summary: string): PolicySection {
  return { id, number: SECTION_IDS.indexOf(id) + 1, heading, title, summary };
}

export const POLICY_SECTIONS: readonly PolicySection[] = [
  section(
    'I',
    true,
    'Personal versus school-affiliated use',
    'Heading: the policy treats personal accounts and accounts tied to the district differently.',
  ),
  section(
    'II',
    true,
    'Personal social media use',
    "Heading: the rules that apply to staff members' own, personal accounts.",
  ),
  section(
    'III',
    false,
    'No personal passwords',
    'The district never requires staff or job applicants to hand over the login of a personal ' +
      'account.',
  ),
  section(
    'IV',
    false,
    'No student photos on personal accounts',
    'Staff should keep pictures of students off personal accounts so the purpose of the account ' +
      'stays clear.',
  ),
  section(
    'V',
    false,
    'No district tagging on personal accounts',
    'Staff should avoid tagging or prominently naming the district or their school on a personal ' +
      'account.',
  ),
  section(
    'VI',
    false,
    'No student or family connections',
    'No students as friends or followers of a personal account before they graduate, and no ' +
      'relatives of students unless a personal relationship existed outside school first.',
  ),
  section(
    'VII',
    true,
    'Use of school-affiliated accounts',
    'Heading: the rules for accounts that belong to or speak for the district.',
  ),
  section(
    'VIII',
    false,
    'Official accounts are school-affiliated',
    'An account that presents itself as official for the district or one of its programs, ' +
      'classes or entities is school-affiliated and serves district business only.',
  ),
  section(
    'IX',
    false,
    'Personal accounts can become school-affiliated',
    'A personal account that shares school news with students and families, prominently shows ' +
      'the staff position, or links its views to the district counts as school-affiliated.',
  ),
  section(
    'X',
    false,
    'No inappropriate likes or shares',
    'School-affiliated accounts must not like, favourite or share inappropriate or political ' +
      'content.',
  ),
  section(
    'XI',
    false,
    'Credentials to the supervising administrator',
    'Staff may have to give their supervising administrator the login of a school-affiliated ' +
      'account.',
  ),
  section(
    'XII',
    false,
    'Required interactions',
    'Staff may be told to interact with particular people on school-affiliated accounts.',
  ),
  section(
    'XIII',
    false,
    'Not speaking as a private citizen',
    'Comments on school matters from a school-affiliated account are not private speech and lack ' +
      'First Amendment protection.',
  ),
  section(
    'XIV',
    false,
    'Student information and records',
    'Affiliated-account activity must respect student-privacy law, so every student shown needs ' +
      'a current, complete media release; records are kept as the law requires.',
  ),
  section(
    'XV',
    true,
    'Expectations for every account',
    'Heading: expectations that apply to personal and school-affiliated accounts alike.',
  ),
  section('XVI', true, 'General use and conditions', 'Heading: general conditions of use.'),
  section(
    'XVII',
    false,
    'Law, policy and professional boundaries',
    'Staff follow board policy, law, contracts and professional conduct rules online, including ' +
      'the boundaries between staff and students.',
  ),
  section(
    'XVIII',
    false,
    'Lawful content',
    'Staff respect copyright and other laws on content; doubts go to the supervising ' +
      'administrator.',
  ),
  section(
    'XIX',
    false,
    'District name and mascot need permission',
    "Using the district's name, programs, mascot, image or likeness on any account requires " +
      'telling the supervising administrator and getting their permission.',
  ),
  section(
    'XX',
    false,
    'Disruption can lead to discipline',
    'Social media use that disrupts school operations or relationships, or is unprotected ' +
      'speech, can lead to discipline.',
  ),
  section('XXI', true, 'Acceptable use', 'Heading: the uses the policy allows.'),
  section(
    'XXII',
    false,
    'Instructional use needs approval',
    "Using social media for teaching requires the supervising administrator's approval " +
      'beforehand.',
  ),
  section(
    'XXIII',
    false,
    'School communication',
    'School-affiliated accounts may carry school communication with educators, students, ' +
      'parents and patrons.',
  ),
  section(
    'XXIV',
    false,
    'Teaching information literacy',
    'Teachers should bring electronic resources into class and teach students to judge the ' +
      'quality of online sources.',
  ),
  section('XXV', true, 'Unacceptable use', 'Heading: the uses the policy forbids.'),
  section(
    'XXVI',
    false,
    'No obscene or political material',
    'No obscene, political or pornographic material at school, on school devices or on ' +
      'school-affiliated accounts.',
  ),
  section(
    'XXVII',
    false,
    'No illegal activity',
    'No illegal activity, such as copying copyrighted material.',
  ),
  section(
    'XXVIII',
    true,
    'School-affiliated digital content',
    'Heading: digital content that represents the schools.',
  ),
  section(
    'XXIX',
    false,
    'Permission before school content',
    'Creating or using any school-related account or content, including one naming the district ' +
      'or using its mascot, needs prior permission; logins may be required and never go to ' +
      'students or volunteers.',
  ),
  section(
    'XXX',
    false,
    'Moderating third-party content',
    'Third-party content on affiliated accounts may be removed only for the reasons listed ' +
      'next; a copy is kept and sent to the superintendent, the reason is reported in writing to ' +
      'the Director of External Relations, who answers questions about removals.',
  ),
  section(
    'XXXI',
    false,
    'Removal: obscene content',
    'Content that is obscene or lewd may be removed.',
  ),
  section(
    'XXXII',
    false,
    'Removal: protected student or personnel matters',
    'Content disclosing student or personnel matters that the law protects may be removed.',
  ),
  section(
    'XXXIII',
    false,
    'Removal: threats, harassment, discrimination',
    'Threatening, harassing or discriminatory content may be removed.',
  ),
  section(
    'XXXIV',
    false,
    'Removal: incitement',
    'Content likely to incite violence, illegal acts or serious disruption of school may be ' +
      'removed.',
  ),
  section(
    'XXXV',
    false,
    'Removal: safety threats',
    'Any other threat to the safety of students and staff may be removed.',
  ),
];

export function isSectionId(value: unknown): value is SectionId {
  return typeof value === 'string' && (SECTION_IDS as readonly string[]).includes(value);
}

export function policySection(id: SectionId): PolicySection {
  const found = POLICY_SECTIONS.find((s) => s.id === id);
  if (!found) throw new RangeError(`Policy ${POLICY.number} has no section ${String(id)}.`);
  return found;
}

/** Deduplicated and in the policy's order, so that citations read the same everywhere. */
export function sortSections(ids: Iterable<SectionId>): SectionId[] {
  return [...new Set(ids)].sort((a, b) => SECTION_IDS.indexOf(a) - SECTION_IDS.indexOf(b));
}

/** A citation for people: `cite(['IX', 'VIII'])` is "Policy 4051 §VIII, §IX". */
export function cite(ids: readonly SectionId[]): string {
  const sections = sortSections(ids).map((id) => `§${id}`);
  return sections.length === 0
    ? `Policy ${POLICY.number}`
    : `Policy ${POLICY.number} ${sections.join(', ')}`;
}
