import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const FIELDS = 'id version state classification advisories { code sections message }';
type Account = {
  id: string;
  version: number;
  state: string;
  classification: string;
  advisories: { code: string; sections: string[]; message: string }[];
};

async function register(token: string, input: Record<string, unknown>) {
  const r = await t.gql<{ registerSocialAccount: Account }>(
    `mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { ${FIELDS} } }`,
    { input },
    token,
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.registerSocialAccount;
}

describe('advisories on personal accounts (IV, V, VI)', () => {
  it('registers a personal account that tags a school, and says so, without refusing it', async () => {
    const teacher = await t.login('teacher.high');
    const account = await register(teacher, {
      platform: 'INSTAGRAM',
      handle: 'olivia_weekends',
      bio: 'History teacher at Ralston High School. Hiking and old maps.',
      signals: [],
    });
    expect(account).toMatchObject({ state: 'ACTIVE', classification: 'PERSONAL' });
    expect(account.advisories.map((a) => [a.code, a.sections])).toEqual([
      ['NAMES_DISTRICT_OR_SCHOOL', ['V', 'IX']],
      ['NO_STUDENT_PHOTOS', ['IV']],
      ['NO_STUDENT_CONNECTIONS', ['VI']],
    ]);
    expect(account.advisories[0]?.message).toMatch(/^Your bio names "ralston high school"\./);

    // Once the school is out of the profile, V is only a reminder; the others stay.
    const r = await t.gql<{ updateSocialAccount: Account }>(
      `mutation($input: UpdateSocialAccountInput!) { updateSocialAccount(input: $input) { ${FIELDS} } }`,
      { input: { id: account.id, version: account.version, bio: 'Hiking and old maps.' } },
      teacher,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.updateSocialAccount.advisories.map((a) => a.code)).toEqual([
      'NO_DISTRICT_TAGS',
      'NO_STUDENT_PHOTOS',
      'NO_STUDENT_CONNECTIONS',
    ]);

    // The account's page reads the same advice.
    const read = await t.gql<{ socialAccount: Account }>(
      `query($id: ID!) { socialAccount(id: $id) { ${FIELDS} } }`,
      { id: account.id },
      teacher,
    );
    expect(read.data?.socialAccount.advisories[0]?.code).toBe('NO_DISTRICT_TAGS');
  });

  it('gives a school-affiliated account no advisories: its rules apply instead', async () => {
    const account = await register(await t.login('teacher.high'), {
      platform: 'INSTAGRAM',
      handle: 'rhs_history_club',
      signals: ['PURPORTS_OFFICIAL'],
    });
    expect(account).toMatchObject({ classification: 'SCHOOL_AFFILIATED', state: 'PENDING_APPROVAL', advisories: [] });
  });
});
