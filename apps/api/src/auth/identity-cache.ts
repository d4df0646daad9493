import { hash } from 'node:crypto';
import type { Actor } from './actor.js';

/**
 * Who a bearer token belongs to, remembered for a short time so that a signed-in person costs
 * no token verification and no staff lookup on every request (README "Performance"). Entries
 * live `ttlMs` at most, and never past the token's own expiry. A change to a person made in this
 * process (unlinking their identity; later, SIS deactivation or new roles) forgets their entries
 * at once; other API processes see it when their entry expires, so any change applies everywhere
 * within the TTL. Bounded: past `maxEntries` the oldest entries go first.
 */
export class IdentityCache {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  // Keyed by the token's digest, so the cache never holds a usable token. The one-shot `hash`
  // takes about 0.6 us against 1 us for a Hash object's create-update-digest (a 600-byte token),
  // and this runs on every request.
  private key(token: string): string {
    return hash('sha256', token, 'base64url');
  }

  get(token: string): Actor | null {
    if (this.ttlMs <= 0) return null;
    const key = this.key(token);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.until <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.actor;
  }

  /** Remembers a verified token; `expiresAt` is the token's `exp` in seconds, if known. */
  set(token: string, actor: Actor, expiresAt?: number): void {
    if (this.ttlMs <= 0) return;
    const until = Math.min(Date.now() + this.ttlMs, expiresAt ? expiresAt * 1000 : Number.POSITIVE_INFINITY);
    const key = this.key(token);
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { actor, until });
  }

  /** Forgets every token of one person (their roles, scope or status changed). */
  forgetStaff(staffId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.actor.kind === 'STAFF' && entry.actor.staffId === staffId) this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
