import { describe, expect, it } from 'vitest';
import { assigneeChoices, caseActions, mayRecordOn, removalErrors, stepAllowed } from './actions';
import { caseName, excerpt, noticeStatusText, queueFlags, reasonLabel, REASON_CHOICES, sectionText } from './labels';
import { countsFilter, mediaUrlsInput, moderationCasesApi, openCaseInput, postedAtInput, reasonsInput } from './queries';
import { awaitingDelivery, verificationText } from './ModerationCaseShow';
import { stateCountLabel } from './ModerationCaseList';
import { validateExplanation, validateReasons } from './ModerationCaseCreate';
import type { CaseAccount, ModerationCaseRecord } from './types';

const account: CaseAccount = {
  id: 'acc-band',
  handle: 'RPS_band',
  platform: 'INSTAGRAM',
  owner: { id: 'band', fullName: 'Marcus Lee', supervisor: { id: 'principal' } },
  administrators: [{ id: 'helper', fullName: 'Ann Helper' }],
  school: { id: 'high', name: 'Ralston High School' },
};

const record = (over: Partial<ModerationCaseRecord> = {}) =>
  ({
    state: 'OPEN',
    account,
    removedAt: null,
    legalHold: null,
    purgedAt: null,
    ...over,
  }) as ModerationCaseRecord;

describe('openCaseInput', () => {
  it('sends the snapshot as pasted: the handle without "@", media one a line, empty fields as null', () => {
    expect(
      openCaseInput({
        accountId: 'acc-band',
        kind: 'REPLY',
        platformContentId: ' 1789 ',
        authorName: '',
        authorHandle: '@@parent_01',
        text: '  Some words.\n  Kept inside.  ',
        mediaUrls: 'https://cdn.example/a.jpg\n\nhttps://cdn.example/b.jpg, https://cdn.example/a.jpg',
        permalink: ' ',
        postedAt: '',
      }),
    ).toEqual({
      accountId: 'acc-band',
      snapshot: {
        kind: 'REPLY',
        platformContentId: '1789',
        authorName: null,
        authorHandle: 'parent_01',
        text: 'Some words.\n  Kept inside.',
        mediaUrls: ['https://cdn.example/a.jpg', 'https://cdn.example/b.jpg'],
        permalink: null,
        postedAt: null,
      },
    });
  });

  it('takes a comment when the kind is missing or unknown', () => {
    expect(openCaseInput({ accountId: 'a', kind: 'TWEET' as never, text: 'x' }).snapshot.kind).toBe('COMMENT');
  });
});

describe('postedAtInput and mediaUrlsInput', () => {
  it("reads the viewer's local date and time as a full timestamp", () => {
    const iso = postedAtInput('2026-11-20T18:45');
    expect(iso).not.toBeNull();
    const d = new Date(iso as string);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 11, 20, 18, 45]);
    expect(postedAtInput('not a date')).toBeNull();
    expect(postedAtInput(null)).toBeNull();
  });

  it('accepts a list as well as text', () => {
    expect(mediaUrlsInput(['a', ' ', 'b'])).toEqual(['a', 'b']);
    expect(mediaUrlsInput(null)).toEqual([]);
  });
});

describe('reasonsInput', () => {
  it("keeps only the policy's five reasons, once each, in the policy's order", () => {
    expect(reasonsInput(['OTHER_SAFETY_THREAT', 'DISAGREEMENT', 'OBSCENE', 'OBSCENE'])).toEqual([
      'OBSCENE',
      'OTHER_SAFETY_THREAT',
    ]);
  });
});

describe('removalErrors (the domain validateRemoval, by field)', () => {
  it('asks for a reason under the reasons and for an explanation under the explanation', () => {
    const e = removalErrors([], 'short');
    expect(e.reasons).toMatch(/at least one of the reasons/);
    expect(e.explanation).toMatch(/at least 20 characters/);
  });

  it('refuses a reason outside XXXI-XXXV, citing disagreement and criticism', () => {
    expect(removalErrors(['CRITICISM'], 'x'.repeat(30)).reasons).toMatch(/Disagreement or criticism/);
  });

  it('has nothing to say about a complete removal', () => {
    expect(removalErrors(['OBSCENE'], 'Lewd language aimed at a student.')).toEqual({
      reasons: null,
      explanation: null,
    });
  });

  it('checks the record form only when removing now', () => {
    expect(validateReasons([], { removeNow: true })).toMatch(/at least one/);
    expect(validateReasons([], { removeNow: false })).toBeUndefined();
    expect(validateExplanation('too short', { removeNow: true })).toMatch(/20 characters/);
    expect(validateExplanation('', { removeNow: false })).toBeUndefined();
  });
});

describe('who may record on an account (moderation.record)', () => {
  it('lets the owner, an administrator and the owner’s supervisor record; not other staff', () => {
    expect(mayRecordOn({ id: 'band', roles: ['STAFF'] }, account)).toBe(true);
    expect(mayRecordOn({ id: 'helper', roles: ['STAFF'] }, account)).toBe(true);
    expect(mayRecordOn({ id: 'principal', roles: ['STAFF', 'SUPERVISOR'] }, account)).toBe(true);
    expect(mayRecordOn({ id: 'teacher.south', roles: ['STAFF'] }, account)).toBe(false);
  });

  it('lets the Director and the district admin record anywhere; never the auditor', () => {
    expect(mayRecordOn({ id: 'er', roles: ['STAFF', 'EXTERNAL_RELATIONS'] }, account)).toBe(true);
    expect(mayRecordOn({ id: 'it', roles: ['STAFF', 'DISTRICT_ADMIN'] }, null)).toBe(true);
    expect(mayRecordOn({ id: 'aud', roles: ['AUDITOR'] }, account)).toBe(false);
  });
});

describe('caseActions', () => {
  const owner = { id: 'band', roles: ['STAFF'] as const };
  const director = { id: 'er', roles: ['STAFF', 'EXTERNAL_RELATIONS'] as const };
  const admin = { id: 'it', roles: ['STAFF', 'DISTRICT_ADMIN'] as const };

  it('offers Remove, Dismiss, Assign and a note on an open case to who may record', () => {
    expect(caseActions(owner, record())).toMatchObject({
      remove: true,
      dismiss: true,
      assign: true,
      addNote: true,
      recordQuestion: false,
      restore: false,
      close: false,
      answer: false,
      placeHold: false,
    });
  });

  it('offers Restore and answers only to the Director, Close once reported', () => {
    expect(caseActions(owner, record({ state: 'REPORTED' }))).toMatchObject({ restore: false, close: true, remove: false });
    expect(caseActions(director, record({ state: 'REMOVED' }))).toMatchObject({
      restore: true,
      answer: true,
      close: false,
      recordQuestion: true,
    });
    expect(caseActions(director, record({ state: 'DISMISSED' })).restore).toBe(false);
  });

  it('offers a legal hold to the district admin, and its release once placed', () => {
    expect(caseActions(admin, record())).toMatchObject({ placeHold: true, releaseHold: false });
    const held = record({ legalHold: { reason: 'Litigation', placedAt: '2026-11-25T00:00:00Z', placedBy: null } });
    expect(caseActions(admin, held)).toMatchObject({ placeHold: false, releaseHold: true });
    expect(caseActions(director, held).releaseHold).toBe(false);
  });

  it('offers nothing to staff of another school', () => {
    const other = caseActions({ id: 'teacher.south', roles: ['STAFF'] }, record());
    expect(Object.values(other).every((v) => v === false)).toBe(true);
  });

  it('follows the domain state machine', () => {
    expect(stepAllowed('OPEN', 'REMOVE')).toBe(true);
    expect(stepAllowed('REMOVED', 'CLOSE')).toBe(false);
    expect(stepAllowed('CLOSED', 'RESTORE')).toBe(true);
  });
});

describe('assigneeChoices', () => {
  it('offers the owner and administrators, and the Director themself', () => {
    expect(assigneeChoices({ id: 'band', roles: ['STAFF'] }, account).map((c) => c.id)).toEqual(['band', 'helper']);
    expect(
      assigneeChoices({ id: 'er', roles: ['STAFF', 'EXTERNAL_RELATIONS'], fullName: 'Rosa Diaz' }, account).at(-1),
    ).toEqual({ id: 'er', name: 'Rosa Diaz (Director of External Relations)' });
  });
});

describe('labels', () => {
  it("names a reason with the domain's words and its section, and the section with the catalog's text", () => {
    expect(reasonLabel('OBSCENE')).toBe('Obscene, lewd, or appeals to prurient interests (§XXXI)');
    expect(REASON_CHOICES).toHaveLength(5);
    expect(sectionText('XXXIII')).toBe('Policy 4051 §XXXIII: Threatening, harassing or discriminatory content may be removed.');
  });

  it('says where a notice is: queued, retrying with attempts and the last error, delivered with the time', () => {
    const fmt = (iso: string) => iso.slice(0, 10);
    expect(noticeStatusText({ status: 'QUEUED', attempts: 0, lastError: null, deliveredAt: null })).toBe('Queued');
    expect(
      noticeStatusText({ status: 'RETRYING', attempts: 3, lastError: 'connect ECONNREFUSED', deliveredAt: null }),
    ).toBe('Retrying (3 attempts): connect ECONNREFUSED');
    expect(
      noticeStatusText({ status: 'DELIVERED', attempts: 1, lastError: null, deliveredAt: '2026-11-25T15:20:00Z' }, fmt),
    ).toBe('Delivered on 2026-11-25');
  });

  it('names a case for the buttons that act on it', () => {
    expect(
      caseName({
        account,
        snapshot: { kind: 'COMMENT', authorHandle: '@parent_01', authorName: 'Pat' } as never,
      }),
    ).toBe('the comment by @parent_01 on @RPS_band (Instagram)');
    expect(caseName({ account: null, snapshot: null })).toBe('the content on an account outside your scope');
  });

  it('flags overdue and unassigned cases in words', () => {
    expect(queueFlags({ overdue: true, assignee: null })).toEqual(['Overdue', 'Unassigned']);
    expect(queueFlags({ overdue: false, assignee: { id: 'a', fullName: 'A' } })).toEqual([]);
    expect(queueFlags({ overdue: false, assignee: null, state: 'CLOSED' })).toEqual([]);
    expect(queueFlags({ overdue: false, assignee: null, state: 'REPORTED' })).toEqual(['Unassigned']);
  });

  it('cuts an excerpt at a word', () => {
    expect(excerpt('one two three four five six', 14)).toBe('one two three…');
    expect(excerpt('  short\n text ')).toBe('short text');
  });

  it('counts by state in words', () => {
    expect(stateCountLabel('OPEN', 3)).toBe('Open: 3');
    expect(stateCountLabel(null, 7)).toBe('All states: 7');
    expect(stateCountLabel('REPORTED', undefined)).toBe('Reported');
  });
});

describe('the queue and the case page', () => {
  it('filters by state, account, school, reason, and the three queue switches', () => {
    expect(moderationCasesApi.list.filters).toEqual([
      'state',
      'accountId',
      'schoolId',
      'reason',
      'assignedToMe',
      'unassigned',
      'overdue',
    ]);
    expect(moderationCasesApi.list.sortFields).toBeUndefined();
    expect(
      moderationCasesApi.normalize?.({ id: 'c1', account: { id: 'a1', school: { id: 's1' } } }),
    ).toMatchObject({ accountId: 'a1', schoolId: 's1' });
  });

  it('counts with every filter but the state, and drops switches that are off', () => {
    expect(countsFilter({ state: 'OPEN', overdue: true, unassigned: false, schoolId: 'high', reason: '' })).toEqual({
      overdue: true,
      schoolId: 'high',
    });
  });

  it('follows delivery while a notice is queued or retrying', () => {
    const n = (status: string) => ({ purpose: 'COPY_TO_SUPERINTENDENT', status }) as never;
    expect(awaitingDelivery({ notices: [n('DELIVERED'), n('RETRYING')] })).toBe(true);
    expect(awaitingDelivery({ notices: [n('DELIVERED'), n('DELIVERED')] })).toBe(false);
    expect(awaitingDelivery(undefined)).toBe(false);
  });

  it('says whether the evidence is intact, and what differs when it is not', () => {
    const base = {
      caseId: 'c1',
      purged: false,
      algorithm: 'SHA-256 of RFC 8785 (JCS) canonical JSON',
      storedDigest: 'aa',
      checkedAt: '2026-11-25T15:00:00Z',
    };
    expect(verificationText({ ...base, intact: true, computedDigest: 'aa' })).toMatch(/^Evidence intact/);
    expect(verificationText({ ...base, intact: false, computedDigest: 'bb' })).toMatch(
      /^Evidence altered.*Stored aa, computed bb/,
    );
    expect(verificationText({ ...base, intact: false, purged: true, computedDigest: null })).toMatch(/purged/);
  });
});

describe('what the server says the viewer may do', () => {
  it('wins over the matrix (an administrator who may not read the account), the state still applies', () => {
    const viewer = { id: 'someone', roles: ['STAFF'] as const };
    const c = record({ account: null, canRecord: true, canAnswer: false, canHold: false });
    expect(caseActions(viewer, c)).toMatchObject({ remove: true, dismiss: true, close: false });
    expect(caseActions(viewer, { ...c, state: 'DISMISSED' })).toMatchObject({ remove: false, dismiss: false });
    expect(caseActions({ id: 'band', roles: ['STAFF'] }, record({ canRecord: false })).remove).toBe(false);
  });

  it("names the account from the case's handle when the account itself is not readable", () => {
    expect(caseName({ account: null, accountHandle: 'RPS_band', accountPlatform: 'INSTAGRAM', snapshot: null })).toBe(
      'the content on @RPS_band (Instagram)',
    );
  });
});
