import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { recordAudit } from '../audit/audit.service.js';
import { Staff } from '../staff/staff.entity.js';
import { badInput, forbidden, notFound } from '../server/errors.js';
import type { Actor } from './actor.js';
import type { IdentityCache } from './identity-cache.js';
import { staffActor } from './authenticate.js';
import { SisApiKey } from './sis-api-key.entity.js';
import { issueSisKey } from './sis-keys.js';
import { signDevToken } from './tokens.js';

export class AuthService {
  constructor(
    private readonly config: Config,
    private readonly identities: IdentityCache | null = null,
  ) {}

  /** Signs in as a seeded person without a password: development and demos only. */
  async devLogin(em: EntityManager, email: string, requestId: string) {
    if (this.config.isProduction) {
      throw forbidden('devLogin is disabled in production. Sign in with your district account.');
    }
    const normalized = email.trim().toLowerCase();
    if (!normalized) throw badInput('email is required', 'email');
    return em.transactional(async (tx) => {
      const staff = await tx.findOne(Staff, { email: normalized });
      if (!staff?.active) throw notFound('Active staff member with email', normalized);
      const { token, expiresAt } = await signDevToken(this.config, staff);
      await recordAudit(tx, staffActor(staff), requestId, {
        action: 'auth.devLogin',
        targetType: 'Staff',
        targetId: staff.id,
      });
      return { token, expiresAt, staff };
    });
  }

  async issueSisKey(em: EntityManager, actor: Actor, name: string, requestId: string) {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) throw badInput('name must be 1-100 characters', 'name');
    return em.transactional(async (tx) => {
      const { key, record } = await issueSisKey(tx, trimmed);
      await tx.flush();
      await recordAudit(tx, actor, requestId, {
        action: 'sisKey.issue',
        targetType: 'SisApiKey',
        targetId: record.id,
        change: { name: record.name, prefix: record.prefix, scopes: record.scopes },
      });
      return { key, record };
    });
  }

  async revokeSisKey(em: EntityManager, actor: Actor, id: string, requestId: string) {
    return em.transactional(async (tx) => {
      const record = await tx.findOne(SisApiKey, { id });
      if (!record) throw notFound('SIS API key', id);
      if (!record.revokedAt) {
        record.revokedAt = new Date();
        await tx.flush();
        await recordAudit(tx, actor, requestId, {
          action: 'sisKey.revoke',
          targetType: 'SisApiKey',
          targetId: record.id,
        });
      }
      return record;
    });
  }

  /**
   * Removes the link between a staff member and their identity provider subject, so that their
   * next verified sign-in links afresh (e.g. after a take-over attempt or a new IdP account).
   */
  async unlinkSignInIdentity(em: EntityManager, actor: Actor, staffId: string, requestId: string) {
    return em.transactional(async (tx) => {
      const staff = await tx.findOne(Staff, { id: staffId });
      if (!staff) throw notFound('Staff member', staffId);
      const previous = staff.oidcSubject;
      if (previous !== null) {
        staff.oidcSubject = null;
        await tx.flush();
        this.identities?.forgetStaff(staff.id);
        await recordAudit(tx, actor, requestId, {
          action: 'auth.oidcUnlink',
          targetType: 'Staff',
          targetId: staff.id,
          change: { subject: previous },
        });
      }
      return staff;
    });
  }
}
