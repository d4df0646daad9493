import { randomUUID } from 'node:crypto';
import { ArrayType, Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { Operation } from '@steward/domain';
import { Staff } from '../staff/staff.entity.js';

/**
 * A machine credential for the Student Information System. Only a SHA-256 hash of the key is
 * kept (the key is 32 random bytes, so a fast hash is enough); the key itself is shown once.
 */
@Entity({ tableName: 'sis_api_key' })
export class SisApiKey {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  /** The first characters of the key, so people can tell keys apart without the secret. */
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'text', unique: true, hidden: true })
  keyHash!: string;

  /** The operations this key may perform (a subset of what the SIS role grants). */
  @Property({ type: ArrayType })
  scopes: Opt<Operation[]> = [];

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  createdBy: Staff | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
