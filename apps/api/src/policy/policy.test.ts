import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const COVERAGE = `{ policyCoverage { id number title summary heading kind reason planned
  rules { id name kind sections operations screen { path label } } screens { path label } } }`;

interface Coverage {
  id: string;
  number: number;
  title: string;
  summary: string;
  heading: boolean;
  kind: string;
  reason: string | null;
  planned: string | null;
  rules: { id: string; name: string; kind: string; sections: string[]; operations: string[]; screen: { path: string; label: string } | null }[];
  screens: { path: string; label: string }[];
}

async function coverage(token: string | null) {
  return t.gql<{ policyCoverage: Coverage[] }>(COVERAGE, {}, token);
}

describe('policyCoverage (every section of Policy 4051)', () => {
  it('shows a teacher all 35 sections, I to XXXV, each with a summary and one kind', async () => {
    const r = await coverage(await t.login('teacher.north'));
    const sections = r.data?.policyCoverage ?? [];
    expect(sections).toHaveLength(35);
    expect(sections[0]).toMatchObject({ id: 'I', number: 1, heading: true, kind: 'HEADING' });
    expect(sections[34]).toMatchObject({ id: 'XXXV', number: 35, kind: 'WORKFLOW' });
    expect(sections.filter((s) => s.heading).map((s) => s.id)).toEqual([
      'I', 'II', 'VII', 'XV', 'XVI', 'XXI', 'XXV', 'XXVIII',
    ]);
    for (const s of sections) {
      expect(s.summary.length, s.id).toBeGreaterThan(20);
      expect(['HEADING', 'ENFORCED', 'WORKFLOW', 'GUIDANCE']).toContain(s.kind);
    }
  });

  it("says how III is enforced: the escrow rule, the operation and the dashboard screen", async () => {
    const r = await coverage(await t.login('teacher.north'));
    const iii = r.data?.policyCoverage.find((s) => s.id === 'III');
    expect(iii).toMatchObject({
      kind: 'ENFORCED',
      heading: false,
      title: 'No personal passwords',
      reason: null,
      screens: [{ path: '/socialAccounts', label: 'Social accounts' }],
    });
    expect(iii?.rules).toEqual([
      expect.objectContaining({
        id: 'credentials.mayEscrowCredential',
        kind: 'ENFORCED',
        sections: ['III', 'XI'],
        operations: ['escrowCredential'],
      }),
    ]);
    expect(iii?.rules[0]?.name).toMatch(/personal account's password/);
  });

  it('explains guidance honestly: X is guidance with its reason; XIII is tracked by acknowledgement rounds', async () => {
    const r = await coverage(await t.login('auditor'));
    const x = r.data?.policyCoverage.find((s) => s.id === 'X');
    expect(x).toMatchObject({ kind: 'GUIDANCE', rules: [], screens: [], planned: null });
    expect(x?.reason).toMatch(/platforms/);
    const xiii = r.data?.policyCoverage.find((s) => s.id === 'XIII');
    expect(xiii).toMatchObject({ kind: 'WORKFLOW', reason: null, screens: [{ path: '/acknowledgements', label: 'Acknowledgements' }] });
    expect(xiii?.rules.map((x) => x.id)).toContain('acknowledgements.requiresAcknowledgement');
    const v = r.data?.policyCoverage.find((s) => s.id === 'V');
    expect(v?.kind).toBe('GUIDANCE');
    expect(v?.rules.map((x) => x.id)).toContain('classification.classifyAccount');
  });

  it('names only operations the API really has', async () => {
    const r = await coverage(await t.login('admin'));
    const named = new Set(r.data?.policyCoverage.flatMap((s) => s.rules.flatMap((x) => x.operations)));
    const schema = await t.gql<{ __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }',
      {},
      await t.login('admin'),
    );
    const offered = new Set([
      ...(schema.data?.__schema.queryType.fields ?? []),
      ...(schema.data?.__schema.mutationType.fields ?? []),
    ].map((f) => f.name));
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((op) => !offered.has(op))).toEqual([]);
  });

  it('is open to every human role and the auditor', async () => {
    for (const key of ['superintendent', 'external.relations', 'principal.south', 'coach.high', 'admin', 'auditor']) {
      const r = await coverage(await t.login(key));
      expect(r.data?.policyCoverage, key).toHaveLength(35);
    }
  });

  it('is refused without signing in, and to the SIS', async () => {
    expect(errorCode(await coverage(null))).toBe('UNAUTHENTICATED');
    const issued = await t.gql<{ issueSisApiKey: { key: string } }>(
      'mutation { issueSisApiKey(name: "policy test") { key } }',
      {},
      await t.login('admin'),
    );
    const key = issued.data?.issueSisApiKey.key;
    expect(key).toMatch(/^stw_sis_/);
    expect(errorCode(await coverage(key as string))).toBe('FORBIDDEN');
  });
});
