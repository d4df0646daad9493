import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OneToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { Staff } from '../staff/staff.entity.js';

/**
 * The escrowed username and password of a school-affiliated account (XI, XXIX). Both are
 * encrypted with a per-credential data key (AES-256-GCM), itself wrapped by the master key named by
 * `masterKeyId`. The row cannot exist for a personal account (III): the database enforces it with
 * a composite foreign key to (account id, classification) and a CHECK (see the accounts migration).
 */
@Entity({ tableName: 'account_credential' })
export class AccountCredential {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @OneToOne(() => SocialAccount, { owner: true, unique: true, deleteRule: 'cascade' })
  account!: SocialAccount;

  /** Always 'SCHOOL_AFFILIATED'; part of the composite foreign key. */
  @Property({ type: 'text' })
  accountClassification: Opt<string> = 'SCHOOL_AFFILIATED';

  /**
   * Plain-text username of a row escrowed before usernames were sealed; emptied by
   * `sealPlaintextUsernames` at start-up. New rows keep it null.
   */
  @Property({ type: 'text', nullable: true, hidden: true, fieldName: 'username' })
  legacyUsername: string | null = null;

  /** The username, sealed with the secret's data key (never in logs or plain text). */
  @Property({ type: 'blob', nullable: true, hidden: true })
  usernameCiphertext: Buffer | null = null;

  @Property({ type: 'text' })
  masterKeyId!: string;

  @Property({ type: 'blob', hidden: true })
  wrappedDataKey!: Buffer;

  @Property({ type: 'blob', hidden: true })
  secretCiphertext!: Buffer;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  escrowedBy: Staff | null = null;

  @Property({ type: 'timestamptz' })
  escrowedAt: Opt<Date> = new Date();

  @Property({ type: 'integer' })
  revealCount: Opt<number> = 0;

  @Property({ type: 'timestamptz', nullable: true })
  lastRevealedAt: Date | null = null;
}
