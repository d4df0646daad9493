import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

/**
 * The read path of lists (README "Performance"): a page costs the same number of SQL statements
 * whatever its size, at most two (the page, and the count when `total` is selected), plus one
 * identity lookup on a cold cache; and the page statement of each list's default sort walks an
 * index, never a sequential scan of a large table.
 *
 * The data is scaled up with set-based SQL: 2,000 more staff under the three principals, 5,000
 * accounts, 5,000 approval requests, 5,000 audit events, 6,000 students with a release each,
 * 5,000 outbox notices.
 */

// The dashboard's own list queries (apps/admin/src/*/queries.ts), field for field.
const SOCIAL_ACCOUNT_LIST = `query SocialAccounts($filter: SocialAccountFilter, $page: PageInput, $sort: SocialAccountSort) {
  socialAccounts(filter: $filter, page: $page, sort: $sort) {
    items { id platform handle url displayName owner { id fullName email active } school { id name }
            signals classification state attention version createdAt updatedAt }
    total } }`;
const APPROVAL_REQUEST_LIST = `query ApprovalRequests($filter: ApprovalRequestFilter, $page: PageInput) {
  approvalRequests(filter: $filter, page: $page) {
    items { id kind state account { id handle platform } activity requester { id fullName email }
            approver { id fullName } decidedAt expiresAt createdAt canDecide canWithdraw canRevoke }
    total } }`;
const STAFF_LIST = `query StaffList($filter: StaffFilter, $page: PageInput, $sort: StaffSort) {
  staffMembers(filter: $filter, page: $page, sort: $sort) {
    items { id sourcedId email givenName familyName fullName position roles active
            school { id name } supervisor { id fullName email } }
    total } }`;
const STUDENT_LIST = `query Students($filter: StudentFilter, $page: PageInput) {
  students(filter: $filter, page: $page) {
    items { id sourcedId givenName familyName preferredName grade graduated school { id name }
            mediaReleaseStanding { current problem message } }
    total } }`;
const PUBLICATION_CHECK_LIST = `query PublicationChecks($filter: PublicationCheckFilter, $page: PageInput) {
  publicationChecks(filter: $filter, page: $page) {
    items { id result plannedOn mediaKind createdAt account { id handle } checkedBy { id fullName }
            students { allowed problem message sections student { id givenName familyName } } }
    total } }`;
const SYNC_RUN_LIST = `query SyncRuns($page: PageInput) {
  syncRuns(page: $page) {
    items { id kind source actorLabel startedAt durationMs received created updated unchanged deactivated failed
            errors { index sourcedId field message } }
    total } }`;
const NOTIFICATION_LIST = `query Notifications($filter: NotificationFilter, $page: PageInput) {
  notifications(filter: $filter, page: $page) {
    items { id purpose subjectType subjectId recipientEmail subject text
            attachments { filename contentType size }
            status attempts lastError nextAttemptAt deliveredAt createdAt }
    total } }`;
// apps/admin/src/moderation/queries.ts: MODERATION_CASE_LIST (ROW_FIELDS).
const MODERATION_CASE_LIST = `query ModerationCases($filter: ModerationCaseFilter, $page: PageInput) {
  moderationCases(filter: $filter, page: $page) {
    items { id state evidenceDigest explanation decisionNote
            account { id handle platform owner { id fullName supervisor { id } } administrators { id fullName } school { id name } }
            accountHandle accountPlatform canRecord canAnswer canHold
            snapshot { kind platformContentId authorName authorHandle text mediaUrls permalink postedAt capturedAt
                       capturedBy { id fullName } }
            reasons { reason section label } assignee { id fullName } openedBy { id fullName }
            openedAt removedAt reportedAt closedAt dueAt overdue
            notices { purpose recipientEmail status attempts lastError deliveredAt } }
    total } }`;
// apps/admin/src/obligations/queries.ts: REQUIRED_INTERACTION_LIST (XII).
const REQUIRED_INTERACTION_LIST = `query RequiredInteractions($filter: RequiredInteractionFilter, $page: PageInput) {
  requiredInteractions(filter: $filter, page: $page) {
    items { id accountId accountHandle accountPlatform description target state requiredAt retiredAt retireNote version
            requiredBy { id fullName } retiredBy { id fullName }
            confirmations { confirmedAt confirmedBy { id fullName } }
            awaitingConfirmationFrom { id fullName }
            canConfirm canRetire canOpenAccount }
    total } }`;
// apps/admin/src/contentQuestions/queries.ts: CONTENT_QUESTION_LIST (XVIII).
const CONTENT_QUESTION_LIST = `query ContentQuestions($filter: ContentQuestionFilter, $page: PageInput) {
  contentQuestions(filter: $filter, page: $page) {
    items { id question plannedText mediaDescription status askedAt lastMessageAt answeredAt accountHandle version
            asker { id fullName } recipient { id fullName } answeredBy { id fullName }
            canAnswer canFollowUp }
    total } }`;
const AUDIT_LIST = `query AuditEvents($filter: AuditEventFilter, $page: PageInput) {
  auditEvents(filter: $filter, page: $page) {
    items { id occurredAt actorType actorId actorLabel actorRoles action targetType targetId requestId change }
    total } }`;

interface ListCase {
  name: string;
  who: string;
  query: string;
  field: string;
  variables?: Record<string, unknown>;
}

const LISTS: ListCase[] = [
  { name: 'social accounts (district admin)', who: 'admin', query: SOCIAL_ACCOUNT_LIST, field: 'socialAccounts' },
  { name: 'social accounts (a principal, scoped)', who: 'principal.high', query: SOCIAL_ACCOUNT_LIST, field: 'socialAccounts' },
  {
    name: 'approvals inbox (a principal)',
    who: 'principal.high',
    query: APPROVAL_REQUEST_LIST,
    field: 'approvalRequests',
    variables: { filter: { waitingForMe: true } },
  },
  { name: 'staff (district admin)', who: 'admin', query: STAFF_LIST, field: 'staffMembers' },
  { name: 'staff (a principal, scoped)', who: 'principal.north', query: STAFF_LIST, field: 'staffMembers' },
  { name: 'audit trail (auditor)', who: 'auditor', query: AUDIT_LIST, field: 'auditEvents' },
  { name: 'students (a teacher, their school)', who: 'teacher.high', query: STUDENT_LIST, field: 'students' },
  { name: 'students (district admin)', who: 'admin', query: STUDENT_LIST, field: 'students' },
  { name: 'publication checks (a principal)', who: 'principal.high', query: PUBLICATION_CHECK_LIST, field: 'publicationChecks' },
  { name: 'sync runs (district admin)', who: 'admin', query: SYNC_RUN_LIST, field: 'syncRuns' },
  { name: 'moderation queue (district admin)', who: 'admin', query: MODERATION_CASE_LIST, field: 'moderationCases' },
  { name: 'moderation queue (a principal, scoped)', who: 'principal.high', query: MODERATION_CASE_LIST, field: 'moderationCases' },
  {
    name: 'moderation queue, removed for XXXI (Director of External Relations)',
    who: 'external.relations',
    query: MODERATION_CASE_LIST,
    field: 'moderationCases',
    variables: { filter: { reason: 'OBSCENE' } },
  },
  { name: 'outbox (auditor)', who: 'auditor', query: NOTIFICATION_LIST, field: 'notifications' },
  {
    name: 'outbox, failed only (district admin)',
    who: 'admin',
    query: NOTIFICATION_LIST,
    field: 'notifications',
    variables: { filter: { status: 'FAILED' } },
  },
  { name: 'required interactions (district admin)', who: 'admin', query: REQUIRED_INTERACTION_LIST, field: 'requiredInteractions' },
  {
    name: 'required interactions (a principal, scoped)',
    who: 'principal.high',
    query: REQUIRED_INTERACTION_LIST,
    field: 'requiredInteractions',
  },
  { name: 'questions about content (district admin)', who: 'admin', query: CONTENT_QUESTION_LIST, field: 'contentQuestions' },
  {
    name: 'questions about content waiting for a principal',
    who: 'principal.high',
    query: CONTENT_QUESTION_LIST,
    field: 'contentQuestions',
    variables: { filter: { waitingForMe: true } },
  },
];

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await t.sql(`
    insert into staff (id, sourced_id, email, given_name, family_name, position, school_id, supervisor_id,
                       roles, active, created_at, updated_at)
    select gen_random_uuid(), 'scale-staff-' || g, 'scale' || g || '@demo.k12.example', 'Given' || g,
           'Family' || lpad(g::text, 5, '0'), 'Teacher',
           (select id from organization where sourced_id = (array['org-north','org-south','org-high'])[1 + g % 3]),
           (select id from staff where email = (array['principal.north','principal.south','principal.high'])[1 + g % 3] || '@demo.k12.example'),
           '{STAFF}', true, now() - g * interval '1 minute', now()
      from generate_series(1, 2000) g`);
  await t.sql(`
    insert into social_account (id, platform, handle, owner_id, school_id, signals, classification,
                                classification_sections, classification_explanation, state, version,
                                created_at, updated_at)
    select gen_random_uuid(), 'INSTAGRAM', 'scale_account_' || g, s.id, s.school_id, '{PURPORTS_OFFICIAL}',
           'SCHOOL_AFFILIATED', '{VIII,IX}', 'It purports to be official.', 'PENDING_APPROVAL', 1,
           now() - g * interval '1 minute', now() - g * interval '1 second'
      from generate_series(1, 5000) g
      join staff s on s.sourced_id = 'scale-staff-' || (1 + g % 2000)`);
  await t.sql(`
    insert into approval_request (id, kind, state, account_id, justification, requester_id, approver_id,
                                  version, created_at, updated_at)
    select gen_random_uuid(), 'AFFILIATED_ACCOUNT', 'PENDING', a.id, 'Family updates for the club',
           a.owner_id, s.supervisor_id, 1, a.created_at, a.created_at
      from social_account a join staff s on s.id = a.owner_id
     where a.handle like 'scale_account_%'`);
  await t.sql(`
    insert into approval_history (id, request_id, action, to_state, actor_id, note, at)
    select gen_random_uuid(), q.id, 'SUBMIT', 'PENDING', q.requester_id, q.justification, q.created_at
      from approval_request q where q.justification = 'Family updates for the club'`);
  // Raw rows, not through the chain: this database is thrown away and its chain is not checked.
  await t.sql(`
    insert into audit_event (occurred_at, actor_type, actor_id, actor_label, actor_roles, action,
                             target_type, target_id, request_id, change, prev_hash, hash)
    select now() - g * interval '1 second', 'SYSTEM', null, 'system', '{}', 'scale.event', 'Scale',
           g::text, null, null, repeat('0', 64), repeat('0', 64)
      from generate_series(1, 5000) g`);
  await t.sql(`
    insert into student (sourced_id, given_name, family_name, school_id, grade, birth_date)
    select 'scale-student-' || g, 'Student' || g, 'Family' || lpad(g::text, 5, '0'),
           (select id from organization where sourced_id = (array['org-north','org-south','org-high'])[1 + g % 3]),
           '0' || (1 + g % 9), date '2010-01-01' + g
      from generate_series(1, 6000) g`);
  await t.sql(`
    insert into media_release (sourced_id, student_id, status, scopes, school_year, signed_by_kind, signed_on)
    select 'scale-release-' || s.sourced_id, s.id, 'GRANTED', '{DISTRICT_SOCIAL_MEDIA}', '2026-2027', 'STUDENT', '2026-08-01'
      from student s where s.sourced_id like 'scale-student-%'`);
  // Publication checks on the scaled accounts of High staff, three students each.
  await t.sql(`
    insert into publication_check (account_id, checked_by_id, media_kind, planned_on, result, verdicts, student_ids, created_at)
    select a.id, a.owner_id, 'PHOTO', date '2026-12-01', 'ALLOWED',
           (select jsonb_agg(jsonb_build_object('studentId', s.id, 'allowed', true, 'problem', null,
                    'message', 'A current media release is on file.', 'sections', jsonb_build_array('XIV')))
              from (select id from student where sourced_id like 'scale-student-%' order by id limit 3) s),
           (select array_agg(id) from (select id from student where sourced_id like 'scale-student-%' order by id limit 3) s),
           now() - g * interval '1 minute'
      from generate_series(1, 3000) g
      join social_account a on a.handle = 'scale_account_' || g`);
  await t.sql(`
    insert into sync_run (kind, source, actor_label, started_at, finished_at, duration_ms, received, created,
                          updated, unchanged, deactivated, failed, errors)
    select 'students', 'graphql', 'sis-key:scale', now() - g * interval '1 hour', now() - g * interval '1 hour',
           120, 5000, 0, 10, 4990, 0, 0, '[]'::jsonb
      from generate_series(1, 5000) g`);
  // Delivered and failed notices, written straight into the table (no dispatcher involved):
  // delivered ones carry an attachment, as a superintendent's copy does.
  await t.sql(`
    insert into notification (purpose, subject_type, subject_id, recipient_email, subject, body_text, attachments,
                              status, attempts, next_attempt_at, delivered_at, last_error, created_at, updated_at)
    select 'COPY_TO_SUPERINTENDENT', 'moderation_case', gen_random_uuid()::text, 'superintendent@demo.k12.example',
           'Removed content ' || g, 'Body ' || g,
           jsonb_build_array(jsonb_build_object('filename', 'content.json', 'contentType', 'application/json',
                                                'content', '{"text":"copy ' || g || '"}')),
           case when g % 10 = 0 then 'FAILED' else 'DELIVERED' end, 1, null,
           case when g % 10 = 0 then null else now() - g * interval '1 minute' end,
           case when g % 10 = 0 then '550 No such mailbox' else null end,
           now() - g * interval '1 minute', now() - g * interval '1 minute'
      from generate_series(1, 5000) g`);
  // Moderation cases on 3,000 of the scaled accounts, in every state, a quarter assigned, with
  // their snapshots, an administrator on every tenth account and the two notices of removed ones.
  await t.sql(`
    insert into moderation_case (id, account_id, state, evidence_digest, reasons, explanation, assignee_id, opened_by_id,
                                 opened_at, due_at, removed_by_id, removed_at, version, created_at, updated_at)
    select gen_random_uuid(), a.id, (array['OPEN','REMOVED','REPORTED','CLOSED','DISMISSED'])[1 + g % 5],
           md5(g::text) || md5((g + 1)::text),
           case when g % 5 in (1, 2, 3) then '{OBSCENE}'::text[] when g % 5 = 0 then '{}' else '{}' end,
           case when g % 5 in (1, 2, 3) then 'Obscene language aimed at a player.' end,
           case when g % 4 = 0 then a.owner_id end, a.owner_id,
           now() - g * interval '10 minutes', now() - g * interval '10 minutes' + interval '24 hours',
           case when g % 5 in (1, 2, 3) then a.owner_id end,
           case when g % 5 in (1, 2, 3) then now() - g * interval '10 minutes' end,
           1, now() - g * interval '10 minutes', now()
      from generate_series(1, 3000) g
      join social_account a on a.handle = 'scale_account_' || g`);
  await t.sql(`
    insert into moderation_snapshot (case_id, kind, platform_content_id, author_name, author_handle, text, media_urls,
                                     captured_at, captured_by_id, canonical, digest)
    select c.id, 'COMMENT', 'scale-' || c.id, 'A Commenter', 'commenter', 'A scaled comment', '{}', c.opened_at,
           c.opened_by_id, '{}', c.evidence_digest
      from moderation_case c
     where not exists (select 1 from moderation_snapshot s where s.case_id = c.id)`);
  await t.sql(`
    insert into social_account_administrator (social_account_id, staff_id)
    select c.account_id, s.id from moderation_case c
      join lateral (select id from staff where sourced_id like 'scale-staff-%' order by id limit 1) s on true
     where c.evidence_digest like '%0'`);
  await t.sql(`
    insert into notification (purpose, subject_type, subject_id, recipient_email, subject, body_text, status, attempts,
                              next_attempt_at, delivered_at, created_at, updated_at)
    select p.purpose, 'moderation_case', c.id::text, p.email, 'Notice', 'Body', 'DELIVERED', 1, null,
           c.removed_at, c.removed_at, c.removed_at
      from moderation_case c
     cross join (values ('COPY_TO_SUPERINTENDENT', 'superintendent@demo.k12.example'),
                        ('REASON_TO_EXTERNAL_RELATIONS', 'external.relations@demo.k12.example')) p(purpose, email)
     where c.removed_at is not null`);
  // Required interactions (XII) on 3,000 of the scaled accounts, set by each owner's principal;
  // a question about content (XVIII) from each scaled staff member to their principal, a third
  // of them answered, each with its opening message.
  await t.sql(`
    insert into required_interaction (id, account_id, description, target, required_by_id, required_at, version, updated_at)
    select gen_random_uuid(), a.id, 'Follow the district main account ' || g, '@district', o.supervisor_id,
           now() - g * interval '5 minutes', 1, now()
      from generate_series(1, 3000) g
      join social_account a on a.handle = 'scale_account_' || g
      join staff o on o.id = a.owner_id`);
  await t.sql(`
    insert into content_question (id, asker_id, recipient_id, planned_text, status, asked_at, last_message_at,
                                  answered_by_id, answered_at, version, updated_at)
    select gen_random_uuid(), s.id, s.supervisor_id, 'A planned post ' || s.n,
           case when s.n % 3 = 0 then 'ANSWERED' else 'OPEN' end,
           now() - s.n * interval '7 minutes', now() - s.n * interval '7 minutes',
           case when s.n % 3 = 0 then s.supervisor_id end, case when s.n % 3 = 0 then now() - s.n * interval '7 minutes' end,
           1, now()
      from (select id, supervisor_id, row_number() over (order by sourced_id) as n from staff where sourced_id like 'scale-staff-%') s`);
  await t.sql(`
    insert into content_question_message (id, question_id, author_id, kind, body, created_at)
    select gen_random_uuid(), q.id, q.asker_id, 'QUESTION', 'May I post this?', q.asked_at from content_question q`);
  await t.sql('analyze');
});
afterAll(() => t.close());

async function list(c: ListCase, token: string, perPage: number) {
  const r = await t.gql<Record<string, { items: unknown[]; total: number }>>(
    c.query,
    { ...c.variables, page: { page: 1, perPage } },
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data?.[c.field] as { items: unknown[]; total: number };
}

describe('SQL statements per list page', () => {
  it.each(LISTS)('$name: the same count at 25 and 100 rows, at most 2, +1 on a cold identity cache', async (c) => {
    const token = await t.login(c.who);
    const cold = await t.statements(() => list(c, token, 25));
    const counts: Record<number, number> = {};
    for (const perPage of [25, 100]) {
      let page: { items: unknown[]; total: number } | undefined;
      const statements = await t.statements(async () => {
        page = await list(c, token, perPage);
      });
      expect(page?.items).toHaveLength(perPage);
      expect(page?.total).toBeGreaterThan(100);
      counts[perPage] = statements.length;
    }
    expect(counts[100], 'statements at 100 rows').toBe(counts[25]);
    expect(counts[25], 'statements per page').toBeLessThanOrEqual(2);
    expect(cold.length, 'statements on a cold identity cache').toBeLessThanOrEqual((counts[25] ?? 0) + 1);
  });

  // The two lists of the read-path benchmark carry their total in the page statement (a scalar
  // subquery): one statement, one round trip. Checked against a separate count of the same
  // rows, for the unscoped and a scoped caller, and past the last page (no row to carry it).
  it.each([
    LISTS[0],
    LISTS[1],
    LISTS[2],
    { ...(LISTS[0] as ListCase), name: 'social accounts needing attention (district admin)', variables: { filter: { needsAttention: true } } },
    { ...(LISTS[1] as ListCase), name: 'social accounts needing attention (a principal)', variables: { filter: { needsAttention: true } } },
  ] as ListCase[])('$name: the page with its total is one statement, the total exact', async (c) => {
    const token = await t.login(c.who);
    await list(c, token, 25);
    let page: { items: unknown[]; total: number } | undefined;
    const statements = await t.statements(async () => {
      page = await list(c, token, 25);
    });
    expect(statements).toHaveLength(1);
    const all: unknown[] = [];
    for (let n = 1; all.length < (page?.total ?? 0) + 1; n++) {
      const r = await t.gql<Record<string, { items: unknown[]; total: number }>>(
        c.query,
        { ...c.variables, page: { page: n, perPage: 100 } },
        token,
      );
      const items = r.data?.[c.field]?.items ?? [];
      expect(r.data?.[c.field]?.total).toBe(page?.total);
      all.push(...items);
      if (items.length < 100) break;
    }
    expect(all).toHaveLength(page?.total ?? -1);
    const beyond = await t.gql<Record<string, { items: unknown[]; total: number }>>(
      c.query,
      { ...c.variables, page: { page: Math.ceil(all.length / 100) + 5, perPage: 100 } },
      token,
    );
    expect(beyond.data?.[c.field]).toEqual({ items: [], total: all.length });
  });

  it('a page without `total` is one statement', async () => {
    const token = await t.login('admin');
    await list(LISTS[0] as ListCase, token, 25);
    const statements = await t.statements(() =>
      t.gql('{ socialAccounts(page: { perPage: 50 }) { items { id handle owner { fullName } school { name } } } }', {}, token),
    );
    expect(statements).toHaveLength(1);
  });
});

const LARGE = ['social_account', 'approval_request', 'staff', 'audit_event', 'notification', 'moderation_case', 'moderation_snapshot'];

describe('EXPLAIN of each list\'s default sort', () => {
  it.each(LISTS)('$name: the page statement walks an index, no sequential scan of a large table', async (c) => {
    const token = await t.login(c.who);
    await list(c, token, 25); // warm the identity cache, so the first statement is the page
    const statements = await t.statements(() => list(c, token, 25));
    const page = statements[0];
    expect(page?.sql).toMatch(/limit/i);
    // The driver's placeholders are `$n` or `?`; EXPLAIN wants `$n`.
    let n = 0;
    const text = (page?.sql ?? '').replace(/\?/g, () => `$${++n}`);
    const [plan] = await t.sql<{ 'QUERY PLAN': unknown }>(`explain (format json) ${text}`, page?.bindings);
    const seqScans: string[] = [];
    // A page that carries its total counts every matching row in a subquery run once (an
    // InitPlan); that count may scan, as the separate count statement of other lists does.
    const totalInPage = /as page_total/.test(page?.sql ?? '');
    const walk = (node: Record<string, unknown>) => {
      if (totalInPage && node['Parent Relationship'] === 'InitPlan') return;
      if (node['Node Type'] === 'Seq Scan') seqScans.push(String(node['Relation Name']));
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    const [root] = (plan?.['QUERY PLAN'] ?? []) as { Plan: Record<string, unknown> }[];
    walk(root?.Plan ?? {});
    expect(seqScans.filter((r) => LARGE.includes(r)), JSON.stringify(plan)).toEqual([]);
  });

  // The first page has its limit in the text and no offset (server/pagination.ts). A first page
  // with no values to bind (an unscoped list, no filter) is then planned once per connection and
  // that plan reused, instead of planned again on every request (about 0.4 ms of the accounts
  // list's 1.1 ms of database time). With values to bind (a scope, a filter), PostgreSQL weighs
  // a reused generic plan against one made for the values, its choice, and may switch at any
  // time: so every list's generic plan must walk an index as well. Checked as the API's
  // connections run it: the statement prepared by name and executed ten times.
  it.each(LISTS)('$name: the first page\'s reusable plan walks an index (and is reused when nothing is bound)', async (c) => {
    const token = await t.login(c.who);
    await list(c, token, 25);
    const [page] = await t.statements(() => list(c, token, 25));
    expect(page?.sql).toMatch(/limit 25\s*$/);
    let n = 0;
    const text = (page?.sql ?? '').replace(/\?/g, () => `$${++n}`);
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      for (let i = 0; i < 10; i++) await client.query({ name: 'first_page', text, values: page?.bindings });
      const { rows } = await client.query<{ generic_plans: string; custom_plans: string }>(
        "select generic_plans, custom_plans from pg_prepared_statements where name = 'first_page'",
      );
      if (!page?.bindings.length) {
        expect(rows[0], 'planned once, then reused').toEqual({ generic_plans: '10', custom_plans: '0' });
      }
      const { rows: explained } = await client.query(`explain (generic_plan, format json) ${text}`);
      const seqScans: string[] = [];
      const walk = (node: Record<string, unknown>) => {
        if (node['Parent Relationship'] === 'InitPlan') return; // the total, counted once
        if (node['Node Type'] === 'Seq Scan') seqScans.push(String(node['Relation Name']));
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      const [root] = (explained[0]?.['QUERY PLAN'] ?? []) as { Plan: Record<string, unknown> }[];
      walk(root?.Plan ?? {});
      expect(seqScans.filter((r) => LARGE.includes(r)), JSON.stringify(explained)).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('a later page binds its offset: one statement text for every page number', async () => {
    const token = await t.login('admin');
    const texts = new Set<string>();
    for (const pageNo of [2, 3, 7]) {
      const statements = await t.statements(() =>
        t.gql(SOCIAL_ACCOUNT_LIST, { page: { page: pageNo, perPage: 25 } }, token),
      );
      const page = statements.find((s) => /\blimit 25\b/.test(s.sql));
      expect(page?.bindings.at(-1)).toBe((pageNo - 1) * 25);
      texts.add(page?.sql ?? '');
    }
    expect(texts.size).toBe(1);
    expect([...texts][0]).toMatch(/limit 25 offset (\?|\$\d+)\s*$/);
  });
});

// The accounts list reads only the columns its selection needs when the selection fits
// ACCOUNT_LIST_SHAPE (server/projection.ts). Whatever it reads, the answer must be the same: the
// projected page is compared field for field with the full-row page of the same request plus a
// field outside the shape (`bio`), on rows that differ in every way the list shows.
describe('column projection of the social accounts list', () => {
  const ROW = `id contentKind platform handle url displayName owner { id givenName familyName fullName email active }
    school { id name shortName kind } signals classification classificationReasons { signal sections explanation }
    state reclassifiedAt attention version createdAt updatedAt`;
  const PROJECTED = `query P($filter: SocialAccountFilter, $page: PageInput) {
    socialAccounts(filter: $filter, page: $page) { items { ...Row } total } }
    fragment Row on SocialAccount { ${ROW} }`;
  const FULL = `query F($filter: SocialAccountFilter, $page: PageInput) {
    socialAccounts(filter: $filter, page: $page) { items { ${ROW} bio } total } }`;

  beforeAll(async () => {
    // Vary the newest scaled accounts by the last digit of their handle: an affiliation review
    // waiting, a recent reclassification, personal and active, no school, a departed owner.
    await t.sql(`update social_account set review_status = 'PENDING', review_signals = '{USES_DISTRICT_NAME}',
                        review_flagged_at = now(), bio = 'Go Hawks!'
                  where handle ~ '^scale_account_\\d*1$'`);
    await t.sql(`update social_account set reclassified_at = now() - interval '1 day' where handle ~ '^scale_account_\\d*2$'`);
    await t.sql(`update social_account set classification = 'PERSONAL', state = 'ACTIVE', signals = '{}',
                        classification_sections = '{VIII}' where handle ~ '^scale_account_\\d*3$'`);
    await t.sql(`update social_account set school_id = null where handle ~ '^scale_account_\\d*4$'`);
    await t.sql(`update staff set active = false
                  where id in (select owner_id from social_account where handle ~ '^scale_account_\\d*5$')`);
  });

  it.each([
    { who: 'admin', filter: {} },
    { who: 'admin', filter: { needsAttention: true } },
    { who: 'principal.high', filter: {} },
    { who: 'principal.high', filter: { needsAttention: true } },
    { who: 'auditor', filter: { q: 'scale_account_1' } },
  ])('$who $filter: the projected page equals the full rows, and reads fewer columns', async ({ who, filter }) => {
    const token = await t.login(who);
    const variables = { filter, page: { page: 1, perPage: 100 } };
    type Page = { socialAccounts: { items: Record<string, unknown>[]; total: number } };
    let projected: Page | undefined;
    let full: Page | undefined;
    const [narrowSql] = await t.statements(async () => {
      const r = await t.gql<Page>(PROJECTED, variables, token);
      expect(r.errors).toBeUndefined();
      projected = r.data;
    });
    const [fullSql] = await t.statements(async () => {
      const r = await t.gql<Page>(FULL, variables, token);
      expect(r.errors).toBeUndefined();
      full = r.data;
    });
    expect(narrowSql?.sql).not.toMatch(/a\.bio\b/);
    expect(fullSql?.sql).toMatch(/a\.bio\b/);
    const items = projected?.socialAccounts.items ?? [];
    expect(items.length).toBeGreaterThan(10);
    expect(projected?.socialAccounts.total).toBe(full?.socialAccounts.total);
    expect(items).toEqual(full?.socialAccounts.items.map(({ bio: _bio, ...rest }) => rest));
    // The rows compared do differ in what the projection reads.
    const attention = new Set(items.flatMap((item) => item.attention as string[]));
    expect(attention.size, [...attention].join()).toBeGreaterThanOrEqual(who === 'auditor' ? 1 : 3);
  });

  it("the dashboard's own list reads the narrow columns, one statement", async () => {
    const token = await t.login('admin');
    await list(LISTS[0] as ListCase, token, 25);
    const statements = await t.statements(() => list(LISTS[0] as ListCase, token, 25));
    expect(statements).toHaveLength(1);
    expect(statements[0]?.sql).not.toMatch(/a\.bio\b|o\.roles\b|s\.profile\b/);
  });

  it('a projected owner is not handed to other fields of the same request: they read the full record', async () => {
    const token = await t.login('admin');
    const first = await t.gql<{ socialAccounts: { items: { id: string }[] } }>(
      '{ socialAccounts(filter: { q: "scale_account_" }, page: { perPage: 1 }) { items { id } } }',
      {},
      token,
    );
    const id = first.data?.socialAccounts.items[0]?.id;
    type Both = {
      socialAccounts: { items: { owner: { id: string; fullName: string } }[] };
      socialAccount: { owner: { id: string; fullName: string; roles: string[]; supervisor: { id: string } | null } };
    };
    // The list first (projected, its owner partial), then the same account's owner through the
    // request's staff loader, with fields the list did not read.
    const r = await t.gql<Both>(
      `query($id: ID!) { socialAccounts(filter: { q: "scale_account_" }, page: { perPage: 1 }) { items { owner { id fullName } } }
                         socialAccount(id: $id) { owner { id fullName roles supervisor { id } } } }`,
      { id },
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.socialAccount.owner.id).toBe(r.data?.socialAccounts.items[0]?.owner.id);
    expect(r.data?.socialAccount.owner.fullName).toBe(r.data?.socialAccounts.items[0]?.owner.fullName);
    expect(r.data?.socialAccount.owner.roles).toEqual(['STAFF']);
    expect(r.data?.socialAccount.owner.supervisor?.id).toEqual(expect.any(String));
  });
});
