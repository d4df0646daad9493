import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let ids: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  const rows = await t.sql<{ id: string; email: string }>('select id, email from staff');
  ids = Object.fromEntries(rows.map((r) => [r.email.split('@')[0] as string, r.id]));
});
afterAll(() => t.close());

const LIST = `query($filter: StaffFilter, $page: PageInput, $sort: StaffSort) {
  staffMembers(filter: $filter, page: $page, sort: $sort) {
    total items { email familyName school { name } supervisor { email } }
  }
}`;

type List = { staffMembers: { total: number; items: { email: string; familyName: string; school: { name: string } | null; supervisor: { email: string } | null }[] } };

describe('staff register scope', () => {
  it('a supervisor sees only themself and their own staff', async () => {
    const token = await t.login('principal.north');
    const r = await t.gql<List>(LIST, {}, token);
    const emails = r.data?.staffMembers.items.map((s) => s.email.split('@')[0]).sort();
    expect(emails).toEqual(['librarian.north', 'music.north', 'principal.north', 'teacher.north', 'teacher2.north']);
    expect(r.data?.staffMembers.total).toBe(5);
  });

  it("a supervisor is refused another school's teacher with FORBIDDEN", async () => {
    const token = await t.login('principal.north');
    const r = await t.gql('query($id: ID!) { staff(id: $id) { email } }', { id: ids['teacher.south'] }, token);
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it("a teacher sees themself but is refused another school's staff (FORBIDDEN)", async () => {
    const token = await t.login('teacher.north');
    const own = await t.gql<{ staff: { email: string; supervisor: { email: string } } }>(
      'query($id: ID!) { staff(id: $id) { email supervisor { email } } }',
      { id: ids['teacher.north'] },
      token,
    );
    expect(own.data?.staff.supervisor.email).toBe('principal.north@demo.k12.example');
    const other = await t.gql('query($id: ID!) { staff(id: $id) { email } }', { id: ids['teacher.south'] }, token);
    expect(errorCode(other)).toBe('FORBIDDEN');
    const list = await t.gql<List>(LIST, {}, token);
    expect(list.data?.staffMembers.items.map((s) => s.email)).toEqual(['teacher.north@demo.k12.example']);
  });

  it('district roles see everyone, with filters, sorting and paging and a total count', async () => {
    const token = await t.login('admin');
    const all = await t.gql<List>(LIST, { page: { page: 1, perPage: 5 } }, token);
    expect(all.data?.staffMembers.total).toBe(21);
    expect(all.data?.staffMembers.items).toHaveLength(5);
    const page2 = await t.gql<List>(LIST, { page: { page: 2, perPage: 5 } }, token);
    const firstNames = all.data?.staffMembers.items.map((s) => s.email) ?? [];
    expect(page2.data?.staffMembers.items.some((s) => firstNames.includes(s.email))).toBe(false);

    const high = await t.gql<List>(
      LIST,
      { filter: { q: 'coach' }, sort: { field: 'EMAIL', direction: 'DESC' } },
      token,
    );
    expect(high.data?.staffMembers.items.map((s) => s.email)).toEqual([
      'coach.south@demo.k12.example',
      'coach.high@demo.k12.example',
    ]);
    const supervisors = await t.gql<List>(LIST, { filter: { role: 'SUPERVISOR' } }, token);
    expect(supervisors.data?.staffMembers.total).toBe(4);
    const departed = await t.gql<List>(LIST, { filter: { active: false } }, token);
    expect(departed.data?.staffMembers.items.map((s) => s.email)).toEqual(['former.high@demo.k12.example']);
  });

  it('refuses a page larger than 100 with BAD_USER_INPUT', async () => {
    const token = await t.login('admin');
    const r = await t.gql(LIST, { page: { page: 1, perPage: 1000 } }, token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });

  it('an unknown id answers NOT_FOUND', async () => {
    const token = await t.login('admin');
    const r = await t.gql('query { staff(id: "6f1e1a8e-0000-4000-8000-000000000000") { email } }', {}, token);
    expect(errorCode(r)).toBe('NOT_FOUND');
  });
});
