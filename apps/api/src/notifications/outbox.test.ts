import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { initOrm } from '../db/database.js';
import { createLogger } from '../logger.js';
import { query } from '../server/rows.js';
import { startMail } from './mail.js';
import { enqueueNotifications, onDelivered, type NotificationDraft } from './outbox.js';
import { renderMail } from './templates.js';

/**
 * The outbox against a real SMTP server on loopback (test/smtp.ts): what arrives, exactly once,
 * through outages and refusals, and with two dispatchers on one database.
 */

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function draft(n: number, extra: Partial<NotificationDraft> = {}): NotificationDraft {
  return {
    purpose: 'TEST_NOTICE',
    subjectType: 'outbox_test',
    subjectId: `subject-${n}`,
    recipientEmail: `person${n}@district.example`,
    subject: `Notice ${n}`,
    text: `Body of notice ${n}`,
    ...extra,
  };
}

async function enqueue(t: TestApp, drafts: NotificationDraft[]): Promise<string[]> {
  return t.orm.em.fork().transactional((tx) => enqueueNotifications(tx, drafts));
}

interface Row {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  delivered_at: Date | null;
}

async function rows(t: TestApp, ids: string[]): Promise<Row[]> {
  return t.sql<Row & Record<string, unknown>>(
    'select id, status, attempts, last_error, message_id, delivered_at from notification where id = any($1) order by id',
    [ids],
  );
}

async function attempts(t: TestApp, id: string) {
  return t.sql<{ attempt: number; outcome: string; error: string | null; smtp_response: string | null; dispatcher: string }>(
    'select attempt, outcome, error, smtp_response, dispatcher from notification_attempt where notification_id = $1 order by attempt',
    [id],
  );
}

describe('delivery over SMTP', () => {
  let smtp: SmtpCatcher;
  let t: TestApp;
  const hookSaw: { id: string; statusInTransaction: string }[] = [];

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    // A one-minute poll: anything delivered within seconds was woken by the commit's NOTIFY.
    t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '60000', PUBLIC_URL: 'https://steward.district.example' });
    onDelivered('outbox_test', async (em, n) => {
      // Same transaction as the mark: the row already reads DELIVERED here.
      const [row] = await query<{ status: string }>(em, 'select status from notification where id = ?', [n.id]);
      hookSaw.push({ id: n.id, statusInTransaction: row?.status ?? 'missing' });
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('delivers recipient, subject, text, HTML and attachment at once after the commit', async () => {
    const mail = renderMail(
      {
        heading: 'A comment was removed <script>',
        blocks: [
          { kind: 'fields', rows: [['Reason', 'Obscene (XXXI)']] },
          { kind: 'quote', label: 'The comment', text: 'Rude words & <b>tags</b>' },
          { kind: 'link', label: 'Open the case', path: '/moderation/case-1' },
        ],
      },
      t.config.publicUrl,
    );
    const started = Date.now();
    const [id] = await enqueue(t, [
      draft(1, {
        subject: 'Removed content: copy for the superintendent',
        text: mail.text,
        html: mail.html,
        attachments: [{ filename: 'removed-content.json', contentType: 'application/json', content: '{"text":"Rude words"}' }],
      }),
    ]);
    const got = await smtp.waitFor((m) => m.subject === 'Removed content: copy for the superintendent', 5_000);
    expect(Date.now() - started, 'woken by NOTIFY, not by the one-minute poll').toBeLessThan(5_000);
    expect(got.envelope.to).toEqual(['person1@district.example']);
    expect(got.to).toEqual(['person1@district.example']);
    expect(got.from).toContain('steward@localhost');
    expect(got.text).toContain('Reason:');
    expect(got.text).toContain('> Rude words & <b>tags</b>');
    expect(got.text).toContain('Open the case: https://steward.district.example/moderation/case-1');
    expect(got.text).toContain('Sent by Steward for policy 4051.');
    expect(got.html).toContain('Rude words &amp; &lt;b&gt;tags&lt;/b&gt;');
    expect(got.html).toContain('A comment was removed &lt;script&gt;');
    expect(got.html).not.toContain('<script>');
    expect(got.html).toContain('href="https://steward.district.example/moderation/case-1"');
    expect(got.attachments).toHaveLength(1);
    expect(got.attachments[0]?.filename).toBe('removed-content.json');
    expect(got.attachments[0]?.contentType).toBe('application/json');
    expect(got.attachments[0]?.content.toString('utf8')).toBe('{"text":"Rude words"}');

    const [row] = await until('the DELIVERED mark', async () => {
      const r = await rows(t, [id as string]);
      return r[0]?.status === 'DELIVERED' ? r : null;
    });
    expect(row?.attempts).toBe(1);
    expect(row?.message_id).toBe(got.messageId);
    expect(row?.message_id).toMatch(new RegExp(`^<${id}@localhost>$`));
    const tries = await attempts(t, id as string);
    expect(tries).toHaveLength(1);
    expect(tries[0]?.outcome).toBe('DELIVERED');
    expect(tries[0]?.smtp_response).toMatch(/^250/);
    expect(hookSaw).toContainEqual({ id, statusInTransaction: 'DELIVERED' });
  });

  it('runs the hooks of one subject one at a time, so the last one sees every notice delivered', async () => {
    const seen: number[] = [];
    onDelivered('outbox_pair', async (em, n) => {
      await new Promise((r) => setTimeout(r, 300)); // a slow hook: the two marks would overlap
      const [row] = await query<{ n: number }>(
        em,
        `select count(*)::int as n from notification where subject_type = 'outbox_pair' and subject_id = ? and status = 'DELIVERED'`,
        [n.subjectId],
      );
      seen.push(row?.n ?? 0);
    });
    // Two notices of one subject, claimed in one batch and sent at the same time.
    await enqueue(t, [
      draft(10, { subjectType: 'outbox_pair', subjectId: 'pair-1' }),
      draft(11, { subjectType: 'outbox_pair', subjectId: 'pair-1' }),
    ]);
    await until('both hooks', async () => seen.length === 2);
    expect(seen.sort()).toEqual([1, 2]);
  });

  it('writes nothing and sends nothing when the enqueueing transaction rolls back', async () => {
    const before = smtp.messages.length;
    let ids: string[] = [];
    await expect(
      t.orm.em.fork().transactional(async (tx) => {
        ids = await enqueueNotifications(tx, [draft(2, { subject: 'Never sent' })]);
        throw new Error('the removal failed');
      }),
    ).rejects.toThrow('the removal failed');
    expect(ids).toHaveLength(1);
    expect(await rows(t, ids)).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages.length).toBe(before);
    expect(smtp.messages.some((m) => m.subject === 'Never sent')).toBe(false);
  });

  it('refuses a draft with a broken address or a line break in the subject', async () => {
    await expect(enqueue(t, [draft(3, { recipientEmail: 'not an address' })])).rejects.toThrow(/recipientEmail/);
    await expect(enqueue(t, [draft(3, { subject: 'Hi\r\nBcc: someone@evil.example' })])).rejects.toThrow(/line break/);
  });

  it('lists the outbox newest first for the district admin and auditor, with filters; others are refused', async () => {
    const ids = await enqueue(t, [draft(4), draft(5, { attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: 'héllo' }] })]);
    await until('both delivered', async () => (await rows(t, ids)).every((r) => r.status === 'DELIVERED'));
    const admin = await t.login('admin');
    const q = `query($filter: NotificationFilter, $page: PageInput) { notifications(filter: $filter, page: $page) {
      total items { id purpose subjectType subjectId recipientEmail subject text status attempts lastError
                    nextAttemptAt deliveredAt createdAt attachments { filename contentType size } } } }`;
    type Page = { notifications: { total: number; items: Record<string, unknown>[] } };
    const all = await t.gql<Page>(q, {}, admin);
    expect(all.errors).toBeUndefined();
    const items = all.data?.notifications.items ?? [];
    expect(items.length).toBeGreaterThanOrEqual(2);
    const created = items.map((i) => Date.parse(i.createdAt as string));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    const five = items.find((i) => i.id === ids[1]);
    expect(five).toMatchObject({
      purpose: 'TEST_NOTICE',
      subjectType: 'outbox_test',
      subjectId: 'subject-5',
      recipientEmail: 'person5@district.example',
      subject: 'Notice 5',
      text: 'Body of notice 5',
      status: 'DELIVERED',
      attempts: 1,
      lastError: null,
      nextAttemptAt: null,
      attachments: [{ filename: 'a.txt', contentType: 'text/plain', size: 6 }],
    });
    const bySubject = await t.gql<Page>(q, { filter: { subjectId: 'subject-4' } }, admin);
    expect(bySubject.data?.notifications.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(bySubject.data?.notifications.total).toBe(1);
    const failed = await t.gql<Page>(q, { filter: { status: 'FAILED' } }, await t.login('auditor'));
    expect(failed.errors).toBeUndefined();
    expect(failed.data?.notifications.total).toBe(0);
    for (const who of ['teacher.high', 'principal.north']) {
      expect(errorCode(await t.gql(q, {}, await t.login(who)))).toBe('FORBIDDEN');
    }
    expect(errorCode(await t.gql(q, {}))).toBe('UNAUTHENTICATED');

    // One notice with its delivery log; the log of a whole page costs one statement.
    const one = `query($id: ID!) { notification(id: $id) { id subject text attachments { filename size }
      attemptLog { attempt attemptedAt outcome error smtpResponse durationMs } } }`;
    const single = await t.gql<{ notification: Record<string, unknown> & { attemptLog: Record<string, unknown>[] } }>(
      one,
      { id: ids[1] },
      admin,
    );
    expect(single.errors).toBeUndefined();
    expect(single.data?.notification).toMatchObject({ id: ids[1], subject: 'Notice 5', text: 'Body of notice 5' });
    expect(single.data?.notification.attachments).toEqual([{ filename: 'a.txt', size: 6 }]);
    expect(single.data?.notification.attemptLog).toHaveLength(1);
    expect(single.data?.notification.attemptLog[0]).toMatchObject({ attempt: 1, outcome: 'DELIVERED', error: null });
    expect(single.data?.notification.attemptLog[0]?.smtpResponse).toMatch(/^250/);
    expect(errorCode(await t.gql(one, { id: '00000000-0000-0000-0000-000000000000' }, admin))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(one, { id: 'nope' }, admin))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(one, { id: ids[1] }, await t.login('teacher.high')))).toBe('FORBIDDEN');
    const logs = await t.statements(() =>
      t.gql('{ notifications(page: { perPage: 50 }) { items { id attemptLog { outcome } } } }', {}, admin),
    );
    expect(logs.length).toBeLessThanOrEqual(2);
  });
});

describe('two dispatchers on one database', () => {
  it('deliver each of 40 notices exactly once', async () => {
    const smtp = await startSmtpCatcher();
    const t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    const logger = createLogger('silent');
    const orm2 = await initOrm(t.databaseUrl, logger);
    const second = await startMail(t.config, orm2, logger);
    try {
      const ids = await enqueue(t, Array.from({ length: 40 }, (_, i) => draft(100 + i)));
      await until('40 messages', async () => smtp.messages.length >= 40);
      await until('40 marks', async () => (await rows(t, ids)).every((r) => r.status === 'DELIVERED'));
      await new Promise((r) => setTimeout(r, 500)); // time for a duplicate to show up, if any
      const messageIds = smtp.messages.map((m) => m.messageId);
      expect(messageIds).toHaveLength(40);
      expect(new Set(messageIds).size).toBe(40);
      expect(new Set(smtp.messages.map((m) => m.envelope.to[0])).size).toBe(40);
      const tries = await t.sql<{ outcome: string; dispatcher: string }>(
        'select outcome, dispatcher from notification_attempt where notification_id = any($1)',
        [ids],
      );
      expect(tries).toHaveLength(40);
      expect(tries.every((a) => a.outcome === 'DELIVERED')).toBe(true);
      // Both woke on the same NOTIFY and took turns at the rows.
      expect(new Set(tries.map((a) => a.dispatcher)).size).toBe(2);
    } finally {
      await second.stop();
      await orm2.close();
      await t.close();
      await smtp.stop();
    }
  });
});

describe('failures', () => {
  let smtp: SmtpCatcher;
  let t: TestApp;
  let logs = '';

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs += chunk.toString();
        done();
      },
    });
    t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', OUTBOX_MAX_ATTEMPTS: '8', LOG_LEVEL: 'info' }, sink);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('retries while the SMTP server is down (connection refused) and delivers once it is back', async () => {
    await smtp.setDown(true);
    const ids = await enqueue(t, [draft(200), draft(201), draft(202)]);
    const waiting = await until('three failed tries each', async () => {
      const r = await rows(t, ids);
      return r.every((x) => x.status === 'RETRYING' && x.attempts >= 3) ? r : null;
    });
    expect(waiting.every((x) => /ECONNREFUSED/.test(x.last_error ?? ''))).toBe(true);
    const tries = await attempts(t, ids[0] as string);
    expect(tries.slice(0, 3).map((a) => a.outcome)).toEqual(['RETRY', 'RETRY', 'RETRY']);
    expect(tries[0]?.error).toMatch(/ECONNREFUSED/);
    expect(smtp.messages.filter((m) => ids.some((_, i) => m.subject === `Notice ${200 + i}`))).toHaveLength(0);

    await smtp.setDown(false);
    const delivered = await until('delivery after the outage', async () => {
      const r = await rows(t, ids);
      return r.every((x) => x.status === 'DELIVERED') ? r : null;
    });
    expect(delivered.every((x) => x.attempts >= 4 && x.last_error === null)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    for (const n of [200, 201, 202]) {
      expect(smtp.messages.filter((m) => m.subject === `Notice ${n}`)).toHaveLength(1);
    }
    const after = await attempts(t, ids[0] as string);
    expect(after.at(-1)?.outcome).toBe('DELIVERED');
    expect(after.filter((a) => a.outcome === 'DELIVERED')).toHaveLength(1);
    expect(logs).toContain('notice not delivered; will retry');
  });

  it('marks a notice FAILED at once on a permanent 5xx refusal, logged at error without the body', async () => {
    smtp.failWith(550, 'No such mailbox here');
    try {
      const [id] = await enqueue(t, [draft(300, { text: 'Secret body text 300' })]);
      const [row] = await until('FAILED', async () => {
        const r = await rows(t, [id as string]);
        return r[0]?.status === 'FAILED' ? r : null;
      });
      expect(row?.attempts).toBe(1);
      expect(row?.last_error).toMatch(/550/);
      expect(row?.last_error).toMatch(/No such mailbox/);
      const [only] = await attempts(t, id as string);
      expect(only?.outcome).toBe('FAILED');
      expect(only?.smtp_response).toMatch(/^550/);
      const line = logs.split('\n').find((l) => l.includes(id as string) && l.includes('FAILED'));
      expect(line).toBeDefined();
      expect(JSON.parse(line as string).level).toBe(50); // pino's error
      expect(logs).not.toContain('Secret body text 300');
      await new Promise((r) => setTimeout(r, 400));
      expect((await rows(t, [id as string]))[0]?.attempts).toBe(1); // never tried again
    } finally {
      smtp.failWith(null);
    }
  });

  it('sends a FAILED notice again when the district admin asks (audited); nothing else can be re-sent', async () => {
    smtp.failWith(550, 'Mailbox unavailable');
    let id = '';
    try {
      [id] = (await enqueue(t, [draft(310)])) as [string];
      await until('FAILED', async () => (await rows(t, [id]))[0]?.status === 'FAILED');
    } finally {
      smtp.failWith(null);
    }
    const retry = 'mutation($id: ID!) { retryNotification(id: $id) { id status attempts attemptLog { outcome } } }';
    // Only district IT: the auditor reads the outbox but changes nothing; staff see none of it.
    expect(errorCode(await t.gql(retry, { id }, await t.login('auditor')))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(retry, { id }, await t.login('teacher.north')))).toBe('FORBIDDEN');

    const admin = await t.login('admin');
    const r = await t.gql<{ retryNotification: { status: string; attempts: number; attemptLog: { outcome: string }[] } }>(
      retry,
      { id },
      admin,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.retryNotification.attempts).toBe(0);
    expect(r.data?.retryNotification.attemptLog.map((a) => a.outcome)).toContain('FAILED'); // history kept
    await until('delivery after the retry', async () => (await rows(t, [id]))[0]?.status === 'DELIVERED');
    expect(smtp.messages.filter((m) => m.subject === 'Notice 310')).toHaveLength(1);
    const [audit] = await t.sql<{ action: string; target_id: string }>(
      "select action, target_id from audit_event where action = 'notification.retry' and target_id = $1",
      [id],
    );
    expect(audit?.action).toBe('notification.retry');

    // Delivered once: asking again is refused, and nothing more is sent.
    expect(errorCode(await t.gql(retry, { id }, admin))).toBe('CONFLICT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.filter((m) => m.subject === 'Notice 310')).toHaveLength(1);
  });

  it('a notice whose senders all died mid-send is FAILED once its tries are used up, not claimed forever', async () => {
    // Written straight into the table as eight crashed tries leave it: QUEUED, attempts at the
    // maximum, the last try still SENDING, its lease run out.
    const [row] = await t.sql<{ id: string }>(
      `insert into notification (purpose, subject_type, subject_id, recipient_email, subject, body_text, status, attempts, next_attempt_at, lease_owner)
       values ('TEST_NOTICE', 'outbox_test', 'subject-320', 'person320@district.example', 'Notice 320', 'Body 320', 'QUEUED', 8, now() - interval '1 second', 'a-dead-process')
       returning id`,
    );
    const id = row?.id as string;
    await t.sql(`insert into notification_attempt (notification_id, attempt, dispatcher) values ($1, 8, 'a-dead-process')`, [id]);
    await until('FAILED', async () => (await rows(t, [id]))[0]?.status === 'FAILED');
    const [failed] = await rows(t, [id]);
    expect(failed?.attempts).toBe(8);
    expect(failed?.last_error).toMatch(/Gave up after 8 tries/);
    expect((await attempts(t, id)).map((a) => a.outcome)).toEqual(['LEASE_EXPIRED']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.filter((m) => m.subject === 'Notice 320')).toHaveLength(0);
  });

  it('gives up after OUTBOX_MAX_ATTEMPTS temporary refusals (4xx), then FAILED', async () => {
    smtp.failWith(451, 'Try again later');
    try {
      const [id] = await enqueue(t, [draft(400)]);
      const [row] = await until(
        'FAILED after 8 tries',
        async () => {
          const r = await rows(t, [id as string]);
          return r[0]?.status === 'FAILED' ? r : null;
        },
        25_000,
      );
      expect(row?.attempts).toBe(8);
      const tries = await attempts(t, id as string);
      expect(tries.map((a) => a.outcome)).toEqual([...Array(7).fill('RETRY'), 'FAILED']);
      expect(logs).toContain('notice failed on its last attempt: FAILED');
    } finally {
      smtp.failWith(null);
    }
  }, 40_000);

  it('retries a failing onDelivered hook without sending again; a hook that keeps failing does not resend the mail', async () => {
    let flaky = 0;
    onDelivered('outbox_flaky_hook', async () => {
      flaky += 1;
      if (flaky <= 2) throw new Error('the case row was locked');
    });
    onDelivered('outbox_broken_hook', async () => {
      throw new Error('a bug in the hook');
    });
    const [a] = await enqueue(t, [draft(600, { subjectType: 'outbox_flaky_hook', subject: 'Flaky hook' })]);
    const [b] = await enqueue(t, [draft(601, { subjectType: 'outbox_broken_hook', subject: 'Broken hook' })]);
    await until('both DELIVERED', async () => (await rows(t, [a as string, b as string])).every((r) => r.status === 'DELIVERED'));
    expect(flaky).toBe(3); // two rolled-back marks, then the one that committed
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.filter((m) => m.subject === 'Flaky hook')).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.subject === 'Broken hook')).toHaveLength(1);
    expect(logs).toContain('notice marked DELIVERED without its onDelivered hooks');
  });

  it('picks up a notice whose sender died mid-send once its lease expires, and sends it once', async () => {
    // The state a dispatcher leaves when its process dies during the SMTP conversation: the row
    // claimed (lease owner, attempt counted, lease ending in 1.5 s) and its try still SENDING.
    const [row0] = await t.sql<{ id: string }>(
      `insert into notification (purpose, subject_type, subject_id, recipient_email, subject, body_text,
                                 attempts, lease_owner, next_attempt_at)
       values ('TEST_NOTICE', 'outbox_test', 'subject-500', 'person500@district.example',
               'Leased by a dead process', 'Body', 1, 'dead-process', now() + interval '1.5 seconds')
       returning id`,
    );
    const id = row0?.id as string;
    await t.sql(`insert into notification_attempt (notification_id, attempt, dispatcher) values ($1, 1, 'dead-process')`, [id]);
    await new Promise((r) => setTimeout(r, 800));
    expect(smtp.messages.some((m) => m.subject === 'Leased by a dead process'), 'not before the lease ends').toBe(false);
    await smtp.waitFor((m) => m.subject === 'Leased by a dead process', 10_000);
    const [row] = await until('DELIVERED', async () => {
      const r = await rows(t, [id]);
      return r[0]?.status === 'DELIVERED' ? r : null;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.filter((m) => m.subject === 'Leased by a dead process')).toHaveLength(1);
    expect(row?.attempts).toBe(2);
    const tries = await attempts(t, id);
    expect(tries.map((a) => a.outcome)).toEqual(['LEASE_EXPIRED', 'DELIVERED']);
    expect(tries[0]?.error).toMatch(/may have been delivered/);
  });
});
