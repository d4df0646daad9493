/**
 * Policy 4051 "Staff and District Social Media Use", section by section, summarised in our own
 * words so that every decision can cite the sections behind it.
 */
export const POLICY = {
  number: '4051',
  title: 'Staff and District Social Media Use',
  revised: '2017-10-09',
  reviewed: '2023-06-12',
} as const;

export const SECTION_IDS = [
  'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X',
  'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX',
  'XXI', 'XXII', 'XXIII', 'XXIV', 'XXV', 'XXVI', 'XXVII', 'XXVIII', 'XXIX', 'XXX',
  'XXXI', 'XXXII', 'XXXIII', 'XXXIV', 'XXXV',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface PolicySection {
  id: SectionId;
  number: number;
  /** A heading that only groups the sections after it. */
  heading: boolean;
  title: string;
  summary: string;
}

const S = (id: SectionId, heading: boolean, title: string, summary: string): PolicySection => ({
  id,
  number: SECTION_IDS.indexOf(id) + 1,
  heading,
  title,
  summary,
});

export const POLICY_SECTIONS: readonly PolicySection[] = [
  S('I', true, 'Personal versus school-affiliated use', 'Heading: the policy distinguishes personal accounts from accounts tied to the district.'),
  S('II', true, 'Personal social media use', 'Heading: rules for staff members\' own, personal accounts.'),
  S('III', false, 'No personal passwords', 'The district never asks staff or applicants for the username or password of a personal account.'),
  S('IV', false, 'No student photos on personal accounts', 'Staff should not post pictures of students on a personal account, so its purpose stays clear.'),
  S('V', false, 'No district tagging on personal accounts', 'Staff should not tag or prominently name the district or their school on a personal account.'),
  S('VI', false, 'No student or family connections', 'No student friends or followers on personal accounts until graduation; no students\' family members unless a personal relationship came first.'),
  S('VII', true, 'Use of school-affiliated accounts', 'Heading: rules for accounts that belong to or represent the district.'),
  S('VIII', false, 'Official accounts are affiliated', 'An account presenting itself as official for the district or one of its programs, classes or groups is school-affiliated and only for district business.'),
  S('IX', false, 'Personal accounts can become affiliated', 'A personal account that shares school news with students and families, prominently lists the staff position, or ties its views to the district counts as school-affiliated.'),
  S('X', false, 'No inappropriate likes or shares', 'Affiliated accounts must not like, favourite or share inappropriate or political content.'),
  S('XI', false, 'Credentials to the supervisor', 'Staff can be required to give their supervising administrator the username and password of affiliated accounts.'),
  S('XII', false, 'Required interactions', 'Staff can be required to interact with named people on affiliated accounts.'),
  S('XIII', false, 'Not private speech', 'Commenting on school matters from an affiliated account is not speech as a private citizen.'),
  S('XIV', false, 'Student information and records', 'Affiliated-account activity must respect student-privacy law: every student shown needs a current, complete media release; records are kept as the law requires.'),
  S('XV', true, 'Expectations for all accounts', 'Heading: expectations that apply to personal and affiliated accounts alike.'),
  S('XVI', true, 'General use and conditions', 'Heading: general conditions of use.'),
  S('XVII', false, 'Law, policy and boundaries', 'Staff follow board policies, law, contracts and professional conduct rules, including staff-student boundaries online.'),
  S('XVIII', false, 'Lawful content', 'Staff obey copyright and other content laws; questions go to the supervising administrator.'),
  S('XIX', false, 'District name and mascot need permission', 'Using the district\'s name, programs, mascot, image or likeness on any account needs the supervising administrator\'s permission.'),
  S('XX', false, 'Disruption can lead to discipline', 'Social media use that disrupts school operations or relationships, or is unprotected speech, can be disciplined.'),
  S('XXI', true, 'Acceptable use', 'Heading: uses the policy allows.'),
  S('XXII', false, 'Instructional use needs approval', 'Using social media for teaching requires the supervising administrator\'s prior approval.'),
  S('XXIII', false, 'School communication', 'Affiliated accounts may be used to communicate about school with educators, students, parents and patrons.'),
  S('XXIV', false, 'Teaching information literacy', 'Teachers should use electronic resources and teach students to judge the quality of online information.'),
  S('XXV', true, 'Unacceptable use', 'Heading: uses the policy forbids.'),
  S('XXVI', false, 'No obscene or political material', 'No obscene, political or pornographic material at school, on school devices or on affiliated accounts.'),
  S('XXVII', false, 'No illegal activity', 'No illegal activity, such as copying copyrighted material.'),
  S('XXVIII', true, 'School-affiliated digital content', 'Heading: content that represents the schools.'),
  S('XXIX', false, 'Permission before school content', 'Staff need their supervising administration\'s permission before creating or using any school-related account or content, including the district name or mascot; credentials may be required and never go to students or volunteers.'),
  S('XXX', false, 'Moderating third-party content', 'Third-party content on affiliated accounts may be removed only for the listed reasons; a copy is kept and sent to the superintendent with written notice of the reason to the Director of External Relations, who answers questions.'),
  S('XXXI', false, 'Removal: obscene', 'Content that is obscene, lewd or appeals to prurient interest may be removed.'),
  S('XXXII', false, 'Removal: protected student or personnel matters', 'Content revealing student or personnel matters protected by law may be removed.'),
  S('XXXIII', false, 'Removal: threats, harassment, discrimination', 'Threatening, harassing or discriminatory content may be removed.'),
  S('XXXIV', false, 'Removal: incitement', 'Content that incites violence, illegal acts or substantial disruption of school may be removed.'),
  S('XXXV', false, 'Removal: safety threats', 'Any other threat to the safety of students and staff may be removed.'),
];

export function policySection(id: SectionId): PolicySection {
  const section = POLICY_SECTIONS.find((s) => s.id === id);
  if (!section) throw new RangeError(`Unknown policy section ${id}`);
  return section;
}

export function sortSections(ids: Iterable<SectionId>): SectionId[] {
  return [...new Set(ids)].sort((a, b) => SECTION_IDS.indexOf(a) - SECTION_IDS.indexOf(b));
}

/** "Policy 4051 §VIII, §IX" */
export function cite(ids: readonly SectionId[]): string {
  return `Policy ${POLICY.number} ${sortSections(ids).map((id) => `§${id}`).join(', ')}`;
}
