import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PERMISSION_MATRIX, OPERATIONS, type Operation } from '@steward/domain';
import { SisApiKey } from './sis-api-key.entity.js';

export const SIS_KEY_PREFIX = 'stw_sis_';

/** What the SIS role may do at all; a key is issued for these unless told otherwise. */
export const SIS_OPERATIONS: Operation[] = OPERATIONS.filter((op) => PERMISSION_MATRIX[op].SIS);

export function hashSisKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Creates a key and returns it in clear text: the only time anyone sees it. */
export async function issueSisKey(
  em: EntityManager,
  name: string,
  scopes: Operation[] = SIS_OPERATIONS,
): Promise<{ key: string; record: SisApiKey }> {
  const outside = scopes.filter((s) => !SIS_OPERATIONS.includes(s));
  if (outside.length > 0) {
    throw new Error(`An SIS key cannot be scoped to ${outside.join(', ')}`);
  }
  const key = `${SIS_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const record = em.create(SisApiKey, {
    name,
    prefix: key.slice(0, SIS_KEY_PREFIX.length + 6),
    keyHash: hashSisKey(key),
    scopes,
  });
  em.persist(record);
  return { key, record };
}

export async function findActiveSisKey(em: EntityManager, key: string): Promise<SisApiKey | null> {
  const record = await em.findOne(SisApiKey, { keyHash: hashSisKey(key), revokedAt: null });
  if (!record) return null;
  // Recording every use would write on every request; once a minute is enough to see activity.
  const now = new Date();
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > 60_000) {
    await em.nativeUpdate(SisApiKey, { id: record.id }, { lastUsedAt: now });
  }
  return record;
}
