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
    // PostgreSQL's own message does not repeat the value here (division by zero), so the value
    // could only come from the statement text, filled in.
    const error = await knex.raw('select length(?) / 0 as n', ['a-removed-comment-text']).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/division by zero/);
    expect(error?.message).toContain('select length($1) / 0 as n');
    expect(error?.message).not.toContain('a-removed-comment-text');
  });
});
