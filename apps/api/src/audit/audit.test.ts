import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Report = { verifyAuditChain: { ok: boolean; checkedEvents: number; firstBrokenEventId: string | null; problem: string | null } };
const VERIFY = '{ verifyAuditChain { ok checkedEvents firstBrokenEventId problem } }';

describe('audit trail', () => {
  it('records a mutation with actor, role, action, target and request id', async () => {
    const auditor = await t.login('auditor');
    const admin = await t.login('admin');
    await t.gql('mutation { issueSisApiKey(name: "audit me") { key } }', {}, admin);
    const r = await t.gql<{ auditEvents: { items: Record<string, unknown>[] } }>(
      '{ auditEvents(filter: { action: "sisKey.issue" }) { total items { actorLabel actorRoles action targetType requestId change hash prevHash } } }',
      {},
      auditor,
    );
    const event = r.data?.auditEvents.items[0];
    expect(event).toMatchObject({
      actorLabel: 'admin@demo.k12.example',
      actorRoles: ['STAFF', 'DISTRICT_ADMIN'],
      action: 'sisKey.issue',
      targetType: 'SisApiKey',
    });
    expect(event?.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(event?.change)).toContain('audit me');
  });

  it('is refused to staff and supervisors with FORBIDDEN', async () => {
    for (const who of ['teacher.north', 'principal.north', 'superintendent']) {
      const token = await t.login(who);
      expect(errorCode(await t.gql('{ auditEvents { total } }', {}, token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(VERIFY, {}, token))).toBe('FORBIDDEN');
    }
  });

  it('refuses UPDATE and DELETE on the audit table in the database itself', async () => {
    await expect(t.sql("update audit_event set action = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.sql('delete from audit_event')).rejects.toThrow(/append-only/);
  });

  it('verifyAuditChain reports an intact chain, then the first row tampered with by hand', async () => {
    const auditor = await t.login('auditor');
    for (const who of ['teacher.north', 'teacher.south', 'principal.high']) await t.login(who);
    const intact = await t.gql<Report>(VERIFY, {}, auditor);
    expect(intact.data?.verifyAuditChain).toMatchObject({ ok: true, problem: null });
    expect(intact.data?.verifyAuditChain.checkedEvents).toBeGreaterThan(3);

    const rows = await t.sql<{ id: string }>(
      "select id::text as id from audit_event where action = 'auth.devLogin' order by id limit 2",
    );
    const victim = rows[1]?.id;
    // Someone with superuser rights bypasses the trigger and edits a row.
    await t.sql(
      `begin; set local session_replication_role = replica;
       update audit_event set actor_label = 'someone-else@demo.k12.example' where id = ${victim};
       commit;`,
    );
    const broken = await t.gql<Report>(VERIFY, {}, auditor);
    expect(broken.data?.verifyAuditChain).toMatchObject({ ok: false, firstBrokenEventId: victim });
    expect(broken.data?.verifyAuditChain.problem).toMatch(/edited/);
  });
});
