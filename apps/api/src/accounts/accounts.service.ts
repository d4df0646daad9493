import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  accountStateAfterReclassification,
  affiliationReviewAfterSave,
  attentionReasons,
  checkContentFields,
  classifyAccount,
  type DistrictProfile,
  initialAccountState,
  mayAdministerAccount,
  mayHaveAdministrators,
  mayReviewAffiliation,
  RECLASSIFIED_ATTENTION_DAYS,
  resolveAffiliationReview,
  suggestAffiliationSignals,
  undeclaredSignals,
  type AffiliatedContentKind,
  type AffiliationReviewAction,
  type AffiliationSignal,
  type AttentionReason,
  type ClassificationResult,
  type Platform,
} from '@steward/domain';
import type { Actor } from '../auth/actor.js';
import { assertInScope, mayReadSubject, scopeSql } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { ApprovalRequest } from '../approvals/approval-request.entity.js';
import { AccountCredential } from '../credentials/account-credential.entity.js';
import { existingId, filterId } from '../obligations/text.js';
import { Organization, OrganizationKind } from '../organization/organization.entity.js';
import { districtProfile } from '../organization/organization.service.js';
import { apiError, badInput, conflict, forbidden, fromRefusal, notFound } from '../server/errors.js';
import { pageWindow, type PageInput } from '../server/pagination.js';
import {
  ACCOUNT_COLUMNS,
  ACCOUNT_LIST_COLUMNS,
  accountFrom,
  accountListFrom,
  columns,
  containsPattern,
  countRows,
  listPage,
  type ListPage,
  ORGANIZATION_COLUMNS,
  ORGANIZATION_LIST_COLUMNS,
  organizationFrom,
  pageTotal,
  query,
  SqlWhere,
  STAFF_COLUMNS,
  STAFF_LIST_COLUMNS,
  staffFrom,
  totalColumn,
} from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { SocialAccount } from './social-account.entity.js';

export interface AccountFields {
  contentKind?: AffiliatedContentKind | null;
  platform?: Platform | null;
  handle?: string | null;
  url?: string | null;
  displayName?: string | null;
  bio?: string | null;
  schoolId?: string | null;
  signals?: AffiliationSignal[] | null;
}

/** The sort keys the dashboard offers, each backed by a `(column, id)` index. */
const ACCOUNT_SORT_COLUMNS: Record<string, string> = {
  handle: 'handle',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  state: 'state',
};

export interface AccountListFilter {
  q?: string | null;
  classification?: string | null;
  state?: string | null;
  platform?: string | null;
  contentKind?: string | null;
  schoolId?: string | null;
  ownerId?: string | null;
  needsAttention?: boolean | null;
}

/** Whose an account is, for scope: its owner, the owner's supervisor, its school. */
export function accountSubject(account: {
  owner: { id: string; supervisor?: { id: string } | null; school?: { id: string } | null };
  school?: { id: string } | null;
}) {
  return {
    ownerId: account.owner.id,
    ownerSupervisorId: account.owner.supervisor?.id ?? null,
    schoolId: account.school?.id ?? account.owner.school?.id ?? null,
  };
}

export function accountAttention(account: SocialAccount, now = new Date()): AttentionReason[] {
  return attentionReasons({
    classification: account.classification,
    state: account.state,
    ownerActive: account.owner.active,
    reclassifiedAt: account.reclassifiedAt,
    now,
    affiliationReview: account.reviewStatus,
  });
}

/**
 * Stores the suggestions the account's profile text gets now and the review they lead to
 * (domain `affiliationReviewAfterSave`: IX). Returns what changed, for the audit event.
 */
function refreshSuggestions(account: SocialAccount, district: DistrictProfile, now: Date) {
  const { suggestions } = suggestAffiliationSignals(
    { handle: account.handle, displayName: account.displayName, bio: account.bio },
    district,
  );
  const before = { status: account.reviewStatus, signals: [...account.reviewSignals] };
  const review = affiliationReviewAfterSave({
    classification: account.classification,
    signals: account.signals,
    suggestions,
    previous: before,
  });
  account.suggestions = suggestions;
  account.suggestedAt = now;
  if (review.status === 'PENDING' && before.status !== 'PENDING') {
    // A new review: the earlier resolution, if any, is in the audit trail.
    account.reviewFlaggedAt = now;
    account.reviewedBy = null;
    account.reviewedAt = null;
    account.reviewNote = null;
  } else if (review.status === null) {
    account.reviewFlaggedAt = null;
  }
  account.reviewStatus = review.status;
  account.reviewSignals = review.signals;
  return {
    suggestions,
    review: { before, after: { status: review.status, signals: review.signals }, added: review.added },
    flagged: review.added.length > 0,
  };
}

/**
 * What identifies the entry, for its kind (domain `checkContentFields`, XXIX): a web page by its
 * https address, an account by platform and handle. A mismatch is BAD_USER_INPUT on the field.
 */
function contentFields(p: {
  kind: AffiliatedContentKind;
  platform: Platform | null;
  handle: string | null;
  url: string | null;
}) {
  const checked = checkContentFields(p);
  if (!checked.ok) {
    throw apiError('BAD_USER_INPUT', checked.message, { field: checked.field, sections: checked.sections });
  }
  return checked;
}

/** One administrator as the audit trail keeps them. */
const adminEntry = (s: Staff) => ({ id: s.id, email: s.email });

const MAX_ADMINISTRATORS = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * XXIX: a staff member who is no longer active administers nothing. Called by the SIS sync in
 * the transaction that deactivates them; the removed rows are recorded in one audit event.
 */
export async function removeInactiveAdministrators(
  tx: EntityManager,
  actor: Actor | null,
  requestId: string | null,
  staffIds: readonly string[],
): Promise<{ accountId: string; handle: string; staffId: string; email: string }[]> {
  if (staffIds.length === 0) return [];
  const removed = await query<{ account_id: string; handle: string; staff_id: string; email: string }>(
    tx,
    `delete from social_account_administrator x
      using staff s, social_account a
      where s.id = x.staff_id and a.id = x.social_account_id
        and x.staff_id in (select jsonb_array_elements_text(?::jsonb)::uuid) and not s.active
      returning a.id as account_id, a.handle, s.id as staff_id, s.email`,
    [JSON.stringify(staffIds)],
  );
  if (removed.length === 0) return [];
  const rows = removed.map((r) => ({ accountId: r.account_id, handle: r.handle, staffId: r.staff_id, email: r.email }));
  await recordAudit(tx, actor, requestId, {
    action: 'socialAccount.removeAdministrators',
    targetType: 'SocialAccount',
    targetId: rows.length === 1 ? (rows[0]?.accountId ?? null) : null,
    change: {
      reason: 'no longer an active member of staff: only active staff administer a school-affiliated account (XXIX)',
      removed: rows,
      sections: ['XXIX'],
    },
  });
  return rows;
}

function cleanHandle(handle: string | null | undefined): string {
  const h = (handle ?? '').trim().replace(/^@+/, '');
  if (!h) throw badInput('handle is required', 'handle');
  if (h.length > 100 || /\s/.test(h)) {
    throw badInput('handle must be at most 100 characters, without spaces', 'handle');
  }
  return h;
}

function cleanUrl(url: string | null | undefined): string | null {
  const u = url?.trim();
  if (!u) return null;
  try {
    const parsed = new URL(u);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error();
    return parsed.toString();
  } catch {
    throw badInput('url must be an http(s) address', 'url');
  }
}

function cleanText(value: string | null | undefined, field: string, max: number): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (v.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return v;
}

export class AccountsService {
  /** The decision without saving anything, for the dashboard's form. */
  async preview(em: EntityManager, input: AccountFields) {
    const decision = classifyAccount(input.signals ?? []);
    const suggestions = suggestAffiliationSignals(
      { handle: input.handle, displayName: input.displayName, bio: input.bio },
      await districtProfile(em),
    );
    return { decision, suggestions: suggestions.suggestions };
  }

  async get(em: EntityManager, actor: Actor | null, id: string): Promise<SocialAccount> {
    existingId('Social account', id);
    const account = await em.findOne(SocialAccount, { id }, { populate: ['owner', 'school'] });
    if (!account) throw notFound('Social account', id);
    const subject = accountSubject(account);
    // An administrator runs the account with its owner (XXIX), so reads its register entry as
    // the owner would (moderation does the same, XXX); what it may change stays the owner's.
    if (
      actor?.kind === 'STAFF' &&
      !mayReadSubject(actor, 'socialAccount.read', subject) &&
      (await em.count(SocialAccount, { id, administrators: actor.staffId })) > 0
    ) {
      assertInScope(actor, 'socialAccount.read', { ...subject, ownerId: actor.staffId }, 'this account');
      return account;
    }
    assertInScope(actor, 'socialAccount.read', subject, 'this account');
    return account;
  }

  /** One page of the register: one statement, plus a count only if `total` is read. */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: AccountListFilter | null | undefined,
    page: PageInput | null | undefined,
    sort: { field: string; direction: string } | null | undefined,
    { total = true, projected = false }: { total?: boolean; projected?: boolean } = {},
  ): Promise<ListPage<SocialAccount>> {
    const { clause } = pageWindow(page);
    const where = new SqlWhere();
    const scope = scopeSql(actor, 'socialAccount.read', {
      owner: 'a.owner_id',
      ownerSupervisor: 'o.supervisor_id',
      school: 'coalesce(a.school_id, o.school_id)',
    });
    if (scope && actor.kind === 'STAFF') {
      // The accounts a person administers are in their register too (read only; see `get`).
      where.add(
        `(${scope.sql}) or a.id in (select x.social_account_id from social_account_administrator x where x.staff_id = ?)`,
        ...scope.params,
        actor.staffId,
      );
    } else if (scope) {
      where.add(scope.sql, ...scope.params);
    }
    if (filter?.q?.trim()) {
      const like = containsPattern(filter.q.trim());
      where.add('a.handle ilike ? or a.display_name ilike ?', like, like);
    }
    if (filter?.classification) where.add('a.classification = ?', filter.classification);
    if (filter?.state) where.add('a.state = ?', filter.state);
    if (filter?.platform) where.add('a.platform = ?', filter.platform);
    if (filter?.contentKind) where.add('a.content_kind = ?', filter.contentKind);
    if (filter?.schoolId) where.add('a.school_id = ?', filterId(filter.schoolId, 'schoolId'));
    if (filter?.ownerId) where.add('a.owner_id = ?', filterId(filter.ownerId, 'ownerId'));
    if (filter?.needsAttention) {
      // The same reasons as `attentionReasons` in the domain, as a query (so paging is right).
      const since = new Date(Date.now() - RECLASSIFIED_ATTENTION_DAYS * 86_400_000);
      where.add(
        `a.state in ('PENDING_APPROVAL', 'SUSPENDED')
         or (a.classification = 'SCHOOL_AFFILIATED' and a.state <> 'RETIRED' and not o.active)
         or a.reclassified_at >= ?
         or a.review_status = 'PENDING'`,
        since,
      );
    }
    const column = ACCOUNT_SORT_COLUMNS[sort?.field ?? 'updatedAt'] ?? 'updated_at';
    // The tie-breaker runs the same way, so one (column, id) index serves both directions.
    const direction = sort?.direction === 'ASC' ? 'asc' : 'desc';
    // The count joins the owner only when a condition reads it (the scope, needsAttention): every
    // account has exactly one owner, and counting the district's accounts without the join is
    // the largest part of the list's database time. Read from the conditions' text, so a new
    // condition on the owner cannot be counted against the page's outer row by mistake.
    const ownerRead = /\bo\./.test(String(where));
    const countSql = `select count(*)::int as total from social_account a ${ownerRead ? 'join staff o on o.id = a.owner_id' : ''} ${where}`;
    // `projected`: the items' selection fits ACCOUNT_LIST_SHAPE, so only its columns are read
    // (server/projection.ts); the partial owners and schools then stay on their rows.
    const selected = projected
      ? `${columns('a', ACCOUNT_LIST_COLUMNS)}, ${columns('o', STAFF_LIST_COLUMNS, 'o_')},
              ${columns('s', ORGANIZATION_LIST_COLUMNS, 's_')}`
      : `${columns('a', ACCOUNT_COLUMNS)}, ${columns('o', STAFF_COLUMNS, 'o_')},
              ${columns('s', ORGANIZATION_COLUMNS, 's_')}`;
    const rows = await query<Record<string, unknown>>(
      em,
      `select ${selected}${totalColumn(total ? countSql : null)}
         from social_account a
         join staff o on o.id = a.owner_id
         left join organization s on s.id = a.school_id
         ${where}
        order by a.${column} ${direction}, a.id ${direction}
        ${clause.sql}`,
      [...(total ? where.params : []), ...where.params, ...clause.params],
    );
    if (projected) {
      return listPage(rows.map(accountListFrom), {}, () => countRows(em, countSql, where.params), pageTotal(rows));
    }
    return listPage(
      rows.map((row) => accountFrom(row) as SocialAccount),
      {
        staff: rows.map((row) => staffFrom(row, 'o_')),
        organizations: rows.map((row) => organizationFrom(row, 's_')),
      },
      () => countRows(em, countSql, where.params),
      pageTotal(rows),
    );
  }

  private async school(em: EntityManager, schoolId: string | null | undefined, owner: Staff) {
    if (schoolId === undefined) return owner.school;
    if (schoolId === null) return null;
    const school = await em.findOne(Organization, { id: filterId(schoolId, 'schoolId'), kind: OrganizationKind.SCHOOL });
    if (!school) throw badInput(`School ${schoolId} does not exist`, 'schoolId');
    return school;
  }

  async register(
    em: EntityManager,
    actor: Actor,
    input: AccountFields & { ownerId?: string | null },
    requestId: string,
  ): Promise<{ account: SocialAccount; decision: ClassificationResult }> {
    if (actor.kind !== 'STAFF') throw forbidden('Only people register social accounts.');
    const contentKind = input.contentKind ?? 'SOCIAL_ACCOUNT';
    const { platform, handle, url } = contentFields({
      kind: contentKind,
      platform: input.platform ?? null,
      handle: input.handle?.trim() ? cleanHandle(input.handle) : null,
      url: cleanUrl(input.url),
    });
    return em.transactional(async (tx) => {
      const owner = await tx.findOne(Staff, { id: input.ownerId ? filterId(input.ownerId, 'ownerId') : actor.staffId });
      if (!owner) throw badInput('The owner does not exist', 'ownerId');
      // Staff register their own accounts; a district admin may register one for someone else.
      assertInScope(
        actor,
        'socialAccount.register',
        { ownerId: owner.id, ownerSupervisorId: owner.supervisor?.id ?? null, schoolId: owner.school?.id ?? null },
        'an account for this person',
      );
      const duplicate = await tx.count(SocialAccount, {
        platform,
        handle: { $ilike: handle.replace(/[%_\\]/g, '\\$&') },
      });
      if (duplicate > 0) {
        throw conflict(`@${handle} on ${platform} is already in the register.`);
      }
      // The server decides; a client's idea of the classification is never read (VIII, IX).
      const decision = classifyAccount(input.signals ?? []);
      const now = new Date();
      const account = tx.create(SocialAccount, {
        contentKind,
        platform,
        handle,
        url,
        displayName: cleanText(input.displayName, 'displayName', 200),
        bio: cleanText(input.bio, 'bio', 2000),
        owner,
        school: await this.school(tx, input.schoolId, owner),
        signals: decision.decidingSignals,
        classification: decision.classification,
        classificationSections: decision.sections,
        classificationExplanation: decision.explanation,
        state: initialAccountState(decision.classification),
      });
      // What the profile text says, whatever the owner ticked: a STRONG suggestion left out of
      // a personal account flags it for the supervising administrator, without refusing (IX).
      const suggested = refreshSuggestions(account, await districtProfile(tx), now);
      await tx.flush();
      await recordAudit(tx, actor, requestId, {
        action: 'socialAccount.register',
        targetType: 'SocialAccount',
        targetId: account.id,
        change: {
          contentKind: account.contentKind,
          platform: account.platform,
          handle: account.handle,
          url: account.url,
          owner: owner.email,
          classification: account.classification,
          signals: account.signals,
          sections: account.classificationSections,
          state: account.state,
          suggestions: suggested.suggestions,
          review: suggested.review.after,
        },
      });
      return { account, decision };
    });
  }

  async update(
    em: EntityManager,
    actor: Actor,
    input: AccountFields & { id: string; version: number },
    requestId: string,
  ): Promise<SocialAccount> {
    existingId('Social account', input.id);
    return em.transactional(async (tx) => {
      const account = await tx.findOne(SocialAccount, { id: input.id }, { populate: ['owner'] });
      if (!account) throw notFound('Social account', input.id);
      assertInScope(actor, 'socialAccount.update', accountSubject(account), 'this account');
      if (account.version !== input.version) {
        throw conflict(
          'This account was changed by someone else since you opened it. Reload and try again.',
        );
      }
      const before = {
        contentKind: account.contentKind,
        platform: account.platform,
        classification: account.classification,
        signals: [...account.signals],
        state: account.state,
        handle: account.handle,
        url: account.url,
        displayName: account.displayName,
        bio: account.bio,
      };
      // The identifying fields are checked together against the kind (XXIX). A web page whose
      // address changes gets the handle of its new address, unless one is given.
      const kind = input.contentKind ?? account.contentKind;
      const kindChanged = kind !== account.contentKind;
      const url = input.url !== undefined ? cleanUrl(input.url) : account.url;
      const handleGiven = input.handle !== undefined && input.handle !== null && input.handle.trim() !== '';
      const byAddress = kind === 'WEB_PAGE' || kind === 'OTHER_CONTENT';
      const identity = contentFields({
        kind,
        platform: input.platform ?? (kindChanged ? null : account.platform),
        handle: handleGiven
          ? cleanHandle(input.handle)
          : byAddress && (kindChanged || url !== account.url)
            ? null
            : account.handle,
        url,
      });
      account.contentKind = kind;
      account.platform = identity.platform;
      account.handle = identity.handle;
      account.url = identity.url;
      if (input.displayName !== undefined) {
        account.displayName = cleanText(input.displayName, 'displayName', 200);
      }
      if (input.bio !== undefined) account.bio = cleanText(input.bio, 'bio', 2000);
      if (input.schoolId !== undefined) account.school = await this.school(tx, input.schoolId, account.owner);

      let reclassified = false;
      let droppedAdministrators: { id: string; email: string }[] = [];
      if (input.signals) {
        const decision = classifyAccount(input.signals);
        reclassified = decision.classification !== account.classification;
        if (reclassified) {
          const hasApprovedAffiliation =
            (await tx.count(ApprovalRequest, {
              account,
              kind: 'AFFILIATED_ACCOUNT',
              state: 'APPROVED',
            })) > 0;
          account.state = accountStateAfterReclassification({
            previous: account.classification,
            next: decision.classification,
            state: account.state,
            hasApprovedAffiliation,
          });
          account.reclassifiedAt = new Date();
          if (decision.classification === 'PERSONAL') {
            // A personal account is its owner's alone: its administrators go with the
            // affiliation (XXIX), recorded in this event.
            await account.administrators.init();
            droppedAdministrators = account.administrators.getItems().map(adminEntry);
            account.administrators.removeAll();
            // III: the district holds no personal account's password. The escrow goes with the
            // affiliation; the database would refuse the change otherwise.
            const credential = await tx.findOne(AccountCredential, { account });
            if (credential) {
              tx.remove(credential);
              await tx.flush();
              await recordAudit(tx, actor, requestId, {
                action: 'credential.destroy',
                targetType: 'SocialAccount',
                targetId: account.id,
                change: { reason: 'account reclassified as personal (III)' },
              });
            }
          }
        }
        account.signals = decision.decidingSignals;
        account.classification = decision.classification;
        account.classificationSections = decision.sections;
        account.classificationExplanation = decision.explanation;
      }
      // Every save runs the suggestions again: a changed handle, display name or bio that now
      // strongly suggests an undeclared signal flags the account, as at registration (IX).
      const suggested = refreshSuggestions(account, await districtProfile(tx), new Date());
      await tx.flush();
      await recordAudit(tx, actor, requestId, {
        action: reclassified ? 'socialAccount.reclassify' : 'socialAccount.update',
        targetType: 'SocialAccount',
        targetId: account.id,
        change: {
          before,
          after: {
            contentKind: account.contentKind,
            platform: account.platform,
            classification: account.classification,
            signals: account.signals,
            state: account.state,
            handle: account.handle,
            url: account.url,
            displayName: account.displayName,
            bio: account.bio,
          },
          ...(droppedAdministrators.length ? { administratorsRemoved: droppedAdministrators } : {}),
          sections: account.classificationSections,
          suggestions: suggested.suggestions,
          review: suggested.review,
        },
      });
      return account;
    });
  }

  /**
   * Replaces the administrators of a school-affiliated account (XXIX): each entry, by staff id
   * or email, must be an active member of staff; one that is not (a student's or volunteer's
   * address, someone outside the district, a former staff member) refuses the whole call,
   * naming it, so nobody is half-added. The owner is not listed. One audit event, before/after.
   */
  async setAdministrators(
    em: EntityManager,
    actor: Actor,
    input: { accountId: string; administrators: { staffId?: string | null; email?: string | null }[] },
    requestId: string,
  ): Promise<SocialAccount> {
    if (actor.kind !== 'STAFF') throw forbidden('Only people manage account administrators.');
    // Checked before the row lock below: a string that is no UUID would fail in PostgreSQL's
    // cast (an internal error) instead of naming no account.
    existingId('Social account', input.accountId);
    if (input.administrators.length > MAX_ADMINISTRATORS) {
      throw badInput(`An account has at most ${MAX_ADMINISTRATORS} administrators.`, 'administrators');
    }
    const entries = input.administrators.map((entry, index) => {
      const staffId = entry.staffId?.trim() || null;
      const email = entry.email?.trim().toLowerCase() || null;
      if ((staffId === null) === (email === null)) {
        throw badInput(`Administrator ${index + 1}: give either a staff id or an email.`, 'administrators');
      }
      if (email !== null && !EMAIL.test(email)) {
        throw badInput(`Administrator ${index + 1}: "${email}" is not an email address.`, 'administrators');
      }
      return { index, staffId, email };
    });
    return em.transactional(async (tx) => {
      // One change at a time per account: the list is read, checked and replaced under this lock.
      await tx.execute('select id from social_account where id = ? for update', [input.accountId]);
      const account = await tx.findOne(
        SocialAccount,
        { id: input.accountId },
        { populate: ['owner', 'administrators'] },
      );
      if (!account) throw notFound('Social account', input.accountId);
      assertInScope(actor, 'socialAccount.update', accountSubject(account), 'this account');
      if (entries.length > 0) {
        const may = mayHaveAdministrators(account.classification);
        if (!may.ok) throw fromRefusal(may);
      }
      const ids = entries.flatMap((e) => (e.staffId ? [e.staffId] : []));
      const emails = entries.flatMap((e) => (e.email ? [e.email] : []));
      // FOR SHARE, read in the same statement: an SIS sync deactivating one of them either
      // commits first (we read them inactive and refuse) or waits for this transaction, and its
      // removeInactiveAdministrators then finds the row we insert. Read without the lock, the
      // sync's delete could run between our check and our insert and leave a former member of
      // staff administering the account (XXIX). `refresh`: the owner may already be loaded.
      const found = await tx.find(
        Staff,
        { $or: [{ id: { $in: ids.filter((id) => UUID.test(id)) } }, { email: { $in: emails } }] },
        { lockMode: LockMode.PESSIMISTIC_READ, refresh: true },
      );
      const chosen = new Map<string, Staff>();
      for (const entry of entries) {
        const staff = found.find((s) => (entry.staffId ? s.id === entry.staffId : s.email === entry.email));
        if (!staff && entry.staffId) {
          throw badInput(`Administrator ${entry.index + 1}: staff member ${entry.staffId} does not exist.`, 'administrators');
        }
        const may = mayAdministerAccount(
          staff
            ? { kind: 'STAFF', label: `${staff.fullName} (${staff.email})`, active: staff.active, roles: staff.roles }
            : { kind: 'NOT_STAFF', label: entry.email ?? '' },
        );
        if (!may.ok) {
          throw apiError('POLICY_VIOLATION', `Administrator ${entry.index + 1}: ${may.message}`, {
            sections: may.sections,
            reason: may.code,
            field: 'administrators',
            entry: entry.index,
          });
        }
        if (staff && staff.id === account.owner.id) {
          throw badInput(
            `Administrator ${entry.index + 1}: ${staff.fullName} owns this account; an owner is not also listed as an administrator.`,
            'administrators',
          );
        }
        if (staff) chosen.set(staff.id, staff);
      }
      const before = account.administrators.getItems().map(adminEntry);
      account.administrators.set([...chosen.values()]);
      await tx.flush();
      const after = [...chosen.values()].map(adminEntry);
      await recordAudit(tx, actor, requestId, {
        action: 'socialAccount.setAdministrators',
        targetType: 'SocialAccount',
        targetId: account.id,
        change: {
          before,
          after,
          added: after.filter((a) => !before.some((b) => b.id === a.id)),
          removed: before.filter((b) => !after.some((a) => a.id === b.id)),
          sections: ['XXIX'],
        },
      });
      return account;
    });
  }

  /**
   * The supervising administrator's decision on a flagged account (IX, XXIX): apply signals (the
   * account becomes school-affiliated and waits for the owner's approval request) or confirm it
   * personal with a note. `version` pins the suggestions the reviewer saw; they are audited.
   */
  async resolveReview(
    em: EntityManager,
    actor: Actor,
    input: {
      id: string;
      version: number;
      action: AffiliationReviewAction;
      signals?: AffiliationSignal[] | null;
      note?: string | null;
    },
    requestId: string,
  ): Promise<SocialAccount> {
    if (actor.kind !== 'STAFF') throw forbidden('Only people review accounts.');
    existingId('Social account', input.id);
    return em.transactional(async (tx) => {
      const account = await tx.findOne(SocialAccount, { id: input.id }, { populate: ['owner'] });
      if (!account) throw notFound('Social account', input.id);
      assertInScope(actor, 'socialAccount.review', accountSubject(account), 'this account');
      const may = mayReviewAffiliation({
        reviewerId: actor.staffId,
        reviewerRoles: actor.roles,
        ownerId: account.owner.id,
        ownerSupervisorId: account.owner.supervisor?.id ?? null,
      });
      if (!may.ok) throw fromRefusal(may);
      if (account.version !== input.version) {
        throw conflict(
          'This account changed since you opened it, and so may its suggestions. Reload and ' +
            'review what it says now.',
        );
      }
      const onScreen = {
        flagged: [...account.reviewSignals],
        suggestions: account.suggestions,
      };
      const resolved = resolveAffiliationReview({
        status: account.reviewStatus,
        flagged: account.reviewSignals,
        onScreen: undeclaredSignals(account.signals, account.suggestions),
        action: input.action,
        signals: input.signals,
        note: input.note,
      });
      if (!resolved.ok) throw fromRefusal(resolved);
      const before = {
        classification: account.classification,
        signals: [...account.signals],
        state: account.state,
      };
      const now = new Date();
      if (input.action === 'APPLY_SIGNALS') {
        const decision = classifyAccount([...account.signals, ...resolved.signals]);
        if (decision.classification !== account.classification) {
          const hasApprovedAffiliation =
            (await tx.count(ApprovalRequest, {
              account,
              kind: 'AFFILIATED_ACCOUNT',
              state: 'APPROVED',
            })) > 0;
          account.state = accountStateAfterReclassification({
            previous: account.classification,
            next: decision.classification,
            state: account.state,
            hasApprovedAffiliation,
          });
          account.reclassifiedAt = now;
        }
        account.signals = decision.decidingSignals;
        account.classification = decision.classification;
        account.classificationSections = decision.sections;
        account.classificationExplanation = decision.explanation;
      }
      account.reviewStatus = resolved.status;
      account.reviewSignals = resolved.signals;
      account.reviewedBy = tx.getReference(Staff, actor.staffId);
      account.reviewedAt = now;
      account.reviewNote = input.note?.trim() || null;
      await tx.flush();
      await recordAudit(tx, actor, requestId, {
        action:
          input.action === 'APPLY_SIGNALS'
            ? 'socialAccount.applySignals'
            : 'socialAccount.confirmPersonal',
        targetType: 'SocialAccount',
        targetId: account.id,
        change: {
          onScreen,
          decision: { action: input.action, signals: resolved.signals, note: account.reviewNote },
          before,
          after: {
            classification: account.classification,
            signals: account.signals,
            state: account.state,
          },
          sections: account.classificationSections,
          ...(account.state === 'PENDING_APPROVAL'
            ? { nextStep: 'the owner submits an AFFILIATED_ACCOUNT approval request (XXIX)' }
            : {}),
        },
      });
      return account;
    });
  }

  /**
   * Accounts registered before suggestions were stored (`suggested_at` null) get them now, and
   * are flagged the same way as at registration: once, in one transaction, audited as one event.
   * Running it again finds nothing to do.
   */
  async reviewScan(
    em: EntityManager,
    requestId: string | null,
  ): Promise<{ scanned: number; flagged: { id: string; handle: string; signals: AffiliationSignal[] }[] }> {
    if ((await em.count(SocialAccount, { suggestedAt: null })) === 0) return { scanned: 0, flagged: [] };
    return em.fork().transactional(async (tx) => {
      const district = await districtProfile(tx);
      const now = new Date();
      let scanned = 0;
      const flagged: { id: string; handle: string; signals: AffiliationSignal[] }[] = [];
      for (;;) {
        const batch = await tx.find(
          SocialAccount,
          { suggestedAt: null },
          { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 500 },
        );
        if (batch.length === 0) break;
        for (const account of batch) {
          const result = refreshSuggestions(account, district, now);
          scanned += 1;
          if (result.flagged) {
            flagged.push({ id: account.id, handle: account.handle, signals: account.reviewSignals });
          }
        }
        await tx.flush();
        tx.clear();
      }
      await recordAudit(tx, null, requestId, {
        action: 'socialAccount.reviewScan',
        targetType: 'SocialAccount',
        targetId: null,
        change: { scanned, flagged, sections: ['VIII', 'IX', 'XIX', 'XXIX'] },
      });
      return { scanned, flagged };
    });
  }
}
