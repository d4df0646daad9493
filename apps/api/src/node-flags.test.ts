import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from './node-flags.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('the heap settings the API runs with', () => {
  it('are on the command line of `npm start`', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(here, '../package.json'), 'utf8'));
    const start: string = pkg.scripts.start;
    for (const flag of NODE_FLAGS) expect(start.split(' ')).toContain(flag);
    expect(start).toMatch(/ dist\/main\.js$/);
  });

  it('are accepted by this Node (an unknown flag would stop the API from starting)', () => {
    const seen = execFileSync(process.execPath, [...NODE_FLAGS, '-e', 'process.stdout.write(process.execArgv.slice(0, -2).join(" "))'], {
      encoding: 'utf8',
    });
    expect(seen).toBe(NODE_FLAGS.join(' '));
    const bad = () => execFileSync(process.execPath, ['--no-such-heap-flag', '-e', '0'], { stdio: 'pipe' });
    expect(bad).toThrow();
  });
});
