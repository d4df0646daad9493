import { describe, expect, it } from 'vitest';
import {
  isReported,
  MIN_EXPLANATION,
  type ModerationAction,
  type ModerationState,
  mayOpenModerationCase,
  transitionModeration,
  validateRemoval,
} from './moderation.js';

const EXPLANATION = 'The comment names a student and their medical condition.';

describe('mayOpenModerationCase (VIII, IX, XXX)', () => {
  it('opens cases on school-affiliated accounts', () => {
    expect(mayOpenModerationCase('SCHOOL_AFFILIATED')).toEqual({ ok: true });
  });
  it('refuses a personal account, citing the sections', () => {
    expect(mayOpenModerationCase('PERSONAL')).toMatchObject({ ok: false, code: 'POLICY_VIOLATION', sections: ['VIII', 'IX', 'XXX'] });
  });
});

describe('validateRemoval: only the five reasons of XXXI-XXXV, with a written explanation (XXX)', () => {
  type Row = [behaviour: string, reasons: string[], explanation: string | null, expected: string[] | 'POLICY_VIOLATION' | 'REASON_REQUIRED'];
  it.each<Row>([
    ['obscene content (XXXI)', ['OBSCENE'], EXPLANATION, ['XXXI']],
    ['protected student information (XXXII)', ['PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION'], EXPLANATION, ['XXXII']],
    ['harassment (XXXIII)', ['THREATENING_HARASSING_DISCRIMINATORY'], EXPLANATION, ['XXXIII']],
    ['incitement (XXXIV)', ['INCITES_VIOLENCE_OR_DISRUPTION'], EXPLANATION, ['XXXIV']],
    ['any other safety threat (XXXV)', ['OTHER_SAFETY_THREAT'], EXPLANATION, ['XXXV']],
    ['several reasons, in the policy\'s order, once each', ['OTHER_SAFETY_THREAT', 'OBSCENE', 'OBSCENE'], EXPLANATION, ['XXXI', 'XXXV']],
    ['criticism of the district is not a reason', ['CRITICISM'], EXPLANATION, 'POLICY_VIOLATION'],
    ['disagreement hidden among valid reasons', ['OBSCENE', 'DISAGREEMENT'], EXPLANATION, 'POLICY_VIOLATION'],
    ['no reason at all', [], EXPLANATION, 'REASON_REQUIRED'],
    ['no explanation', ['OBSCENE'], null, 'REASON_REQUIRED'],
    ['an explanation too short to read back', ['OBSCENE'], 'rude', 'REASON_REQUIRED'],
  ])('%s', (_b, reasons, explanation, expected) => {
    const result = validateRemoval(reasons, explanation);
    if (Array.isArray(expected)) expect(result).toMatchObject({ ok: true, sections: expected });
    else expect(result).toMatchObject({ ok: false, code: expected });
  });
});

describe('transitionModeration: OPEN -> REMOVED -> REPORTED -> CLOSED, DISMISSED, RESTORED', () => {
  const note = 'x'.repeat(MIN_EXPLANATION);
  type Row = [from: ModerationState, action: ModerationAction, note: string | null, expected: ModerationState | 'ILLEGAL_TRANSITION' | 'NOTE_REQUIRED'];
  it.each<Row>([
    ['OPEN', 'REMOVE', null, 'REMOVED'],
    ['OPEN', 'DISMISS', note, 'DISMISSED'],
    ['OPEN', 'DISMISS', null, 'NOTE_REQUIRED'],
    ['REMOVED', 'REPORT', null, 'REPORTED'],
    ['REPORTED', 'CLOSE', null, 'CLOSED'],
    ['REMOVED', 'RESTORE', note, 'RESTORED'],
    ['REPORTED', 'RESTORE', note, 'RESTORED'],
    ['CLOSED', 'RESTORE', note, 'RESTORED'],
    ['CLOSED', 'RESTORE', 'too short', 'NOTE_REQUIRED'],
    ['OPEN', 'REPORT', null, 'ILLEGAL_TRANSITION'],
    ['OPEN', 'CLOSE', null, 'ILLEGAL_TRANSITION'],
    ['OPEN', 'RESTORE', note, 'ILLEGAL_TRANSITION'],
    ['REMOVED', 'CLOSE', null, 'ILLEGAL_TRANSITION'],
    ['REMOVED', 'REMOVE', null, 'ILLEGAL_TRANSITION'],
    ['DISMISSED', 'REMOVE', null, 'ILLEGAL_TRANSITION'],
    ['RESTORED', 'REMOVE', null, 'ILLEGAL_TRANSITION'],
  ])('%s + %s', (from, action, n, expected) => {
    const result = transitionModeration(from, action, n);
    if (expected === 'ILLEGAL_TRANSITION' || expected === 'NOTE_REQUIRED') {
      expect(result).toMatchObject({ ok: false, code: expected, sections: ['XXX'] });
    } else {
      expect(result).toEqual({ ok: true, state: expected });
    }
  });
});

describe('isReported: both notices of XXX delivered', () => {
  it.each([
    [[], false],
    [['COPY_TO_SUPERINTENDENT'], false],
    [['REASON_TO_EXTERNAL_RELATIONS'], false],
    [['REASON_TO_EXTERNAL_RELATIONS', 'COPY_TO_SUPERINTENDENT'], true],
  ] as const)('%j -> %s', (delivered, expected) => {
    expect(isReported(delivered)).toBe(expected);
  });
});
