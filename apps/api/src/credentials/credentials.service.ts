import type { EntityManager } from '@mikro-orm/postgresql';
import { mayEscrowCredential, mayRevealCredential } from '@steward/domain';
import { accountSubject } from '../accounts/accounts.service.js';
import { SocialAccount } from '../accounts/social-account.entity.js';
import type { Actor } from '../auth/actor.js';
import { assertInScope } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import type { Config } from '../config.js';
import { apiError, badInput, fromRefusal, notFound } from '../server/errors.js';
import { Staff } from '../staff/staff.entity.js';
import { AccountCredential } from './account-credential.entity.js';
import { decryptSecret, encryptSecret, findMasterKey, rewrapDataKey } from './crypto.js';

/** Reveals one person may make per hour: enough for a hand-over, not for harvesting. */
export const REVEALS_PER_HOUR = 10;

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

      const sealed = encryptSecret(secret, account.id, this.config.credentialKeys.current);
      let credential = await tx.findOne(AccountCredential, { account });
      const replaced = credential !== null;
      if (!credential) {
        credential = tx.create(AccountCredential, {
          account,
          username: username.trim(),
          ...sealed,
          escrowedBy: actor.kind === 'STAFF' ? tx.getReference(Staff, actor.staffId) : null,
        });
      } else {
        Object.assign(credential, sealed, { username: username.trim(), escrowedAt: new Date() });
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
    const since = new Date(Date.now() - 3_600_000);
    const recent = await em.count(AuditEvent, {
      action: 'credential.reveal',
      actorId: actor.kind === 'STAFF' ? actor.staffId : actor.keyId,
      occurredAt: { $gte: since },
    });
    if (recent >= REVEALS_PER_HOUR) {
      await this.auditRefusal(em, actor, account.id, 'RATE_LIMITED', requestId);
      throw apiError(
        'FORBIDDEN',
        `At most ${REVEALS_PER_HOUR} reveals an hour. Try again later or ask the district admin.`,
        { reason: 'RATE_LIMITED' },
      );
    }
    return em.transactional(async (tx) => {
      const credential = await tx.findOne(AccountCredential, { account: account.id });
      if (!credential) throw notFound('Escrowed credential for account', account.id);
      await recordAudit(tx, actor, requestId, {
        action: 'credential.reveal',
        targetType: 'SocialAccount',
        targetId: account.id,
        change: { reason: reason.trim(), owner: account.owner.email },
      });
      const secret = decryptSecret(
        credential,
        account.id,
        findMasterKey(this.config.credentialKeys, credential.masterKeyId),
      );
      const revealedAt = new Date();
      credential.revealCount += 1;
      credential.lastRevealedAt = revealedAt;
      await tx.flush();
      return { username: credential.username, secret, revealedAt };
    });
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
