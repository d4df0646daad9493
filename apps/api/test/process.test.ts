import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/db/embedded.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

/**
 * The product as a user starts it: the built server with no DATABASE_URL, so it starts its own
 * embedded PostgreSQL, migrates, seeds, serves, and on SIGTERM drains and stops everything.
 */
describe('the built server process', () => {
  it('starts with an embedded database, becomes ready, and shuts down cleanly on SIGTERM', async () => {
    expect(existsSync(MAIN), 'build the API first (turbo does it before tests)').toBe(true);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'steward-process-'));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port) };
    env.NODE_ENV = 'development';
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [MAIN], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let ready = false;
      for (let i = 0; i < 120 && !ready; i++) {
        await new Promise((r) => setTimeout(r, 500));
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      }
      expect(ready, output).toBe(true);
      expect(output).toContain('principal.north@demo.k12.example');
      expect(output).toMatch(/SIS API key[^\n]*\n\s+stw_sis_/);
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
      expect(code, output).toBe(0);
      expect(output).toContain('HTTP drained');
      expect(output).toContain('"msg":"stopped"');
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
