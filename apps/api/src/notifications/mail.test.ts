import net from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { startSmtpCatcher } from '../../test/smtp.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startMail } from './mail.js';
import { enqueueNotifications } from './outbox.js';

/** Where mail goes without SMTP_URL, and how the dispatcher stops. */

function sink() {
  const out = { text: '' };
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out.text += chunk.toString();
      done();
    },
  });
  return { out, stream };
}

const draft = (n: number, body = `Body ${n}`) => ({
  purpose: 'TEST_NOTICE',
  subjectType: 'mail_test',
  subjectId: `s-${n}`,
  recipientEmail: `reader${n}@district.example`,
  subject: `Mail test ${n}`,
  text: body,
});

describe('without SMTP_URL', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('outside production, the API catches its own mail on loopback (a free port if SMTP_DEV_PORT is taken)', async () => {
    // Someone else already listens on the configured port.
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as net.AddressInfo).port;
    const logs = sink();
    try {
      const t = await startTestApp({ SMTP_DEV_PORT: String(takenPort), LOG_LEVEL: 'info' }, logs.stream);
      apps.push(t);
      const catcher = t.app.mail.catcher;
      expect(catcher).not.toBeNull();
      expect(catcher?.port).not.toBe(takenPort);
      expect(catcher?.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      expect(logs.out.text).toContain('development SMTP port was taken');

      await t.orm.em.fork().transactional((tx) => enqueueNotifications(tx, [draft(1, 'A private body')]));
      const got = await catcher?.waitFor((m) => m.subject === 'Mail test 1', 10_000);
      expect(got?.envelope.to).toEqual(['reader1@district.example']);
      expect(got?.text.trim()).toBe('A private body');
      // One line per message: recipient and subject, never the body.
      const line = logs.out.text.split('\n').find((l) => l.includes('mail caught'));
      expect(line).toContain('reader1@district.example');
      expect(line).toContain('Mail test 1');
      expect(logs.out.text).not.toContain('A private body');
    } finally {
      taken.close();
    }
  });

  it('in production, no catcher and no dispatcher: a clear warning, and notices stay queued', async () => {
    const t = await startTestApp();
    apps.push(t);
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: t.databaseUrl,
      TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
      CREDENTIAL_MASTER_KEY: `test1:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    const logs = sink();
    const mail = await startMail(config, t.orm, createLogger('info', logs.stream));
    expect(mail.dispatcher).toBeNull();
    expect(mail.catcher).toBeNull();
    expect(logs.out.text).toContain('SMTP_URL is not set');
    expect(JSON.parse(logs.out.text.split('\n')[0] as string).level).toBe(40); // warn
    await mail.stop();
  });
});

describe('stopping', () => {
  it('waits for a send in flight and records it before the app stops', async () => {
    const smtp = await startSmtpCatcher();
    smtp.setDelay(1_500);
    const t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' });
    try {
      const [id] = await t.orm.em.fork().transactional((tx) => enqueueNotifications(tx, [draft(2)]));
      // Claimed and talking to the (slow) server.
      for (let i = 0; i < 100; i++) {
        const [row] = await t.sql<{ lease_owner: string | null }>('select lease_owner from notification where id = $1', [id]);
        if (row?.lease_owner) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const started = Date.now();
      await t.app.stop();
      expect(Date.now() - started).toBeGreaterThan(700);
      expect(smtp.messages.map((m) => m.subject)).toEqual(['Mail test 2']);
      const [row] = await t.sql<{ status: string; lease_owner: string | null }>(
        'select status, lease_owner from notification where id = $1',
        [id],
      );
      expect(row).toEqual({ status: 'DELIVERED', lease_owner: null });
    } finally {
      await t.orm.close();
      await smtp.stop();
    }
  });
});
