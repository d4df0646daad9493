import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import sdl from '../../../api/schema.graphql?raw';
import * as approvals from '../approvals/queries';
import * as auth from '../auth/queries';
import * as connections from '../connections/queries';
import * as contentQuestions from '../contentQuestions/queries';
import * as moderation from '../moderation/queries';
import * as obligations from '../obligations/queries';
import * as organization from '../organization/queries';
import * as outbox from '../outbox/queries';
import * as publication from '../publication/queries';
import * as socialAccounts from '../socialAccounts/queries';
import * as staff from '../staff/queries';
import * as students from '../students/queries';
import * as sync from '../sync/queries';

/**
 * Every operation the dashboard sends must be valid against the API's published SDL
 * (apps/api/schema.graphql, itself checked for drift in CI), so a renamed field fails here
 * rather than in a user's browser.
 */
const schema = buildSchema(sdl);

const operations = Object.entries({
  ...approvals,
  ...auth,
  ...connections,
  ...contentQuestions,
  ...moderation,
  ...obligations,
  ...organization,
  ...outbox,
  ...publication,
  ...socialAccounts,
  ...staff,
  ...students,
  ...sync,
})
  .filter(([, value]) => typeof value === 'string' && /^\s*(query|mutation)\b/.test(value as string))
  .map(([name, value]) => [name, value as string] as const);

describe('dashboard operations against the API schema', () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThanOrEqual(32);
  });

  it.each(operations)('%s is valid', (_name, text) => {
    expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
  });
});
