import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

/**
 * Lists run as prepared statements on the ORM's pooled connections (server/rows.ts `query`).
 * A migration that changes a column a list selects, applied while this process keeps its
 * connections (another instance migrating during a rolling deploy), makes PostgreSQL refuse the
 * prepared statement ("cached plan must not change result type"): the list must still answer.
 */
const LIST = `{ socialAccounts(page: { perPage: 5 }) { items { id displayName } total } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('prepared statements', () => {
  it('a list still answers after a column it selects changes type under it', async () => {
    const token = await t.login('admin');
    // Warm every pooled connection the list may use, so the statement is prepared on them.
    await Promise.all(Array.from({ length: 12 }, () => t.gql(LIST, {}, token)));
    const before = await t.gql<{ socialAccounts: { items: { id: string }[]; total: number } }>(LIST, {}, token);
    expect(before.errors).toBeUndefined();

    await t.sql('alter table social_account alter column display_name type varchar(500)');

    for (let i = 0; i < 12; i++) {
      const after = await t.gql<{ socialAccounts: { items: { id: string }[]; total: number } }>(LIST, {}, token);
      expect(after.errors).toBeUndefined();
      expect(after.data?.socialAccounts.items.map((a) => a.id)).toEqual(before.data?.socialAccounts.items.map((a) => a.id));
      expect(after.data?.socialAccounts.total).toBe(before.data?.socialAccounts.total);
    }
  });
});
