import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

/**
 * The content of a case (a third-party post that may name a student), its notes and the asker's
 * contact never reach the logs, even at debug level, where MikroORM logs its SQL.
 */
let t: TestApp;
let logs = '';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs += chunk.toString();
      done();
    },
  });
  t = await startTestApp({ LOG_LEVEL: 'debug' }, sink);
});
afterAll(() => t.close());

describe('moderation and the logs', () => {
  it('opens, notes, removes and records a question without the content, the notes or the contact in any log line', async () => {
    const TEXT = 'Marisol Quintanilla-Ybarra is pregnant, everyone at Ralston High knows it.';
    const NOTE = 'Internal: we know the sender, a parent named Zebulon.';
    const CONTACT = 'zebulon.asker@example.org';
    const band = await t.login('band.high');
    const [account] = await t.sql<{ id: string }>(`select id from social_account where handle = 'RPS_band'`);
    const opened = await t.gql<{ openModerationCase: { id: string } }>(
      `mutation($id: ID!, $text: String!) { openModerationCase(input: { accountId: $id, snapshot: { kind: COMMENT,
         platformContentId: "log-1", text: $text } }) { id } }`,
      { id: account?.id, text: TEXT },
      band,
    );
    const id = opened.data?.openModerationCase.id as string;
    expect(id).toBeTruthy();
    await t.gql(`mutation($id: ID!, $b: String!) { addCaseNote(caseId: $id, body: $b, visibility: INTERNAL) { id } }`, { id, b: NOTE }, band);
    const removed = await t.gql(
      `mutation($id: ID!) { removeModeratedContent(caseId: $id, reasons: [PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION],
         explanation: "Discloses a student's private medical matter.") { id } }`,
      { id },
      band,
    );
    expect(removed.errors).toBeUndefined();
    await t.gql(
      `mutation($id: ID!, $c: String!) { askAboutRemoval(caseId: $id, input: { askerName: "Z", askerContact: $c, question: "Why?" }) { id } }`,
      { id, c: CONTACT },
      band,
    );
    expect(logs).toContain('moderation_snapshot (parameters withheld)'); // the SQL log really was captured
    for (const secret of ['Quintanilla', NOTE, CONTACT]) expect(logs).not.toContain(secret);
  });
});
