// @ts-check
/**
 * What the benchmark sends: the dashboard's own GraphQL documents (copied from
 * apps/admin/src/{socialAccounts,approvals,moderation,acknowledgements,connections,obligations,
 * contentQuestions}/queries.ts; `queryDrift` says when the dashboard's text has changed since),
 * and how each answer is checked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// --- apps/admin/src/socialAccounts/queries.ts -------------------------------------------------
const ACCOUNT_ROW_FIELDS = `
  id contentKind platform handle url displayName
  owner { id fullName email active }
  school { id name }
  signals classification state attention version createdAt updatedAt
`;

const CREDENTIAL_FIELDS = `
  escrowedAt escrowedByName keyId revealCount lastRevealedAt
`;

// What the profile text suggests and the review it raised (IX, XIX, XXIX), as the account page asks.
const ACCOUNT_REVIEW_FIELDS = `
  signalSuggestions { signal confidence field matched reason sections }
  affiliationReview {
    status signals flaggedAt reviewedAt note message canResolve
    reviewer { id fullName } reviewedBy { id fullName }
  }
`;

const ACCOUNT_FULL_FIELDS = `
  id contentKind platform handle url displayName bio
  owner { id fullName email active supervisor { id } }
  administrators { id fullName email active }
  school { id name }
  signals classification classificationSections classificationExplanation
  classificationReasons { signal sections explanation }
  state version attention reclassifiedAt createdAt updatedAt
  credential { ${CREDENTIAL_FIELDS} }
  ${ACCOUNT_REVIEW_FIELDS}
  advisories { code sections message }
`;

export const SOCIAL_ACCOUNT_LIST = `
  query SocialAccounts($filter: SocialAccountFilter, $page: PageInput, $sort: SocialAccountSort) {
    socialAccounts(filter: $filter, page: $page, sort: $sort) {
      items { ${ACCOUNT_ROW_FIELDS} }
      total
    }
  }
`;

export const UPDATE_SOCIAL_ACCOUNT = `
  mutation UpdateSocialAccount($input: UpdateSocialAccountInput!) {
    updateSocialAccount(input: $input) { ${ACCOUNT_FULL_FIELDS} }
  }
`;

// --- apps/admin/src/approvals/queries.ts ------------------------------------------------------
const APPROVAL_ROW_FIELDS = `
  id kind state
  account { id handle platform contentKind }
  activity
  requester { id fullName email }
  approver { id fullName }
  decidedAt expiresAt createdAt
  canDecide canWithdraw canRevoke
`;

export const APPROVAL_REQUEST_LIST = `
  query ApprovalRequests($filter: ApprovalRequestFilter, $page: PageInput) {
    approvalRequests(filter: $filter, page: $page) {
      items { ${APPROVAL_ROW_FIELDS} }
      total
    }
  }
`;

// --- apps/admin/src/moderation/queries.ts ----------------------------------------------------
const MODERATION_STAFF = 'id fullName';
const MODERATION_ACCOUNT_FIELDS = `
  id handle platform
  owner { id fullName supervisor { id } }
  administrators { ${MODERATION_STAFF} }
  school { id name }
`;
const MODERATION_SNAPSHOT_FIELDS = `
  kind platformContentId authorName authorHandle text mediaUrls permalink postedAt capturedAt
  capturedBy { ${MODERATION_STAFF} }
`;
const MODERATION_NOTICE_FIELDS = 'purpose recipientEmail status attempts lastError deliveredAt';
const MODERATION_ROW_FIELDS = `
  id state evidenceDigest explanation decisionNote
  account { ${MODERATION_ACCOUNT_FIELDS} }
  accountHandle accountPlatform
  canRecord canAnswer canHold
  snapshot { ${MODERATION_SNAPSHOT_FIELDS} }
  reasons { reason section label }
  assignee { ${MODERATION_STAFF} }
  openedBy { ${MODERATION_STAFF} }
  openedAt removedAt reportedAt closedAt dueAt overdue
  notices { ${MODERATION_NOTICE_FIELDS} }
`;

export const MODERATION_CASE_LIST = `
  query ModerationCases($filter: ModerationCaseFilter, $page: PageInput) {
    moderationCases(filter: $filter, page: $page) {
      items { ${MODERATION_ROW_FIELDS} }
      total
    }
  }
`;

// --- apps/admin/src/acknowledgements/queries.ts (XIII...XXVII) --------------------------------
const ROUND_FIELDS = `id revisionDate dueDate schoolId schoolName current supersededAt requiredCount acknowledgedCount
  sections { id title summary }`;

export const ACKNOWLEDGEMENT_ROUND = `
  query AcknowledgementRound($id: ID!, $page: PageInput) {
    acknowledgementRound(id: $id) {
      ${ROUND_FIELDS}
      completionBySchool { schoolId schoolName required acknowledged pending }
      pending(page: $page) { total items { staffId fullName email position schoolName remindersSent lastRemindedAt } }
    }
  }
`;

// --- apps/admin/src/connections/queries.ts (VI) -----------------------------------------------
const ATTESTATION_FIELDS = 'id guardianId guardianName statement attestedAt withdrawnAt standing canWithdraw staff { id fullName }';

export const CONNECTION_ATTESTATIONS = `
  query ConnectionAttestations($filter: ConnectionAttestationFilter, $page: PageInput) {
    connectionAttestations(filter: $filter, page: $page) { total items { ${ATTESTATION_FIELDS} } }
  }
`;

// --- apps/admin/src/obligations/queries.ts (XII) ----------------------------------------------
const INTERACTION_STAFF = 'id fullName';
const INTERACTION_FIELDS = `
  id accountId accountHandle accountPlatform description target state requiredAt retiredAt retireNote version
  requiredBy { ${INTERACTION_STAFF} } retiredBy { ${INTERACTION_STAFF} }
  confirmations { confirmedAt confirmedBy { ${INTERACTION_STAFF} } }
  awaitingConfirmationFrom { ${INTERACTION_STAFF} }
  canConfirm canRetire canOpenAccount
`;

export const REQUIRED_INTERACTION_LIST = `
  query RequiredInteractions($filter: RequiredInteractionFilter, $page: PageInput) {
    requiredInteractions(filter: $filter, page: $page) {
      items { ${INTERACTION_FIELDS} }
      total
    }
  }
`;

// --- apps/admin/src/contentQuestions/queries.ts (XVIII) ---------------------------------------
const QUESTION_STAFF = 'id fullName';
const QUESTION_ROW_FIELDS = `
  id question plannedText mediaDescription status askedAt lastMessageAt answeredAt accountHandle version
  asker { ${QUESTION_STAFF} } recipient { ${QUESTION_STAFF} } answeredBy { ${QUESTION_STAFF} }
  canAnswer canFollowUp
`;

export const CONTENT_QUESTION_LIST = `
  query ContentQuestions($filter: ContentQuestionFilter, $page: PageInput) {
    contentQuestions(filter: $filter, page: $page) {
      items { ${QUESTION_ROW_FIELDS} }
      total
    }
  }
`;

// --- the single account with its approval history (the account page and its requests) ---------
export const SOCIAL_ACCOUNT_WITH_HISTORY = `
  query SocialAccountWithApprovals($id: ID!) {
    socialAccount(id: $id) {
      ${ACCOUNT_FULL_FIELDS}
      approvalRequests {
        id kind state decidedAt expiresAt createdAt
        requester { id fullName }
        approver { id fullName }
        history { id action fromState toState note at actor { fullName } }
      }
    }
  }
`;

/**
 * Which of the copied documents differ (whitespace aside) from the dashboard's current source.
 * @returns {string[]}
 */
export function queryDrift() {
  const admin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../admin/src');
  const norm = (/** @type {string} */ s) => s.replace(/\s+/g, ' ').trim();
  /** A template constant of the file, its `${NAME}` placeholders filled in from the same file. */
  const constant = (/** @type {string} */ file, /** @type {string} */ name, depth = 0) => {
    /** @type {string} */
    let text;
    try {
      text = readFileSync(path.join(admin, file), 'utf8');
    } catch {
      return null;
    }
    // A template (with placeholders) or a plain single-quoted string.
    const found = new RegExp(`const ${name} = (?:\`([^\`]*)\`|'([^']*)')`).exec(text);
    const raw = found?.[1] ?? found?.[2];
    if (raw === undefined || depth > 3) return null;
    return raw.replace(/\$\{(\w+)\}/g, (_, inner) => constant(file, inner, depth + 1) ?? '?');
  };
  /** @type {[string, string, string][]} */
  const pairs = [
    ['socialAccounts/queries.ts', 'SOCIAL_ACCOUNT_LIST', SOCIAL_ACCOUNT_LIST],
    ['socialAccounts/queries.ts', 'UPDATE_SOCIAL_ACCOUNT', UPDATE_SOCIAL_ACCOUNT],
    ['socialAccounts/queries.ts', 'FULL_FIELDS', ACCOUNT_FULL_FIELDS],
    ['approvals/queries.ts', 'APPROVAL_REQUEST_LIST', APPROVAL_REQUEST_LIST],
    ['moderation/queries.ts', 'ROW_FIELDS', MODERATION_ROW_FIELDS],
    ['acknowledgements/queries.ts', 'ACKNOWLEDGEMENT_ROUND', ACKNOWLEDGEMENT_ROUND],
    ['connections/queries.ts', 'CONNECTION_ATTESTATIONS', CONNECTION_ATTESTATIONS],
    ['obligations/queries.ts', 'REQUIRED_INTERACTION_LIST', REQUIRED_INTERACTION_LIST],
    ['contentQuestions/queries.ts', 'CONTENT_QUESTION_LIST', CONTENT_QUESTION_LIST],
  ];
  return pairs
    .filter(([file, name, ours]) => {
      const theirs = constant(file, name);
      return theirs === null || norm(theirs) !== norm(ours);
    })
    .map(([file, name]) => `${file} ${name}`);
}

// --- checks ----------------------------------------------------------------------------------

/**
 * Status, JSON, no `errors`; then `inspect(data)` (a problem or null).
 * @param {number} status @param {string} body @param {(data: any) => string | null} inspect
 */
function checkGraphql(status, body, inspect) {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  let json;
  try {
    json = JSON.parse(body);
  } catch {
    return 'body is not JSON';
  }
  if (json.errors?.length) {
    const e = json.errors[0];
    return `errors: ${e.extensions?.code ?? '?'}: ${String(e.message).slice(0, 120)}`;
  }
  if (!json.data) return 'no data';
  return inspect(json.data);
}

/** Flags a body far from the size of the first good one (same rows, about the same bytes). */
function sizeGuard() {
  let reference = 0;
  return (/** @type {string} */ body) => {
    if (!reference) {
      reference = body.length;
      return null;
    }
    return body.length < reference * 0.5 || body.length > reference * 2
      ? `size ${body.length} B, expected about ${reference} B`
      : null;
  };
}

const JSON_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
};

/**
 * @typedef {import('./load.mjs').Scenario} Scenario
 * @typedef {() => string} TokenFn
 */

/**
 * The dashboard's social accounts list, by updatedAt desc (the Steward API or the bare handler).
 * @param {{ name: string, origin: string, token?: TokenFn, perPage?: number }} o
 * @returns {Scenario}
 */
export function accountsList(o) {
  const perPage = o.perPage ?? 25;
  const body = JSON.stringify({
    operationName: 'SocialAccounts',
    query: SOCIAL_ACCOUNT_LIST,
    variables: { filter: {}, page: { page: 1, perPage }, sort: { field: 'UPDATED_AT', direction: 'DESC' } },
  });
  const size = sizeGuard();
  return {
    name: o.name,
    origin: o.origin,
    path: '/graphql',
    build: () => ({
      body,
      headers: o.token ? { ...JSON_HEADERS, authorization: `Bearer ${o.token()}` } : JSON_HEADERS,
    }),
    check: (status, text) =>
      checkGraphql(status, text, (data) => {
        const items = data.socialAccounts?.items;
        if (!Array.isArray(items)) return 'no items';
        if (items.length !== perPage) return `${items.length} items, expected ${perPage}`;
        if (!items[0].owner?.fullName) return 'owner missing';
        return size(text);
      }),
  };
}

/**
 * A supervisor's approvals inbox: APPROVAL_REQUEST_LIST with waitingForMe.
 * @param {{ name: string, origin: string, token: TokenFn, perPage?: number }} o
 * @returns {Scenario}
 */
export function approvalsInbox(o) {
  const perPage = o.perPage ?? 25;
  const body = JSON.stringify({
    operationName: 'ApprovalRequests',
    query: APPROVAL_REQUEST_LIST,
    variables: { filter: { waitingForMe: true }, page: { page: 1, perPage } },
  });
  const size = sizeGuard();
  return {
    name: o.name,
    origin: o.origin,
    path: '/graphql',
    build: () => ({ body, headers: { ...JSON_HEADERS, authorization: `Bearer ${o.token()}` } }),
    check: (status, text) =>
      checkGraphql(status, text, (data) => {
        const items = data.approvalRequests?.items;
        if (!Array.isArray(items)) return 'no items';
        if (items.length !== perPage) return `${items.length} items, expected ${perPage}`;
        if (items.some((/** @type {any} */ r) => r.state !== 'PENDING' || !r.canDecide)) {
          return 'an item is not pending or not decidable by me';
        }
        return size(text);
      }),
  };
}

/**
 * The moderation queue (MODERATION_CASE_LIST, default order: cases that need someone first).
 * @param {{ name: string, origin: string, token: TokenFn, perPage?: number }} o
 * @returns {Scenario}
 */
export function moderationQueue(o) {
  const perPage = o.perPage ?? 25;
  const body = JSON.stringify({
    operationName: 'ModerationCases',
    query: MODERATION_CASE_LIST,
    variables: { filter: {}, page: { page: 1, perPage } },
  });
  const size = sizeGuard();
  return {
    name: o.name,
    origin: o.origin,
    path: '/graphql',
    build: () => ({ body, headers: { ...JSON_HEADERS, authorization: `Bearer ${o.token()}` } }),
    check: (status, text) =>
      checkGraphql(status, text, (data) => {
        const items = data.moderationCases?.items;
        if (!Array.isArray(items)) return 'no items';
        if (items.length !== perPage) return `${items.length} items, expected ${perPage}`;
        if (items.some((/** @type {any} */ c) => !c.snapshot || !c.account?.owner)) return 'a case without its snapshot or account';
        return size(text);
      }),
  };
}

/**
 * A dashboard list (`{ items total }` or a nested page), the dashboard's document and variables
 * at `perPage` rows: status, no errors, exactly perPage items, each passing `item` (a problem or
 * null), the total at least perPage, and about the size of the first answer.
 * @param {{ name: string, origin: string, token: TokenFn, perPage: number, operationName: string, query: string,
 *   variables: Record<string, unknown>, page: (data: any) => any, item: (row: any) => string | null,
 *   whole?: (data: any) => string | null }} o
 * @returns {Scenario}
 */
function dashboardList(o) {
  const body = JSON.stringify({ operationName: o.operationName, query: o.query, variables: o.variables });
  const size = sizeGuard();
  return {
    name: o.name,
    origin: o.origin,
    path: '/graphql',
    build: () => ({ body, headers: { ...JSON_HEADERS, authorization: `Bearer ${o.token()}` } }),
    check: (status, text) =>
      checkGraphql(status, text, (data) => {
        const problem = o.whole?.(data);
        if (problem) return problem;
        const page = o.page(data);
        const items = page?.items;
        if (!Array.isArray(items)) return 'no items';
        if (items.length !== o.perPage) return `${items.length} items, expected ${o.perPage}`;
        if (typeof page.total !== 'number' || page.total < o.perPage) return `total ${page.total}, expected at least ${o.perPage}`;
        for (const row of items) {
          const bad = o.item(row);
          if (bad) return bad;
        }
        return size(text);
      }),
  };
}

/**
 * The acknowledgement round's page (ACKNOWLEDGEMENT_ROUND): the round with its counts,
 * completion per school, and a page of the staff who have not acknowledged.
 * @param {{ name: string, origin: string, token: TokenFn, roundId: string, perPage?: number }} o
 */
export function acknowledgementRound(o) {
  const perPage = o.perPage ?? 25;
  return dashboardList({
    ...o,
    perPage,
    operationName: 'AcknowledgementRound',
    query: ACKNOWLEDGEMENT_ROUND,
    variables: { id: o.roundId, page: { page: 1, perPage } },
    whole: (data) => {
      const r = data.acknowledgementRound;
      if (r?.id !== o.roundId) return 'another round answered';
      if (!r.current) return 'the round is not current';
      if (!Array.isArray(r.completionBySchool) || r.completionBySchool.length < 2) return 'no completion per school';
      if (!(r.acknowledgedCount > 0 && r.acknowledgedCount < r.requiredCount)) {
        return `acknowledged ${r.acknowledgedCount} of ${r.requiredCount}, expected some but not all`;
      }
      return null;
    },
    page: (data) => data.acknowledgementRound.pending,
    item: (p) => (p.fullName && p.email && p.schoolName && p.remindersSent > 0 ? null : 'a pending person without name, school or reminders'),
  });
}

/**
 * The attestations of prior relationships (CONNECTION_ATTESTATIONS), standing ones as the page
 * opens (includeWithdrawn: false).
 * @param {{ name: string, origin: string, token: TokenFn, perPage?: number }} o
 */
export function connectionAttestations(o) {
  const perPage = o.perPage ?? 25;
  return dashboardList({
    ...o,
    perPage,
    operationName: 'ConnectionAttestations',
    query: CONNECTION_ATTESTATIONS,
    variables: { filter: { includeWithdrawn: false }, page: { page: 1, perPage } },
    page: (data) => data.connectionAttestations,
    item: (a) => (a.standing && a.guardianName && a.staff?.fullName ? null : 'an attestation withdrawn or without its people'),
  });
}

/**
 * Required interactions (REQUIRED_INTERACTION_LIST), as the list opens (no filter).
 * @param {{ name: string, origin: string, token: TokenFn, perPage?: number }} o
 */
export function requiredInteractions(o) {
  const perPage = o.perPage ?? 25;
  return dashboardList({
    ...o,
    perPage,
    operationName: 'RequiredInteractions',
    query: REQUIRED_INTERACTION_LIST,
    variables: { filter: {}, page: { page: 1, perPage } },
    page: (data) => data.requiredInteractions,
    item: (i) =>
      i.accountHandle && i.requiredBy?.fullName && Array.isArray(i.confirmations) && Array.isArray(i.awaitingConfirmationFrom)
        ? null
        : 'a requirement without its account, setter or confirmations',
  });
}

/**
 * Questions about content (CONTENT_QUESTION_LIST), as the list opens (no filter): latest
 * activity first.
 * @param {{ name: string, origin: string, token: TokenFn, perPage?: number }} o
 */
export function contentQuestions(o) {
  const perPage = o.perPage ?? 25;
  return dashboardList({
    ...o,
    perPage,
    operationName: 'ContentQuestions',
    query: CONTENT_QUESTION_LIST,
    variables: { filter: {}, page: { page: 1, perPage } },
    page: (data) => data.contentQuestions,
    item: (q) => (q.question && q.asker?.fullName && q.recipient?.fullName ? null : 'a question without its text, asker or recipient'),
  });
}

/**
 * One account with its approval requests and their history; each request a different account
 * from the pool, in turn.
 * @param {{ name: string, origin: string, token: TokenFn, ids: string[] }} o
 * @returns {Scenario}
 */
export function accountWithHistory(o) {
  if (o.ids.length === 0) throw new Error('accountWithHistory: empty pool');
  let i = 0;
  return {
    name: o.name,
    origin: o.origin,
    path: '/graphql',
    build() {
      const id = o.ids[i++ % o.ids.length];
      return {
        body: JSON.stringify({
          operationName: 'SocialAccountWithApprovals',
          query: SOCIAL_ACCOUNT_WITH_HISTORY,
          variables: { id },
        }),
        headers: { ...JSON_HEADERS, authorization: `Bearer ${o.token()}` },
        ticket: id,
      };
    },
    check: (status, text, id) =>
      checkGraphql(status, text, (data) => {
        const a = data.socialAccount;
        if (a?.id !== id) return 'another account answered';
        if (!Array.isArray(a.approvalRequests) || a.approvalRequests.length === 0) return 'no approval requests';
        if (a.approvalRequests.some((/** @type {any} */ r) => !r.history?.length)) return 'a request without history';
        return null;
      }),
  };
}

/**
 * Accounts to edit, each at most once in flight, versions carried forward. An account whose
 * answer never came (or failed) is set aside until `reconcile` reads its version again.
 */
export class AccountPool {
  /** @param {{ id: string, version: number }[]} rows */
  constructor(rows) {
    /** @type {{ id: string, version: number }[]} */
    this.free = rows.map((r) => ({ id: r.id, version: r.version }));
    this.head = 0;
    /** @type {Set<{ id: string, version: number }>} */
    this.out = new Set();
    /** @type {Set<{ id: string, version: number }>} */
    this.stale = new Set();
  }

  checkout() {
    if (this.head >= this.free.length) {
      // Nothing free (should not happen: the pool is far larger than the requests in flight).
      const any = this.stale.values().next().value ?? this.out.values().next().value;
      if (!any) throw new Error('account pool is empty');
      return any;
    }
    const account = this.free[this.head++];
    if (this.head > 4096) {
      this.free = this.free.slice(this.head);
      this.head = 0;
    }
    this.out.add(account);
    return account;
  }

  /** @param {{ id: string, version: number }} account @param {number | null} version */
  checkin(account, version) {
    if (!this.out.delete(account)) return;
    if (version === null) {
      this.stale.add(account);
    } else {
      account.version = version;
      this.free.push(account);
    }
  }

  /**
   * Reads the version of every account set aside or still out (their answers never came) and
   * puts them back. Call between phases.
   * @param {(ids: string[]) => Promise<Map<string, number>>} versions
   */
  async reconcile(versions) {
    const pending = [...this.stale, ...this.out];
    if (pending.length === 0) return 0;
    const current = await versions(pending.map((a) => a.id));
    this.stale.clear();
    this.out.clear();
    for (const a of pending) {
      a.version = current.get(a.id) ?? a.version;
      this.free.push(a);
    }
    return pending.length;
  }
}

/**
 * updateSocialAccount changing the bio, with the version the last answer gave.
 * @param {{ name: string, origin: string, token: TokenFn, pool: AccountPool }} o
 * @returns {Scenario}
 */
export function updateAccount(o) {
  let n = 0;
  return {
    name: o.name,
    origin: o.origin,
    path: '/graphql',
    build() {
      const account = o.pool.checkout();
      n += 1;
      return {
        body: JSON.stringify({
          operationName: 'UpdateSocialAccount',
          query: UPDATE_SOCIAL_ACCOUNT,
          variables: {
            input: {
              id: account.id,
              version: account.version,
              bio: `Benchmark edit ${n}: news and photos for students and families.`,
            },
          },
        }),
        headers: { ...JSON_HEADERS, authorization: `Bearer ${o.token()}` },
        ticket: account,
      };
    },
    check(status, text, account) {
      /** @type {number | null} */
      let version = null;
      const problem = checkGraphql(status, text, (data) => {
        const a = data.updateSocialAccount;
        if (a?.id !== account.id) return 'another account answered';
        if (a.version !== account.version + 1) return `version ${a.version}, expected ${account.version + 1}`;
        version = a.version;
        return null;
      });
      o.pool.checkin(account, problem ? null : version);
      return problem;
    },
    lost(account) {
      o.pool.checkin(account, null);
    },
  };
}
