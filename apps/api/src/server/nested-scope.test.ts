import type { GraphQLField, GraphQLObjectType, GraphQLOutputType, GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { createSchema } from '../schema.js';

/**
 * Security review #3: every object a nested field returns passes the same scope rule as a direct
 * read. The walk below is generated from the schema itself, so a field added later is walked too:
 * from each root a caller may use, it follows every object-typed field (several levels deep) and
 * checks each record it reaches with the direct query for that type.
 *
 * The rule it checks: a SocialAccount or ApprovalRequest reached anywhere must be readable
 * directly; a Staff member may appear as a person named by a record you can see (an owner, a
 * requester, an approver), but nothing may be reached *through* a person you cannot read.
 */

/** Types with a direct single read, and how to ask for it. */
const DIRECT_READ: Record<string, string> = {
  SocialAccount: 'query($id: ID!) { socialAccount(id: $id) { id } }',
  ApprovalRequest: 'query($id: ID!) { approvalRequest(id: $id) { id } }',
  Staff: 'query($id: ID!) { staff(id: $id) { id } }',
  Student: 'query($id: ID!) { student(id: $id) { id } }',
  ModerationCase: 'query($id: ID!) { moderationCase(id: $id) { id } }',
  ContentQuestion: 'query($id: ID!) { contentQuestion(id: $id) { id } }',
};
/** May be shown as a named person even when not directly readable (its relations then null). */
const NAMED_PERSON = 'Staff';

interface Root {
  /** Query text up to the root field's selection, e.g. `approvalRequest(id: "…")`. */
  call: string;
  type: GraphQLObjectType;
}

type Path = GraphQLField<unknown, unknown>[];

// By tag, not instanceof: type-graphql may load its own copy of graphql (another realm).
function objectTypeOf(type: GraphQLOutputType): GraphQLObjectType | null {
  let named: unknown = type;
  while (named && typeof named === 'object' && 'ofType' in named) named = (named as { ofType: unknown }).ofType;
  return Object.prototype.toString.call(named) === '[object GraphQLObjectType]'
    ? (named as GraphQLObjectType)
    : null;
}

/** Every path of object-typed fields from `root`, each field used at most `perEdge` times. */
function paths(root: GraphQLObjectType, maxDepth: number, perEdge: number): Path[] {
  const out: Path[] = [];
  const used = new Map<string, number>();
  const queue: { type: GraphQLObjectType; path: Path }[] = [{ type: root, path: [] }];
  while (queue.length > 0) {
    const { type, path } = queue.shift() as { type: GraphQLObjectType; path: Path };
    if (path.length >= maxDepth) continue;
    for (const field of Object.values(type.getFields())) {
      const child = objectTypeOf(field.type);
      if (!child || field.args.some((a) => String(a.type).endsWith('!'))) continue;
      const edge = `${type.name}.${field.name}`;
      const count = used.get(edge) ?? 0;
      if (count >= perEdge) continue;
      used.set(edge, count + 1);
      const next = [...path, field];
      out.push(next);
      queue.push({ type: child, path: next });
    }
  }
  return out;
}

function selection(type: GraphQLObjectType): string {
  return type.getFields().id ? '__typename id' : '__typename';
}

/** `root { f1 { __typename id f2 { __typename id } } }` for one path. */
function queryFor(root: Root, path: Path): string {
  let inner = '';
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const field = path[i] as GraphQLField<unknown, unknown>;
    inner = ` ${field.name} { ${selection(objectTypeOf(field.type) as GraphQLObjectType)}${inner} }`;
  }
  return `{ ${root.call} { ${selection(root.type)}${inner} } }`;
}

interface Node {
  typename: string;
  id: string | null;
  trail: string;
  /** Whether an object above it on the path could not be read directly. */
  belowUnreadable: boolean;
  value: Record<string, unknown>;
}

/** The objects in a field's answer (one, or each of a list). */
function expand(value: unknown, trail: string, belowUnreadable: boolean): Node[] {
  return (Array.isArray(value) ? value : [value])
    .filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
    .map((v) => ({ typename: String(v.__typename), id: (v.id as string | undefined) ?? null, trail, belowUnreadable, value: v }));
}

describe('nested fields pass the same scope rule as a direct read (security review #3)', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let movedRequestId = '';
  let movedAccountId = '';

  beforeAll(async () => {
    t = await startTestApp();
    schema = await createSchema();
    // A teacher at the high school registers an affiliated account, escrows it, and gets a
    // request approved by their principal; another stays pending. Then the SIS moves the
    // teacher to North, under another principal.
    const teacher = await t.login('teacher.high');
    const registered = await t.gql<{ registerSocialAccount: { id: string } }>(
      `mutation { registerSocialAccount(input: { platform: INSTAGRAM, handle: "RHSHistoryClub",
         bio: "History club news", signals: [PURPORTS_OFFICIAL] }) { id } }`,
      {},
      teacher,
    );
    movedAccountId = registered.data?.registerSocialAccount.id ?? '';
    await t.gql(
      `mutation($id: ID!) { escrowCredential(accountId: $id, username: "rhshistory", secret: "s3cret-history") { keyId } }`,
      { id: movedAccountId },
      teacher,
    );
    const submitted = await t.gql<{ submitApprovalRequest: { id: string } }>(
      `mutation($id: ID!) { submitApprovalRequest(input: { kind: AFFILIATED_ACCOUNT, accountId: $id,
         justification: "Club updates for families" }) { id } }`,
      { id: movedAccountId },
      teacher,
    );
    movedRequestId = submitted.data?.submitApprovalRequest.id ?? '';
    const approved = await t.gql(
      `mutation($id: ID!) { decideApprovalRequest(id: $id, decision: APPROVE, note: "Fine") { id } }`,
      { id: movedRequestId },
      await t.login('principal.high'),
    );
    expect(approved.errors).toBeUndefined();
    await t.gql(
      `mutation($id: ID!) { submitApprovalRequest(input: { kind: DISTRICT_BRANDING, accountId: $id,
         justification: "Use the Rams logo on the club page" }) { id } }`,
      { id: movedAccountId },
      teacher,
    );
    // Students at two schools, a guardian and a release, and a publication check on the account.
    const sync = t.app.services.sync;
    const T = '2026-09-01T00:00:00Z';
    await sync.syncStudents(t.orm.em.fork(), null, [
      { sourcedId: 'ns-high', dateLastModified: T, givenName: 'Hana', familyName: 'High', schoolSourcedId: 'org-high' },
      { sourcedId: 'ns-north', dateLastModified: T, givenName: 'Noor', familyName: 'North', schoolSourcedId: 'org-north' },
    ]);
    await sync.syncGuardians(t.orm.em.fork(), null, [
      { sourcedId: 'ns-parent', dateLastModified: T, givenName: 'Pat', familyName: 'High', email: 'pat@example.org', students: [{ studentSourcedId: 'ns-high' }] },
    ]);
    await sync.syncMediaReleases(t.orm.em.fork(), null, [
      { sourcedId: 'ns-rel', dateLastModified: T, studentSourcedId: 'ns-high', releaseStatus: 'GRANTED', scopes: ['DISTRICT_SOCIAL_MEDIA'], signedByGuardianSourcedId: 'ns-parent', signedOn: '2026-08-01' },
    ]);
    await t.gql(
      `mutation($id: ID!) { checkPublication(input: { accountId: $id, students: ["ns-high"], mediaKind: PHOTO }) { id } }`,
      { id: movedAccountId },
      teacher,
    );
    // A moderation case on the account, removed (its notices queued), with notes of both kinds,
    // a question about the removal and a legal hold, so every nested field of a case has data.
    const opened = await t.gql<{ openModerationCase: { id: string } }>(
      `mutation($id: ID!) { openModerationCase(input: { accountId: $id, snapshot: { kind: COMMENT,
         platformContentId: "c-1", authorName: "A Parent", text: "Hana High should be expelled, the idiot." } }) { id } }`,
      { id: movedAccountId },
      teacher,
    );
    const caseId = opened.data?.openModerationCase.id ?? '';
    for (const visibility of ['INTERNAL', 'RECORD']) {
      await t.gql(
        `mutation($id: ID!) { addCaseNote(caseId: $id, body: "Captured before removal.", visibility: ${visibility}) { id } }`,
        { id: caseId },
        teacher,
      );
    }
    const removed = await t.gql(
      `mutation($id: ID!) { removeModeratedContent(caseId: $id, reasons: [PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION],
         explanation: "Names a student and calls for discipline.") { id } }`,
      { id: caseId },
      teacher,
    );
    expect(removed.errors).toBeUndefined();
    await t.gql(
      `mutation($id: ID!) { askAboutRemoval(caseId: $id, input: { askerName: "A Parent", askerContact: "parent@example.org",
         question: "Why was it removed?" }) { id } }`,
      { id: caseId },
      teacher,
    );
    const held = await t.gql(
      `mutation($id: ID!) { placeLegalHold(caseId: $id, reason: "Kept for a complaint.") { id } }`,
      { id: caseId },
      await t.login('admin'),
    );
    expect(held.errors).toBeUndefined();
    // XII and XVIII: a required interaction on the account, set by the principal, and a question
    // about a post planned for it, sent to the principal (who stays its recipient after the move).
    const required = await t.gql(
      `mutation($id: ID!) { requireInteraction(input: { accountId: $id, description: "Follow the district's main account" }) { id } }`,
      { id: movedAccountId },
      await t.login('principal.high'),
    );
    expect(required.errors).toBeUndefined();
    const asked = await t.gql(
      `mutation($id: ID!) { askAboutContent(input: { question: "May I post the club photo?", plannedText: "Club photo",
         accountId: $id }) { id } }`,
      { id: movedAccountId },
      teacher,
    );
    expect(asked.errors).toBeUndefined();
    await t.sql(
      `update staff set
         supervisor_id = (select id from staff where email = 'principal.north@demo.k12.example'),
         school_id = (select id from organization where sourced_id = 'org-north')
       where email = 'teacher.high@demo.k12.example'`,
    );
  });
  afterAll(() => t.close());

  it('the former principal sees the request as its approver, but not the account behind it', async () => {
    const former = await t.login('principal.high');
    const direct = await t.gql('query($id: ID!) { socialAccount(id: $id) { id } }', { id: movedAccountId }, former);
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const nested = await t.gql<{ approvalRequest: { account: unknown; requester: { fullName: string; school: unknown } } }>(
      `query($id: ID!) { approvalRequest(id: $id) { account { bio credential { revealCount } }
         requester { fullName school { name } supervisor { email } } } }`,
      { id: movedRequestId },
      former,
    );
    expect(nested.errors).toBeUndefined();
    expect(nested.data?.approvalRequest.account).toBeNull();
    expect(nested.data?.approvalRequest.requester).toEqual({ fullName: 'Olivia Park', school: null, supervisor: null });
    // The new principal reads both.
    const current = await t.gql<{ approvalRequest: { account: { bio: string } | null } }>(
      'query($id: ID!) { approvalRequest(id: $id) { account { bio } } }',
      { id: movedRequestId },
      await t.login('principal.north'),
    );
    expect(current.data?.approvalRequest.account).toEqual({ bio: 'History club news' });
  });

  it.each([
    ['principal.high', true],
    ['teacher.south', false],
    ['teacher.high', false],
    ['principal.north', false],
  ])('walking every nested object field as %s reaches nothing a direct read refuses', async (who, expectUnreadablePerson) => {
    const token = await t.login(who);
    const query = schema.getQueryType() as GraphQLObjectType;
    const fieldType = (name: string) => objectTypeOf(query.getFields()[name]?.type as GraphQLOutputType) as GraphQLObjectType;
    const roots: Root[] = [
      { call: 'me', type: fieldType('me') },
      { call: 'socialAccounts(page: { perPage: 100 })', type: fieldType('socialAccounts') },
      { call: 'approvalRequests(page: { perPage: 100 })', type: fieldType('approvalRequests') },
      { call: 'staffMembers(page: { perPage: 100 })', type: fieldType('staffMembers') },
      { call: `approvalRequest(id: "${movedRequestId}")`, type: fieldType('approvalRequest') },
      { call: 'students(page: { perPage: 100 })', type: fieldType('students') },
      { call: 'publicationChecks(page: { perPage: 100 })', type: fieldType('publicationChecks') },
      { call: 'moderationCases(page: { perPage: 100 })', type: fieldType('moderationCases') },
      { call: 'requiredInteractions(page: { perPage: 100 })', type: fieldType('requiredInteractions') },
      { call: 'contentQuestions(page: { perPage: 100 })', type: fieldType('contentQuestions') },
      // The outbox is refused to every role walked here (notification.read: district roles only).
      { call: 'notifications(page: { perPage: 100 })', type: fieldType('notifications') },
    ];
    const readable = new Map<string, boolean>();
    const mayRead = async (typename: string, id: string) => {
      const key = `${typename}:${id}`;
      if (!readable.has(key)) {
        const r = await t.gql(DIRECT_READ[typename] as string, { id }, token);
        readable.set(key, !r.errors);
      }
      return readable.get(key) as boolean;
    };

    const violations: string[] = [];
    const edges = new Set<string>();
    let checked = 0;
    let unreadablePeople = 0;
    for (const root of roots) {
      for (const path of paths(root.type, 5, 3)) {
        const text = queryFor(root, path);
        const r = await t.gql<Record<string, unknown>>(text, {}, token);
        if (r.errors?.some((e) => e.extensions?.code === 'FORBIDDEN') && !r.data) continue; // root refused
        expect(r.errors, text).toBeUndefined();
        let parent: GraphQLObjectType | null = root.type;
        for (const field of path) {
          edges.add(`${parent?.name}.${field.name}`);
          parent = objectTypeOf(field.type);
        }
        // Walk the answer along the path, level by level.
        const start = (r.data as Record<string, unknown>)[root.call.split('(')[0] as string];
        let level = expand(start, root.call, false);
        for (let depth = 0; level.length > 0; depth += 1) {
          for (const node of level) {
            checked += 1;
            const direct = node.id !== null && DIRECT_READ[node.typename] !== undefined;
            const unreadable = direct && !(await mayRead(node.typename, node.id as string));
            if (node.belowUnreadable) {
              violations.push(`${node.typename} ${node.id} reached through an unreadable record: ${node.trail}`);
            }
            if (unreadable && node.typename !== NAMED_PERSON) {
              violations.push(`${node.typename} ${node.id} is refused directly but returned by ${node.trail}`);
            }
            if (unreadable) unreadablePeople += 1;
            node.belowUnreadable ||= unreadable;
          }
          const field = path[depth];
          if (!field) break;
          level = level.flatMap((node) =>
            expand(node.value[field.name], `${node.trail}.${field.name}`, node.belowUnreadable),
          );
        }
      }
    }
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    // The walk covered every object-typed field of the record types it reached.
    const walkedTypes = ['SocialAccount', 'ApprovalRequest', 'ApprovalHistoryEntry', 'Staff', 'Student', 'PublicationCheck'];
    walkedTypes.push('ModerationCase', 'ContentSnapshot', 'CaseNote', 'RemovalQuestion', 'LegalHold');
    walkedTypes.push('RequiredInteraction', 'InteractionConfirmation', 'ContentQuestion', 'ContentQuestionMessage');
    for (const typeName of walkedTypes) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        if (objectTypeOf(field.type)) expect(edges, `${typeName}.${field.name} not walked`).toContain(`${typeName}.${field.name}`);
      }
    }
    // For the former principal the walk really met people outside their scope.
    if (expectUnreadablePerson) expect(unreadablePeople).toBeGreaterThan(0);
  });

  it('every role\'s lists show exactly the records a single read allows', async () => {
    const people = await t.sql<{ email: string }>('select email from staff where active order by email');
    const ids = {
      SocialAccount: (await t.sql<{ id: string }>('select id from social_account')).map((r) => r.id),
      ApprovalRequest: (await t.sql<{ id: string }>('select id from approval_request')).map((r) => r.id),
      Staff: (await t.sql<{ id: string }>('select id from staff')).map((r) => r.id),
      Student: (await t.sql<{ id: string }>('select id from student')).map((r) => r.id),
      ModerationCase: (await t.sql<{ id: string }>('select id from moderation_case')).map((r) => r.id),
      ContentQuestion: (await t.sql<{ id: string }>('select id from content_question')).map((r) => r.id),
    };
    const lists = {
      SocialAccount: 'socialAccounts',
      ApprovalRequest: 'approvalRequests',
      Staff: 'staffMembers',
      Student: 'students',
      ModerationCase: 'moderationCases',
      ContentQuestion: 'contentQuestions',
    } as const;
    expect(ids.SocialAccount.length).toBeGreaterThan(3);
    for (const { email } of people) {
      const token = await t.login(email.split('@')[0] as string);
      for (const [typename, field] of Object.entries(lists) as [keyof typeof lists, string][]) {
        const listed = await t.gql<Record<string, { items: { id: string }[]; total: number }>>(
          `{ ${field}(page: { perPage: 100 }) { items { id } total } }`,
          {},
          token,
        );
        if (listed.errors?.[0]?.extensions?.code === 'FORBIDDEN') continue; // the role may not list these
        expect(listed.errors, `${email} ${field}`).toBeUndefined();
        const shown = new Set(listed.data?.[field]?.items.map((i) => i.id));
        expect(listed.data?.[field]?.total, `${email} ${field} total`).toBe(shown.size);
        const readable = new Set<string>();
        for (const id of ids[typename]) {
          const r = await t.gql(DIRECT_READ[typename] as string, { id }, token);
          if (!r.errors) readable.add(id);
        }
        expect([...shown].sort(), `${email}: ${field} vs single reads`).toEqual([...readable].sort());
      }
    }
  });
});
