import { describe, expect, it } from 'vitest';
import {
  cite,
  isSectionId,
  POLICY,
  POLICY_SECTIONS,
  policySection,
  SECTION_IDS,
  type SectionId,
} from './catalog.js';

const ROMAN = [
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
];

describe('policy 4051 catalog', () => {
  it('identifies the policy and its revision dates', () => {
    expect(POLICY).toEqual({
      number: '4051',
      title: 'Staff and District Social Media Use',
      revised: '2017-10-09',
      reviewed: '2023-06-12',
    });
  });

  it('has exactly the 35 numbered sections, I to XXXV, in order', () => {
    expect(POLICY_SECTIONS).toHaveLength(35);
    expect(POLICY_SECTIONS.map((s) => s.id)).toEqual(ROMAN);
    expect(SECTION_IDS).toEqual(ROMAN);
    expect(POLICY_SECTIONS.map((s) => s.number)).toEqual(ROMAN.map((_, i) => i + 1));
  });

  it('gives every section a title and a one-line summary', () => {
    for (const s of POLICY_SECTIONS) {
      expect(s.title.trim(), s.id).not.toBe('');
      expect(s.summary.trim().length, s.id).toBeGreaterThan(10);
      expect(s.summary, s.id).not.toContain('\n');
    }
  });

  it('marks only the pure headings as headings (XXX carries a rule, so it is not one)', () => {
    const headings = POLICY_SECTIONS.filter((s) => s.heading).map((s) => s.id);
    expect(headings).toEqual(['I', 'II', 'VII', 'XV', 'XVI', 'XXI', 'XXV', 'XXVIII']);
    expect(policySection('XXX').heading).toBe(false);
  });

  it.each<[SectionId, RegExp]>([
    ['III', /password|login/i],
    ['VIII', /official/i],
    ['IX', /school-affiliated/i],
    ['XI', /supervising administrator/i],
    ['XIX', /mascot/i],
    ['XXII', /teaching/i],
    ['XXIX', /permission/i],
    ['XXX', /superintendent/i],
  ])('summarises §%s in terms a rule can cite', (id, pattern) => {
    expect(policySection(id).summary).toMatch(pattern);
  });

  it('finds a section by id and refuses an unknown one', () => {
    expect(policySection('XIV')).toMatchObject({ id: 'XIV', number: 14, heading: false });
    expect(() => policySection('XXXVI' as SectionId)).toThrow(RangeError);
    expect(isSectionId('XXXV')).toBe(true);
    expect(isSectionId('XXXVI')).toBe(false);
    expect(isSectionId(9)).toBe(false);
  });

  it.each<[SectionId[], string]>([
    [['VIII', 'IX'], 'Policy 4051 §VIII, §IX'],
    [['IX', 'VIII', 'IX'], 'Policy 4051 §VIII, §IX'],
    [['XXIX', 'III', 'XI'], 'Policy 4051 §III, §XI, §XXIX'],
    [['XXX'], 'Policy 4051 §XXX'],
    [[], 'Policy 4051'],
  ])('cites %j as "%s" (deduplicated, in policy order)', (ids, expected) => {
    expect(cite(ids)).toBe(expected);
  });
});
