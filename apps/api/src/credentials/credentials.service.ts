import type { EntityManager } from '@mikro-orm/postgresql';
import { mayEscrowCredential, mayRevealCredential } from '@steward/domain';
import { accountSubject } from '../accounts/accounts.service.js';
import { SocialAccount } from '../accounts/social-account.entity.js';
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import { apiError, badInput, fromRefusal, notFound } from '../server/errors.js';
import { Staff } from '../staff/staff.entity.js';
import { AccountCredential } from './account-credential.entity.js';
import { findMasterKey, openCredential, rewrapDataKey, sealCredential, sealUsername } from './crypto.js';

/** Reveals one person may make per hour: enough for a hand-over, not for harvesting. */
export const REVEALS_PER_HOUR = 10;

// Names the advisory locks that serialize one person's reveals (with a hash of their id).
const REVEAL_LOCK = 4051_0002;

export class CredentialsService {
  constructor(private readonly config: Config) {}

  async escrow(
    em: EntityManager,
    actor: Actor,
    accountId: string,
    username: string,
    secret: string,
    requestId: string,
  ): Promise<AccountCredential> {
    if (!username.trim()) throw badInput('username is required', 'username');
    if (!secret) throw badInput('secret is required', 'secret');
    if (secret.length > 1024) throw badInput('secret must be at most 1024 characters', 'secret');
    return em.transactional(async (tx) => {
      const account = await tx.findOne(SocialAccount, { id: accountId }, { populate: ['owner'] });
      if (!account) throw notFound('Social account', accountId);
      assertInScope(actor, 'credential.escrow', accountSubject(account), 'this account');
      // III: a personal account's password is refused before anything is stored.
      const allowed = mayEscrowCredential(account.classification);
      if (!allowed.ok) throw fromRefusal(allowed);

      const sealed = sealCredential(
        { username: username.trim(), secret },
        account.id,
        this.config.credentialKeys.current,
      );
      let credential = await tx.findOne(AccountCredential, { account });
      const replaced = credential !== null;
      if (!credential) {
        credential = tx.create(AccountCredential, {
          account,
          ...sealed,
          escrowedBy: actor.kind === 'STAFF' ? tx.getReference(Staff, actor.staffId) : null,
        });
      } else {
        Object.assign(credential, sealed, { legacyUsername: null, escrowedAt: new Date() });
        credential.escrowedBy = actor.kind === 'STAFF' ? tx.getReference(Staff, actor.staffId) : null;
      }
      await tx.flush();
      await recordAudit(tx, actor, requestId, {
        action: replaced ? 'credential.replace' : 'credential.escrow',
        targetType: 'SocialAccount',
        targetId: account.id,
        change: { masterKeyId: sealed.masterKeyId },
      });
      return credential;
    });
  }

  /**
   * Reveals the secret to the owner's supervising administrator or the district admin (XI).
   * Fails closed: the audit event is written in the same transaction before decryption, so
   * if it cannot be recorded nothing is revealed. Refused attempts are audited too.
   */
  async reveal(
    em: EntityManager,
    actor: Actor,
    accountId: string,
    reason: string,
    requestId: string,
  ): Promise<{ username: string; secret: string; revealedAt: Date }> {
    const account = await em.findOne(SocialAccount, { id: accountId }, { populate: ['owner'] });
    if (!account) throw notFound('Social account', accountId);
    const decision = mayRevealCredential({
      actorId: actor.kind === 'STAFF' ? actor.staffId : null,
      actorRoles: actor.roles,
      ownerId: account.owner.id,
      ownerSupervisorId: account.owner.supervisor?.id ?? null,
      reason,
    });
    if (!decision.ok) {
      await this.auditRefusal(em, actor, account.id, decision.code, requestId);
      throw fromRefusal(decision);
    }
    const actorId = actor.kind === 'STAFF' ? actor.staffId : actor.keyId;
    const outcome = await em.transactional(async (tx) => {
      // The limit must hold under concurrency (SECURITY.md): one reveal per person at a time, and
      // the count is read from the audit trail inside the same transaction that appends to it.
      await tx.execute('select pg_advisory_xact_lock(?, hashtext(?))', [REVEAL_LOCK, actorId]);
      const [counted] = await tx.execute<{ recent: number }[]>(
        `select count(*)::int as recent from audit_event
          where action = 'credential.reveal' and actor_id = ? and occurred_at >= now() - interval '1 hour'`,
        [actorId],
      );
      if ((counted?.recent ?? 0) >= REVEALS_PER_HOUR) return null;
      const credential = await tx.findOne(AccountCredential, { account: account.id });
      if (!credential) throw notFound('Escrowed credential for account', account.id);
      await recordAudit(tx, actor, requestId, {
        action: 'credential.reveal',
        targetType: 'SocialAccount',
        targetId: account.id,
        change: { reason: reason.trim(), owner: account.owner.email },
      });
      const { username, secret } = openCredential(
        credential,
        account.id,
        findMasterKey(this.config.credentialKeys, credential.masterKeyId),
      );
      // Incremented in SQL, so parallel reveals never lose a count.
      const [row] = await tx.execute<{ last_revealed_at: Date }[]>(
        `update account_credential set reveal_count = reveal_count + 1, last_revealed_at = now()
          where id = ? returning last_revealed_at`,
        [credential.id],
      );
      return { username, secret, revealedAt: new Date(row?.last_revealed_at ?? Date.now()) };
    });
    if (!outcome) {
      await this.auditRefusal(em, actor, account.id, 'RATE_LIMITED', requestId);
      throw apiError(
        'FORBIDDEN',
        `At most ${REVEALS_PER_HOUR} reveals an hour. Try again later or ask the district admin.`,
        { reason: 'RATE_LIMITED' },
      );
    }
    return outcome;
  }

  private async auditRefusal(
    em: EntityManager,
    actor: Actor,
    accountId: string,
    why: string,
    requestId: string,
  ) {
    await em.fork().transactional((tx) =>
      recordAudit(tx, actor, requestId, {
        action: 'credential.reveal.refused',
        targetType: 'SocialAccount',
        targetId: accountId,
        change: { why },
      }),
    );
  }

  /**
   * Seals the usernames of credentials escrowed before usernames were encrypted, then clears
   * the plain text. Runs at every start (a no-op once done); returns how many it sealed.
   */
  async sealPlaintextUsernames(em: EntityManager): Promise<number> {
    const keys = this.config.credentialKeys;
    return em.transactional(async (tx) => {
      const legacy = await tx.find(
        AccountCredential,
        { legacyUsername: { $ne: null } },
        { populate: ['account'] },
      );
      for (const credential of legacy) {
        const master = findMasterKey(keys, credential.masterKeyId);
        credential.usernameCiphertext = sealUsername(
          credential,
          credential.legacyUsername ?? '',
          credential.account.id,
          master,
        );
        credential.legacyUsername = null;
      }
      await tx.flush();
      if (legacy.length > 0) {
        await recordAudit(tx, null, null, {
          action: 'credential.sealUsernames',
          targetType: 'AccountCredential',
          change: { sealed: legacy.length },
        });
      }
      return legacy.length;
    });
  }

  /** Re-wraps every data key under the current master key; returns how many moved. */
  async rotate(em: EntityManager): Promise<number> {
    const keys = this.config.credentialKeys;
    return em.transactional(async (tx) => {
      const stale = await tx.find(
        AccountCredential,
        { masterKeyId: { $ne: keys.current.id } },
        { populate: ['account'] },
      );
      for (const credential of stale) {
        const from = findMasterKey(keys, credential.masterKeyId);
        Object.assign(credential, rewrapDataKey(credential, credential.account.id, from, keys.current));
      }
      await tx.flush();
      if (stale.length > 0) {
        await recordAudit(tx, null, null, {
          action: 'credential.rotateMasterKey',
          targetType: 'AccountCredential',
          change: { rewrapped: stale.length, to: keys.current.id },
        });
      }
      return stale.length;
    });
  }
}
