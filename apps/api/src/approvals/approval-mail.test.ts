import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';
import { startSmtpCatcher, type CaughtMessage, type SmtpCatcher } from '../../test/smtp.js';
import { demoEmail } from '../seed/demo.js';

/**
 * Approval mail over real HTTP, a real PostgreSQL and a real SMTP server: the approver's daily
 * digest (the sweep is called with an injected `now`, as main.ts's minute interval calls it with
 * the clock) and the requester's decision mail, written in the decision's transaction.
 */

const PUBLIC_URL = 'https://steward.district.example';
const HOUR = 3_600_000;

let t: TestApp;
let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', PUBLIC_URL });
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

const to = (key: string) => (m: CaughtMessage) => m.envelope.to.includes(demoEmail(key));
const mailsTo = (key: string) => smtp.messages.filter(to(key));

async function staffId(key: string): Promise<string> {
  const [row] = await t.sql<{ id: string }>('select id from staff where email = $1', [demoEmail(key)]);
  return row?.id as string;
}

async function submit(key: string, input: Record<string, unknown>): Promise<string> {
  const r = await t.gql<{ submitApprovalRequest: { id: string } }>(
    'mutation($input: SubmitApprovalRequestInput!) { submitApprovalRequest(input: $input) { id } }',
    { input },
    await t.login(key),
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.submitApprovalRequest.id;
}

const instructional = (activity: string) => ({
  kind: 'INSTRUCTIONAL_USE',
  activity,
  justification: 'Students publish short videos as part of the unit.',
});

const DECIDE = `mutation($id: ID!, $decision: ApprovalDecision!, $note: String) {
  decideApprovalRequest(id: $id, decision: $decision, note: $note) { id state } }`;

/** The digests written for an approver (the outbox is the only way mail leaves). */
async function digestsFor(approverId: string) {
  return t.sql<{ id: string; subject: string }>(
    `select id, subject from notification where purpose = 'APPROVAL_DIGEST' and subject_type = 'approval_digest'
      and subject_id = $1 order by created_at`,
    [approverId],
  );
}

/** Waits until every notice written so far is out of the queue (delivered or failed). */
async function outboxDrained() {
  for (let i = 0; i < 200; i++) {
    const [row] = await t.sql<{ n: number }>(`select count(*)::int as n from notification where status in ('QUEUED', 'RETRYING')`);
    if (row?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the outbox did not drain');
}

describe("approver's digest: one a day at most", () => {
  it('mails the first waiting request at the next sweep, holds later ones for a day, then lists them in one digest', async () => {
    const sweep = (now: Date) => t.app.services.approvalMail.sweepDigests(t.orm.em.fork(), now);
    const day0 = new Date();
    const principalNorth = await staffId('principal.north');
    const principalHigh = await staffId('principal.high');

    const first = await submit('teacher.north', instructional('Lab videos <script>alert(1)</script> & "quotes"'));

    // An inactive approver is not mailed (the seed left a request of coach.high waiting for them).
    await t.sql('update staff set active = false where id = $1', [principalHigh]);
    await sweep(day0);
    expect(await digestsFor(principalHigh)).toEqual([]);
    await t.sql('update staff set active = true where id = $1', [principalHigh]);

    const digest = await smtp.waitFor(to('principal.north'), 10_000);
    expect(digest.subject).toBe('1 approval request waits for you');
    expect(digest.text).toContain('Grace, staff you supervise asked for the permission');
    expect(digest.text).toContain('Instructional use of social media (XXII)');
    expect(digest.text).toContain('Tom Lindqvist, 3rd Grade Teacher');
    expect(digest.text).toContain(`${PUBLIC_URL}/#/approvalRequests/${first}/show`);
    expect(digest.text).toContain('Lab videos <script>alert(1)</script> & "quotes"');
    expect(digest.html).toContain('Lab videos &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(digest.html).not.toContain('<script>');
    expect(digest.text).toContain(`${PUBLIC_URL}/#/approvalRequests?filter=%7B%22waitingForMe%22%3Atrue%7D`);

    // The next minute: nothing new, nothing sent.
    await sweep(new Date(day0.getTime() + 60_000));
    expect(await digestsFor(principalNorth)).toHaveLength(1);

    // Two more the same day, and one withdrawn before any digest: no mail within the day.
    const second = await submit('teacher2.north', instructional('A class blog for 1st grade reading logs'));
    const third = await submit('music.north', instructional('Concert recordings on a class channel'));
    const withdrawn = await submit('librarian.north', instructional('Book reviews on a class microblog'));
    const librarian = await t.login('librarian.north');
    const w = await t.gql('mutation($id: ID!) { withdrawApprovalRequest(id: $id) { state } }', { id: withdrawn }, librarian);
    expect(w.errors).toBeUndefined();
    for (const hours of [1, 12, 23.9]) await sweep(new Date(day0.getTime() + hours * HOUR));
    expect(await digestsFor(principalNorth)).toHaveLength(1);

    // A day after the first: one digest with both, oldest first, the withdrawn one left out.
    await sweep(new Date(day0.getTime() + 24 * HOUR));
    const [, next] = await digestsFor(principalNorth);
    expect(next?.subject).toBe('2 approval requests wait for you');
    const nextMail = await smtp.waitFor((m) => to('principal.north')(m) && m.subject === '2 approval requests wait for you', 10_000);
    expect(nextMail.text.indexOf(second)).toBeGreaterThan(0);
    expect(nextMail.text.indexOf(third)).toBeGreaterThan(nextMail.text.indexOf(second));
    expect(nextMail.text).not.toContain(withdrawn);
    expect(nextMail.text).not.toContain(first);
    expect(nextMail.text).toContain('1 request listed in an earlier mail still waits too.');

    // The seeded requests: principal.high (active again) and principal.south hear of theirs once.
    await sweep(new Date(day0.getTime() + 25 * HOUR));
    expect(await digestsFor(principalHigh)).toHaveLength(1);
    expect(await digestsFor(await staffId('principal.south'))).toHaveLength(1);

    await outboxDrained();
    expect(mailsTo('principal.north').map((m) => m.subject)).toEqual([
      '1 approval request waits for you',
      '2 approval requests wait for you',
    ]);
    const notices = await t.sql<{ recipient_staff_id: string; status: string }>(
      `select recipient_staff_id, status from notification where purpose = 'APPROVAL_DIGEST'`,
    );
    expect(notices.every((n) => n.status === 'DELIVERED')).toBe(true);
  });

  it('sweeps running at the same moment (several API processes) send one digest', async () => {
    const principalSouth = await staffId('principal.south');
    const before = (await digestsFor(principalSouth)).length;
    await submit('teacher2.south', instructional('Poetry readings on a class podcast'));
    const later = new Date(Date.now() + 72 * HOUR);
    const sweep = () => t.app.services.approvalMail.sweepDigests(t.orm.em.fork(), later);

    // Another process is sending this approver's digest (it holds the row): this sweep skips
    // the approver at once instead of waiting, and sends nothing for them.
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select 1 from approval_digest where approver_id = $1 for update', [principalSouth]);
      expect(await sweep()).toEqual([]);
      expect(await digestsFor(principalSouth)).toHaveLength(before);
      await other.query('commit');
    } finally {
      await other.end();
    }

    // Four at once: exactly one digest.
    const results = await Promise.all(Array.from({ length: 4 }, sweep));
    expect(results.flat()).toHaveLength(1);
    expect(await digestsFor(principalSouth)).toHaveLength(before + 1);
  });
});

describe("requester's decision mail", () => {
  async function affiliatedAccount(ownerKey: string, handle: string) {
    const r = await t.gql<{ registerSocialAccount: { id: string } }>(
      'mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { id } }',
      { input: { platform: 'INSTAGRAM', handle, signals: ['PURPORTS_OFFICIAL'] } },
      await t.login(ownerKey),
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.registerSocialAccount.id;
  }

  it('approve, then revoke: the requester gets each decision with the note, escaped in HTML', async () => {
    const accountId = await affiliatedAccount('art.high', 'ralston_art_room');
    const id = await submit('art.high', {
      kind: 'AFFILIATED_ACCOUNT',
      accountId,
      justification: 'Student artwork shows for families, with releases on file.',
    });
    const principal = await t.login('principal.high');
    const note = 'Fine <b>by</b> me & "the board".\nPost releases first.';
    const approved = await t.gql(DECIDE, { id, decision: 'APPROVE', note }, principal);
    expect(approved.errors).toBeUndefined();

    const mail = await smtp.waitFor((m) => to('art.high')(m) && m.text.includes(id), 10_000);
    expect(mail.subject).toBe('Approved: School-affiliated account or content (@ralston_art_room on INSTAGRAM)');
    expect(mail.text).toContain('Chloe, Nadia Brennan approved your request');
    expect(mail.text).toMatch(/Decision:\s+APPROVED/);
    expect(mail.text).toMatch(/Decided by:\s+Nadia Brennan, Principal/);
    expect(mail.text).toContain('Note from Nadia Brennan:\n> Fine <b>by</b> me & "the board".\n> Post releases first.');
    expect(mail.html).toContain('Fine &lt;b&gt;by&lt;/b&gt; me &amp; &quot;the board&quot;.');
    expect(mail.html).not.toContain('<b>by</b>');
    expect(mail.text).toContain(`Open the request: ${PUBLIC_URL}/#/approvalRequests/${id}/show`);

    const [notice] = await t.sql<{ id: string; purpose: string; subject_type: string; recipient_staff_id: string }>(
      'select id, purpose, subject_type, recipient_staff_id from notification where subject_id = $1',
      [id],
    );
    expect(notice).toMatchObject({ purpose: 'APPROVAL_DECISION', subject_type: 'approval_request', recipient_staff_id: await staffId('art.high') });
    // The decision's audit event names the notice it wrote.
    const [audit] = await t.sql<{ change: { notice?: string } }>(
      `select change from audit_event where action = 'approval.approve' and target_id = $1`,
      [id],
    );
    expect(audit?.change.notice).toBe(notice?.id);

    const revoked = await t.gql(
      'mutation($id: ID!, $note: String!) { revokeApproval(id: $id, note: $note) { state } }',
      { id, note: 'Student photos went up without releases.' },
      principal,
    );
    expect(revoked.errors).toBeUndefined();
    const revokeMail = await smtp.waitFor((m) => to('art.high')(m) && m.subject.startsWith('Approval revoked'), 10_000);
    expect(revokeMail.subject).toBe('Approval revoked: School-affiliated account or content (@ralston_art_room on INSTAGRAM)');
    expect(revokeMail.text).toContain('the account is suspended');
    expect(revokeMail.text).toContain('> Student photos went up without releases.');
  });

  it('deny mails the note; a withdrawal mails nobody', async () => {
    const denied = await submit('journalism.high', {
      kind: 'DISTRICT_BRANDING',
      activity: 'Rams logo\r\non the student newspaper site',
      justification: 'The paper wants the school look on its masthead.',
    });
    const principal = await t.login('principal.high');
    expect((await t.gql(DECIDE, { id: denied, decision: 'DENY', note: 'Ask External Relations for the logo kit.' }, principal)).errors).toBeUndefined();
    const mail = await smtp.waitFor((m) => to('journalism.high')(m) && m.text.includes(denied), 10_000);
    // The activity's line break does not reach the subject line.
    expect(mail.subject).toBe("Denied: Use of the district's name, programs, mascot or image (Rams logo on the student newspaper site)");
    expect(mail.text).toContain('> Ask External Relations for the logo kit.');

    const withdrawn = await submit('journalism.high', instructional('A class podcast about local news'));
    const own = await t.login('journalism.high');
    expect((await t.gql('mutation($id: ID!) { withdrawApprovalRequest(id: $id) { state } }', { id: withdrawn }, own)).errors).toBeUndefined();
    expect(await t.sql('select id from notification where subject_id = $1', [withdrawn])).toEqual([]);
  });

  it('a decision that loses a race rolls back, and its mail with it', async () => {
    const id = await submit('band.high', instructional('Rehearsal clips for section practice'));
    const principal = await t.login('principal.high');

    // Another decision holds the row: it has changed the version and not committed yet.
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('update approval_request set version = version + 1 where id = $1', [id]);
      const losing = t.gql(DECIDE, { id, decision: 'APPROVE', note: 'Go ahead.' }, principal);
      // Wait until the API's decision has written its mail and blocks on the row at the flush.
      for (let i = 0; ; i++) {
        const waiting = await t.sql<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (waiting[0]?.n) break;
        if (i > 200) throw new Error('the decision never blocked');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      // The blocked transaction has already written its notice (it holds the insert's lock on
      // the outbox table), so what follows is a rollback of a written mail, not a mail never written.
      const [wrote] = await t.sql<{ n: number }>(
        `select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where a.datname = current_database() and a.wait_event_type = 'Lock'
            and l.relation = 'notification'::regclass and l.mode = 'RowExclusiveLock'`,
      );
      expect(wrote?.n).toBe(1);
      await other.query('commit');
      expect(errorCode(await losing)).toBe('CONFLICT');
    } finally {
      await other.end();
    }
    expect(await t.sql('select id from notification where subject_id = $1', [id])).toEqual([]);

    // Decided again, it mails once.
    expect((await t.gql(DECIDE, { id, decision: 'APPROVE', note: 'Go ahead.' }, principal)).errors).toBeUndefined();
    await smtp.waitFor((m) => to('band.high')(m) && m.text.includes(id), 10_000);
    await outboxDrained();
    expect(smtp.messages.filter((m) => m.text.includes(id))).toHaveLength(1);
  });
});

describe('web pages and other content are named by their kind (XXIX)', () => {
  async function register(ownerKey: string, input: Record<string, unknown>) {
    const r = await t.gql<{ registerSocialAccount: { id: string; url: string } }>(
      'mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { id url } }',
      { input: { signals: ['PURPORTS_OFFICIAL'], ...input } },
      await t.login(ownerKey),
    );
    if (!r.data) throw new Error(JSON.stringify(r.errors));
    return r.data.registerSocialAccount;
  }

  it('the digest, the approval and the revocation say "web page https://…", never "@… on WEB" or "the account"', async () => {
    const page = await register('librarian.north', { contentKind: 'WEB_PAGE', url: 'https://north.demo.k12.example/library/' });
    const microblog = await register('librarian.north', { contentKind: 'MICROBLOG', platform: 'BLUESKY', handle: 'north_library_reads' });
    const pageRequest = await submit('librarian.north', {
      kind: 'AFFILIATED_ACCOUNT',
      accountId: page.id,
      justification: 'The library page for families.',
    });
    await submit('librarian.north', {
      kind: 'AFFILIATED_ACCOUNT',
      accountId: microblog.id,
      justification: 'Reading news for families.',
    });

    // The approver's next digest (days after the earlier ones) lists both by kind.
    await t.app.services.approvalMail.sweepDigests(t.orm.em.fork(), new Date(Date.now() + 200 * HOUR));
    const digest = await smtp.waitFor((m) => to('principal.north')(m) && m.text.includes(pageRequest), 10_000);
    expect(digest.text).toMatch(/Web page:\s+web page https:\/\/north\.demo\.k12\.example\/library\//);
    expect(digest.text).toMatch(/Microblog:\s+microblog @north_library_reads on BLUESKY/);
    expect(digest.text).not.toContain('on WEB');

    const principal = await t.login('principal.north');
    expect((await t.gql(DECIDE, { id: pageRequest, decision: 'APPROVE', note: 'Welcome online.' }, principal)).errors).toBeUndefined();
    const approved = await smtp.waitFor((m) => to('librarian.north')(m) && m.subject.startsWith('Approved') && m.text.includes(pageRequest), 10_000);
    expect(approved.subject).toBe('Approved: School-affiliated account or content (web page https://north.demo.k12.example/library/)');
    expect(approved.text).toContain('The web page https://north.demo.k12.example/library/ is now active as school-affiliated content.');
    expect(approved.text).toMatch(/Web page:\s+web page https:\/\/north\.demo\.k12\.example\/library\//);
    expect(approved.text).not.toContain('The account is now active');
    expect(approved.text).not.toContain('on WEB');

    const revoked = await t.gql(
      'mutation($id: ID!, $note: String!) { revokeApproval(id: $id, note: $note) { state } }',
      { id: pageRequest, note: 'The page lists student names.' },
      principal,
    );
    expect(revoked.errors).toBeUndefined();
    const revokeMail = await smtp.waitFor((m) => to('librarian.north')(m) && m.subject.startsWith('Approval revoked') && m.text.includes(pageRequest), 10_000);
    expect(revokeMail.text).toContain('The permission ends now and the web page https://north.demo.k12.example/library/ is suspended.');
    expect(revokeMail.text).not.toContain('the account is suspended');
  });
});

describe('a sweep within the approver\'s day', () => {
  it('does not lock their waiting requests, so a decision never waits for a digest that is not due', async () => {
    const principalSouth = await staffId('principal.south');
    const t0 = new Date(Date.now() + 400 * HOUR);
    const sweep = (now: Date) => t.app.services.approvalMail.sweepDigests(t.orm.em.fork(), now);
    await submit('counselor.south', instructional('Study tips on a class channel'));
    await sweep(t0);
    const before = (await digestsFor(principalSouth)).length;
    expect(before).toBeGreaterThan(0);
    const waiting = await submit('coach.south', instructional('Match highlights for the team'));

    // A decision on the new request is under way (it holds the row).
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    let swept: Promise<unknown> | null = null;
    try {
      await other.query('begin');
      await other.query('select id from approval_request where id = $1 for update', [waiting]);
      // An hour later the digest is not due: the sweep answers at once instead of queueing
      // behind the decision for the request's lock.
      swept = sweep(new Date(t0.getTime() + HOUR));
      const outcome = await Promise.race([
        swept.then(() => 'swept'),
        new Promise((resolve) => setTimeout(() => resolve('waited'), 3_000)),
      ]);
      expect(outcome).toBe('swept');
    } finally {
      await other.query('commit');
      await other.end();
      await swept;
    }
    expect(await digestsFor(principalSouth)).toHaveLength(before);

    // A day later it goes, with the request.
    await sweep(new Date(t0.getTime() + 24 * HOUR));
    expect(await digestsFor(principalSouth)).toHaveLength(before + 1);
    await smtp.waitFor((m) => to('principal.south')(m) && m.text.includes(waiting), 10_000);
  });
});
