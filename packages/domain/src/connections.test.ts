import { describe, expect, it } from 'vitest';
import {
  ATTESTATION_MAX_LENGTH,
  attestationProblem,
  type ConnectionQuestion,
  type ConnectionVerdict,
  connectionGuidance,
  type GraduationFacts,
  graduationStatus,
  isGraduated,
  MAX_CANDIDATES,
  MIN_SEARCH_LENGTH,
  mayAttestPriorRelationship,
  mayReadAttestationStatement,
} from './connections.js';

const TODAY = '2026-11-25';
const current = (expectedGraduation: string | null = '2028-05-20'): GraduationFacts => ({
  graduated: false,
  enrollmentStatus: 'ENROLLED',
  expectedGraduation,
});
const graduate: GraduationFacts = { graduated: true, enrollmentStatus: 'GRADUATED', expectedGraduation: '2026-05-22' };

describe('isGraduated: when VI stops restricting a student (VI: "until after that student has graduated")', () => {
  type Row = [behaviour: string, facts: GraduationFacts, graduated: boolean];
  it.each<Row>([
    ['the SIS graduated flag', { graduated: true, enrollmentStatus: 'ENROLLED', expectedGraduation: null }, true],
    ['the GRADUATED enrollment status', { graduated: false, enrollmentStatus: 'GRADUATED', expectedGraduation: null }, true],
    ['an expected graduation date in the past', current('2026-05-22'), true],
    ['not on the graduation day itself (VI says after)', current(TODAY), false],
    ['not before the expected date', current('2028-05-20'), false],
    ['not without any date or flag', current(null), false],
    ['not when withdrawn without graduating', { graduated: false, enrollmentStatus: 'WITHDRAWN', expectedGraduation: null }, false],
  ])('%s', (_behaviour, facts, expected) => {
    expect(isGraduated(facts, TODAY)).toBe(expected);
    expect(graduationStatus(facts, TODAY)).toBe(expected ? 'GRADUATED' : 'CURRENT');
  });
});

describe('connectionGuidance: the answer to "may I accept this request?" (VI)', () => {
  type Row = [
    behaviour: string,
    question: ConnectionQuestion,
    verdict: ConnectionVerdict,
    inLine: boolean,
    refrainUntil: string | null,
    says: RegExp,
  ];
  it.each<Row>([
    [
      'a current student: refrain until after graduation, with the date',
      { kind: 'STUDENT', student: current('2028-05-20') },
      'STUDENT_NOT_GRADUATED',
      false,
      '2028-05-20',
      /current student: refrain .* until after they graduate \(expected on 20 May 2028\)/,
    ],
    [
      'a current student without a date: refrain, and says the date is unknown',
      { kind: 'STUDENT', student: current(null) },
      'STUDENT_NOT_GRADUATED',
      false,
      null,
      /The SIS has no graduation date for them/,
    ],
    [
      'a withdrawn student who has not graduated: still refrain',
      { kind: 'STUDENT', student: { graduated: false, enrollmentStatus: 'WITHDRAWN', expectedGraduation: '2027-05-21' } },
      'STUDENT_NOT_GRADUATED',
      false,
      '2027-05-21',
      /withdrawn, not graduated/,
    ],
    [
      'a graduate (flag): VI no longer restricts, XVII still applies',
      { kind: 'STUDENT', student: graduate },
      'STUDENT_GRADUATED',
      true,
      null,
      /has graduated, so VI no longer asks you to refrain.*\(XVII\)/,
    ],
    [
      'a graduate by date (past expected graduation)',
      { kind: 'STUDENT', student: current('2026-06-01') },
      'STUDENT_GRADUATED',
      true,
      null,
      /has graduated/,
    ],
    [
      'a guardian of a current student, nothing attested: refrain unless a prior relationship',
      { kind: 'GUARDIAN', students: [current('2028-05-20')], attested: false },
      'GUARDIAN_OF_CURRENT_STUDENT',
      false,
      '2028-05-20',
      /refrain .* unless a personal relationship existed before.*20 May 2028.*record it/,
    ],
    [
      'a guardian of a graduate and a current student: the current one decides',
      { kind: 'GUARDIAN', students: [graduate, current('2030-05-17')], attested: false },
      'GUARDIAN_OF_CURRENT_STUDENT',
      false,
      '2030-05-17',
      /17 May 2030/,
    ],
    [
      'a guardian of two current students: until the last one graduates',
      { kind: 'GUARDIAN', students: [current('2031-05-16'), current('2028-05-20')], attested: false },
      'GUARDIAN_OF_CURRENT_STUDENT',
      false,
      '2031-05-16',
      /16 May 2031/,
    ],
    [
      'a guardian of a current student without a date: no "until"',
      { kind: 'GUARDIAN', students: [current('2031-05-16'), current(null)], attested: false },
      'GUARDIAN_OF_CURRENT_STUDENT',
      false,
      null,
      /^(?!.*expected to graduate)/,
    ],
    [
      'a guardian of a current student, prior relationship attested: in line with VI',
      { kind: 'GUARDIAN', students: [current()], attested: true },
      'GUARDIAN_PRIOR_RELATIONSHIP',
      true,
      null,
      /you have recorded that a personal relationship .* existed before.*supervising administrator can read/,
    ],
    [
      'a guardian whose students have all graduated: not restricted',
      { kind: 'GUARDIAN', students: [graduate, current('2025-05-23')], attested: false },
      'GUARDIAN_NO_CURRENT_STUDENT',
      true,
      null,
      /Every student linked .* has graduated/,
    ],
    [
      'a guardian with no student linked any more: not restricted',
      { kind: 'GUARDIAN', students: [], attested: false },
      'GUARDIAN_NO_CURRENT_STUDENT',
      true,
      null,
      /No current student is linked/,
    ],
  ])('%s', (_behaviour, question, verdict, inLine, refrainUntil, says) => {
    const guidance = connectionGuidance(question, TODAY);
    expect(guidance.verdict).toBe(verdict);
    expect(guidance.inLine).toBe(inLine);
    expect(guidance.refrainUntil).toBe(refrainUntil);
    expect(guidance.explanation).toMatch(says);
    expect(guidance.sections[0]).toBe('VI');
    // Only a family of a current student is affected by an attestation.
    expect(guidance.attestationApplies).toBe(verdict.startsWith('GUARDIAN_') && verdict !== 'GUARDIAN_NO_CURRENT_STUDENT');
  });
});

describe('the attestation of a prior personal relationship (VI: "unless a previously established personal relationship exists")', () => {
  it('is for families only: refused for a student, with the section', () => {
    expect(mayAttestPriorRelationship('GUARDIAN')).toEqual({ ok: true });
    expect(mayAttestPriorRelationship('STUDENT')).toMatchObject({ ok: false, sections: ['VI'], message: /until after they graduate/ });
  });

  type Row = [behaviour: string, statement: string, problem: RegExp | null];
  it.each<Row>([
    ['accepts a sentence on how they knew each other', 'Neighbours since 2015; our families go camping together.', null],
    ['refuses an empty text', '   ', /at least 10 characters/],
    ['refuses a word or two', 'friend', /at least 10 characters/],
    ['counts without the surrounding spaces', `   ${'x'.repeat(9)}   `, /at least 10/],
    ['accepts the longest allowed', 'x'.repeat(ATTESTATION_MAX_LENGTH), null],
    ['refuses a longer text', 'x'.repeat(ATTESTATION_MAX_LENGTH + 1), /at most 500 characters/],
  ])('attestationProblem %s', (_behaviour, statement, problem) => {
    const found = attestationProblem(statement);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});

describe('the roster search\'s bounds, one definition for the API and the dashboard', () => {
  it('finds two-letter names and lists at most 20 people', () => {
    expect(MIN_SEARCH_LENGTH).toBe(2);
    expect(MAX_CANDIDATES).toBe(20);
  });
});

describe('mayReadAttestationStatement: the author and their supervising administrator only', () => {
  const author = { staffId: 'teacher', supervisorId: 'principal' };
  type Row = [reader: string, readerStaffId: string | null, who: { staffId: string; supervisorId: string | null }, may: boolean];
  it.each<Row>([
    ['the author', 'teacher', author, true],
    ['the author\'s supervising administrator', 'principal', author, true],
    ['another school\'s principal', 'principal.high', author, false],
    ['district IT or an auditor (who see that it exists)', 'admin', author, false],
    ['a colleague', 'teacher2', author, false],
    ['a machine caller', null, author, false],
    ['a machine caller, when the author has no supervisor', null, { staffId: 'teacher', supervisorId: null }, false],
    ['the author with no supervisor on record', 'teacher', { staffId: 'teacher', supervisorId: null }, true],
  ])('%s: %s', (_reader, readerStaffId, who, may) => {
    expect(mayReadAttestationStatement(readerStaffId, who)).toBe(may);
  });
});
