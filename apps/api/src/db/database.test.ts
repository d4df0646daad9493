import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

describe('a failing statement', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("says its SQL with placeholders, never the values (error messages are logged)", async () => {
    const knex = t.orm.em.getConnection().getKnex();
    const error = await knex.raw('select ?::int as n', ['a-removed-comment-text']).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/invalid input syntax for type integer/);
    expect(error?.message).toContain('select $1::int as n');
    expect(error?.message).not.toContain('a-removed-comment-text');
  });
});
