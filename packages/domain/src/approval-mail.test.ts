import { describe, expect, it } from 'vitest';
import {
  APPROVER_DIGEST_INTERVAL_MS,
  type DigestCandidate,
  approverDigestDue,
  mailsRequester,
  nextApproverDigestAt,
  planApproverDigest,
} from './approval-mail.js';
import { APPROVAL_ACTIONS, type ApprovalAction } from './approvals.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

describe('approverDigestDue: one digest a day at most', () => {
  it.each([
    ['never sent', null, true],
    ['sent just now', hoursAgo(0), false],
    ['sent 1 h ago', hoursAgo(1), false],
    ['sent 23 h 59 min ago', new Date(NOW.getTime() - APPROVER_DIGEST_INTERVAL_MS + 60_000), false],
    ['sent exactly 24 h ago', hoursAgo(24), true],
    ['sent 3 days ago', hoursAgo(72), true],
    ['stamped 1 h in the future (clock skew)', hoursAgo(-1), false],
  ] as const)('%s -> %s', (_label, last, due) => {
    expect(approverDigestDue(last, NOW)).toBe(due);
  });

  it.each([
    ['never sent: now', null, NOW],
    ['sent 1 h ago: in 23 h', hoursAgo(1), hoursAgo(-23)],
    ['sent 30 h ago: now', hoursAgo(30), NOW],
    ['stamped 1 h ahead: a day after the stamp', hoursAgo(-1), hoursAgo(-25)],
  ] as const)('nextApproverDigestAt, %s', (_label, last, next) => {
    expect(nextApproverDigestAt(last, NOW)).toEqual(next);
  });
});

const req = (id: string, state: DigestCandidate['state'], mailedAt: Date | null, createdHoursAgo: number): DigestCandidate => ({
  id,
  state,
  mailedAt,
  createdAt: hoursAgo(createdHoursAgo),
});

describe('planApproverDigest', () => {
  const cases: {
    label: string;
    active?: boolean;
    last: Date | null;
    requests: DigestCandidate[];
    plan: ReturnType<typeof planApproverDigest>;
  }[] = [
    {
      label: 'first waiting request, no digest before: sent',
      last: null,
      requests: [req('a', 'PENDING', null, 1)],
      plan: { send: true, requestIds: ['a'], alreadyMailedWaiting: 0 },
    },
    {
      label: 'nothing waiting: nothing sent',
      last: null,
      requests: [],
      plan: { send: false, reason: 'NOTHING_NEW', nextAt: null },
    },
    {
      label: 'withdrawn, decided and lapsed requests are never mailed',
      last: null,
      requests: [
        req('w', 'WITHDRAWN', null, 2),
        req('ap', 'APPROVED', null, 2),
        req('d', 'DENIED', null, 2),
        req('e', 'EXPIRED', null, 2),
        req('r', 'REVOKED', null, 2),
      ],
      plan: { send: false, reason: 'NOTHING_NEW', nextAt: null },
    },
    {
      label: 'only requests already mailed wait: nothing new, nothing sent',
      last: hoursAgo(48),
      requests: [req('a', 'PENDING', hoursAgo(48), 50)],
      plan: { send: false, reason: 'NOTHING_NEW', nextAt: null },
    },
    {
      label: 'new requests within the day: they wait for the next digest',
      last: hoursAgo(3),
      requests: [req('a', 'PENDING', hoursAgo(3), 4), req('b', 'PENDING', null, 2), req('c', 'PENDING', null, 1)],
      plan: { send: false, reason: 'SENT_WITHIN_A_DAY', nextAt: hoursAgo(-21) },
    },
    {
      label: 'a day later: one digest lists every new one, oldest first, and counts the one mailed before',
      last: hoursAgo(24),
      requests: [req('c', 'PENDING', null, 20), req('a', 'PENDING', hoursAgo(24), 25), req('b', 'PENDING', null, 22)],
      plan: { send: true, requestIds: ['b', 'c'], alreadyMailedWaiting: 1 },
    },
    {
      label: 'a new one withdrawn before the digest is left out',
      last: hoursAgo(30),
      requests: [req('b', 'WITHDRAWN', null, 22), req('c', 'PENDING', null, 20)],
      plan: { send: true, requestIds: ['c'], alreadyMailedWaiting: 0 },
    },
    {
      label: 'a request past its expiry (not swept to EXPIRED yet) is not mailed; one expiring later is',
      last: null,
      requests: [
        { ...req('gone', 'PENDING', null, 5), expiresAt: hoursAgo(1) },
        { ...req('soon', 'PENDING', null, 4), expiresAt: hoursAgo(-1) },
      ],
      plan: { send: true, requestIds: ['soon'], alreadyMailedWaiting: 0 },
    },
    {
      label: 'an inactive approver is not mailed',
      active: false,
      last: null,
      requests: [req('a', 'PENDING', null, 1)],
      plan: { send: false, reason: 'APPROVER_INACTIVE', nextAt: null },
    },
    {
      label: 'same creation time: ordered by id (stable)',
      last: null,
      requests: [req('y', 'PENDING', null, 1), req('x', 'PENDING', null, 1)],
      plan: { send: true, requestIds: ['x', 'y'], alreadyMailedWaiting: 0 },
    },
  ];

  it.each(cases)('$label', ({ active, last, requests, plan }) => {
    expect(planApproverDigest({ approverActive: active ?? true, lastDigestAt: last, now: NOW, requests })).toEqual(plan);
  });
});

describe('mailsRequester: the requester hears decisions others take', () => {
  const MAILED: Record<ApprovalAction, boolean> = {
    APPROVE: true,
    DENY: true,
    REVOKE: true,
    WITHDRAW: false,
    EXPIRE: false,
  };
  it.each(APPROVAL_ACTIONS.map((a) => [a, MAILED[a]] as const))('%s -> %s', (action, mailed) => {
    expect(mailsRequester(action, true)).toBe(mailed);
    expect(mailsRequester(action, false)).toBe(false);
  });
});
