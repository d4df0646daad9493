import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKey } from '../config.js';

/**
 * Envelope encryption with AES-256-GCM (SECURITY.md): each secret has its own random data key;
 * the data key is wrapped by the master key named by `masterKeyId`. Both layers bind the account
 * id and key id as additional authenticated data, so a ciphertext copied onto another account's
 * row fails to decrypt. Layout of each blob: 12-byte IV | 16-byte tag | ciphertext.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, blob: Buffer, aad: string): Buffer {
  const iv = blob.subarray(0, IV_BYTES);
  const tag = blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

export interface SealedSecret {
  masterKeyId: string;
  wrappedDataKey: Buffer;
  secretCiphertext: Buffer;
  /** The account's username, sealed with the same data key (it is half of the log-in). */
  usernameCiphertext: Buffer | null;
}

/** Seals a username and secret under one fresh data key, wrapped by `master`. */
export function sealCredential(
  credential: { username: string; secret: string },
  accountId: string,
  master: MasterKey,
): SealedSecret {
  const dataKey = randomBytes(32);
  try {
    return {
      masterKeyId: master.id,
      wrappedDataKey: seal(master.key, dataKey, `data-key|${accountId}|${master.id}`),
      secretCiphertext: seal(dataKey, Buffer.from(credential.secret, 'utf8'), `secret|${accountId}`),
      usernameCiphertext: seal(dataKey, Buffer.from(credential.username, 'utf8'), `username|${accountId}`),
    };
  } finally {
    dataKey.fill(0);
  }
}

export function findMasterKey(keys: { current: MasterKey; previous: MasterKey[] }, id: string) {
  const key = [keys.current, ...keys.previous].find((k) => k.id === id);
  if (!key) throw new Error(`master key ${id} is not configured (CREDENTIAL_PREVIOUS_KEYS?)`);
  return key;
}

/**
 * Opens a sealed credential. `legacyUsername` is the plain-text username of a row escrowed
 * before usernames were sealed (sealed at the next start; see `sealPlaintextUsernames`).
 */
export function openCredential(
  sealed: SealedSecret & { legacyUsername?: string | null },
  accountId: string,
  master: MasterKey,
): { username: string; secret: string } {
  const dataKey = open(master.key, sealed.wrappedDataKey, `data-key|${accountId}|${master.id}`);
  try {
    return {
      secret: open(dataKey, sealed.secretCiphertext, `secret|${accountId}`).toString('utf8'),
      username: sealed.usernameCiphertext
        ? open(dataKey, sealed.usernameCiphertext, `username|${accountId}`).toString('utf8')
        : (sealed.legacyUsername ?? ''),
    };
  } finally {
    dataKey.fill(0);
  }
}

/** Seals a plain-text username under the credential's existing data key. */
export function sealUsername(
  sealed: SealedSecret,
  username: string,
  accountId: string,
  master: MasterKey,
): Buffer {
  const dataKey = open(master.key, sealed.wrappedDataKey, `data-key|${accountId}|${master.id}`);
  try {
    return seal(dataKey, Buffer.from(username, 'utf8'), `username|${accountId}`);
  } finally {
    dataKey.fill(0);
  }
}

/** Re-wraps a data key under a new master key; the secret's ciphertext is untouched. */
export function rewrapDataKey(
  sealed: SealedSecret,
  accountId: string,
  from: MasterKey,
  to: MasterKey,
): SealedSecret {
  const dataKey = open(from.key, sealed.wrappedDataKey, `data-key|${accountId}|${from.id}`);
  try {
    return {
      masterKeyId: to.id,
      wrappedDataKey: seal(to.key, dataKey, `data-key|${accountId}|${to.id}`),
      secretCiphertext: sealed.secretCiphertext,
      usernameCiphertext: sealed.usernameCiphertext,
    };
  } finally {
    dataKey.fill(0);
  }
}
