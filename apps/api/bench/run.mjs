// @ts-check
/**
 * `npm run bench`: the read-path benchmark (a script, not a test). See bench/README.md.
 *
 * Seeds a fresh embedded PostgreSQL at the documented scale, runs the built API
 * (`dist/main.js`, NODE_ENV=production) with real RS256 ID tokens from a loopback OIDC issuer,
 * warms up, then measures in interleaved rounds against a bare node:http + pg handler, paces an
 * open loop, counts SQL statements per request and soaks while sampling the API's RSS. Prints a
 * table and writes JSON to bench-results/. Everything listens on and talks to 127.0.0.1 only.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { closedLoop, median, mix, openLoop, windows } from './load.mjs';
import { startIssuer, TokenBox } from './oidc-issuer.mjs';
import {
  AccountPool,
  accountsList,
  accountWithHistory,
  acknowledgementRound,
  approvalsInbox,
  connectionAttestations,
  contentQuestions,
  moderationQueue,
  queryDrift,
  requiredInteractions,
  updateAccount,
} from './scenarios.mjs';
import { API_ROLE, BARE, DATABASE, migrateAndSeedDemo, SCALE, seedScaled, startDatabase } from './seed.mjs';
import { NODE_FLAGS } from '../dist/node-flags.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const API_MAIN = path.resolve(here, '../dist/main.js');
const BARE_MAIN = path.resolve(here, 'bare-handler.mjs');
const REPO = path.resolve(here, '../../..');

// --- settings --------------------------------------------------------------------------------
const QUICK = process.env.BENCH_QUICK === '1';
/** @param {string} name @param {number} normal @param {number} quick */
function knob(name, normal, quick) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return QUICK ? quick : normal;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number (got ${JSON.stringify(raw)})`);
    process.exit(2);
  }
  return value;
}
const S = {
  quick: QUICK,
  warmupS: knob('BENCH_WARMUP_S', 15, 3),
  roundS: knob('BENCH_ROUND_S', 10, 3),
  rounds: Math.max(1, Math.round(knob('BENCH_ROUNDS', 3, 1))),
  connections: Math.max(1, Math.round(knob('BENCH_CONNECTIONS', 50, 50))),
  pacedS: knob('BENCH_PACED_S', 20, 4),
  rate: Math.max(1, knob('BENCH_RATE', 100, 100)),
  soakS: knob('BENCH_SOAK_S', 600, 10),
  soakRate: Math.max(1, knob('BENCH_SOAK_RATE', 40, 40)),
  sqlN: Math.max(1, Math.round(knob('BENCH_SQL_N', 20, 5))),
  starts: Math.max(1, Math.round(knob('BENCH_STARTS', 3, 1))),
  outDir: path.resolve(process.env.BENCH_OUT_DIR || path.resolve(here, '../bench-results')),
};

const TARGETS = {
  listVsBare: 0.6,
  listP99VsBare: 2,
  pacedP99Ms: 30,
  sqlPerList: 2,
  peakRssMb: 250,
  soakSlopeMbPerMin: 1,
  startupMs: 2000,
};

/**
 * The lists whose SQL statements per request are judged: label, key at perPage 25, at 100, and
 * the most statements allowed. A list is its page and its total (TARGETS.sqlPerList); the
 * acknowledgement round's page is the dashboard's whole request, which reads the round with its
 * counts and the completion per school before its pending list (one statement each).
 * @type {[string, string, string, number][]}
 */
const SQL_LISTS = [
  ['accounts list', 'accountsList25', 'accountsList100', TARGETS.sqlPerList],
  ['inbox', 'inbox25', 'inbox100', TARGETS.sqlPerList],
  ['moderation queue', 'moderationQueue25', 'moderationQueue100', TARGETS.sqlPerList],
  ['acknowledgement round page', 'acknowledgementRound25', 'acknowledgementRound100', TARGETS.sqlPerList + 2],
  ['connection attestations', 'connectionAttestations25', 'connectionAttestations100', TARGETS.sqlPerList],
  ['required interactions', 'requiredInteractions25', 'requiredInteractions100', TARGETS.sqlPerList],
  ['questions about content', 'contentQuestions25', 'contentQuestions100', TARGETS.sqlPerList],
];

const abort = new AbortController();

// --- output helpers --------------------------------------------------------------------------
const began = performance.now();
const stamp = () => {
  const s = Math.round((performance.now() - began) / 1000);
  return `+${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
/** @param {...unknown} parts */
const say = (...parts) => {
  if (!abort.signal.aborted) console.log(`[bench ${stamp()}]`, ...parts);
};
/** Stops the run after a phase that Ctrl-C (or a failure) cut short. */
const guard = () => {
  if (abort.signal.aborted) throw new Error('aborted');
};
const ms = (/** @type {number} */ v) =>
  v === Number.POSITIVE_INFINITY ? 'timeout' : Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '-';
const num = (/** @type {number} */ v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const sleep = (/** @type {number} */ t) => new Promise((r) => setTimeout(r, t));

// --- processes and cleanup -------------------------------------------------------------------
/** @type {{ tmp?: string, db?: import('./seed.mjs').BenchDatabase, issuer?: import('./oidc-issuer.mjs').Issuer, observer?: pg.Client, api?: Child, bare?: Child }} */
const res = {};

/**
 * @typedef {{ proc: import('node:child_process').ChildProcess, name: string, output: string[], stopping: boolean }} Child
 */

/** @param {string} name @param {string} script @param {Record<string, string>} env */
function startChild(name, script, env) {
  // BENCH_PROFILE=1 writes a V8 CPU profile of the measured API into the results folder.
  const profile =
    process.env.BENCH_PROFILE === '1' && script === API_MAIN ? ['--cpu-prof', `--cpu-prof-dir=${S.outDir}`] : [];
  // The API runs with the heap settings `npm start` uses (src/node-flags.ts).
  const flags = script === API_MAIN ? NODE_FLAGS : [];
  const proc = spawn(process.execPath, [...flags, ...profile, script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** @type {Child} */
  const child = { proc, name, output: [], stopping: false };
  const keep = (/** @type {Buffer} */ chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) child.output.push(line);
    }
    if (child.output.length > 200) child.output.splice(0, child.output.length - 200);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  proc.on('exit', (code, signal) => {
    if (!child.stopping && !abort.signal.aborted) {
      console.error(`\n${name} exited unexpectedly (code ${code}, signal ${signal}). Its last output:`);
      console.error(child.output.slice(-30).join('\n'));
      void fail(new Error(`${name} exited unexpectedly`));
    }
  });
  return child;
}

/** @param {Child | undefined} child */
async function stopChild(child, graceMs = 15_000) {
  if (!child) return null;
  child.stopping = true;
  const { proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
  const exited = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** @type {Promise<void> | null} */
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    abort.abort();
    await Promise.allSettled([stopChild(res.api), stopChild(res.bare)]);
    await res.issuer?.close().catch(() => {});
    await res.observer?.end().catch(() => {});
    if (res.db) {
      // Bounded: PostgreSQL may already have stopped (Ctrl-C reaches the whole process group).
      await Promise.race([res.db.stop().catch(() => {}), sleep(10_000)]);
    }
    if (res.tmp) rmSync(res.tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

/** @param {unknown} error */
async function fail(error) {
  if (cleaning) return;
  console.error(`\n[bench] FAILED: ${error instanceof Error ? error.stack ?? error.message : error}`);
  await cleanup();
  process.exit(1);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    console.error(`\n[bench] ${signal}: stopping the API, the bare handler and PostgreSQL...`);
    void cleanup().then(() => process.exit(130));
  });
}
process.on('unhandledRejection', (error) => void fail(error));
process.on('uncaughtException', (error) => void fail(error));

// --- /proc readings --------------------------------------------------------------------------
/** @param {number | undefined} pid */
function procStatus(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (/** @type {string} */ key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: Number.NaN, hwmMb: Number.NaN };
  }
}
const TICKS = 100; // USER_HZ on Linux
/** CPU seconds (user + system) used so far by a process. @param {number | undefined} pid */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds used by PostgreSQL so far: the postmaster, its live children (backends, workers)
 * and the children it has reaped (cutime/cstime), so backends that exit are not lost.
 * @param {number | undefined} postmaster
 */
function pgCpuSeconds(postmaster) {
  if (!postmaster) return Number.NaN;
  /** @param {string} pid */
  const fields = (pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  try {
    const own = fields(String(postmaster));
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid) || pid === String(postmaster)) continue;
      try {
        const f = fields(pid);
        if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // gone meanwhile
      }
    }
    return ticks / TICKS;
  } catch {
    return Number.NaN;
  }
}

/** RSS of the API and the bare handler, sampled every second, labelled with the phase. */
let phase = 'setup';
/** @type {{ t: number, phase: string, api: number, bare: number }[]} */
const rssTimeline = [];
function startSampler() {
  const timer = setInterval(() => {
    rssTimeline.push({
      t: Math.round((performance.now() - began) / 100) / 10,
      phase,
      api: Math.round(procStatus(res.api?.proc.pid).rssMb * 10) / 10,
      bare: Math.round(procStatus(res.bare?.proc.pid).rssMb * 10) / 10,
    });
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}

// --- HTTP helpers ----------------------------------------------------------------------------
/** @param {string} url @param {number} timeoutMs */
async function waitReady(url, timeoutMs, /** @type {Child} */ child) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.proc.exitCode !== null) break;
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`${child.name} did not become ready at ${url}. Its last output:\n${child.output.slice(-30).join('\n')}`);
}

/**
 * One request of a scenario, checked. A new connection each time (no keep-alive), so a socket
 * the server closed while idle can never fail it.
 * @param {import('./load.mjs').Scenario} scenario
 * @returns {Promise<{ status: number, text: string, problem: string | null }>}
 */
function once(scenario) {
  const built = scenario.build();
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(scenario.path, scenario.origin), {
      method: 'POST',
      agent: false,
      headers: { ...built.headers, 'content-length': Buffer.byteLength(built.body) },
      timeout: 30_000,
    });
    req.on('timeout', () => req.destroy(new Error(`${scenario.name}: no answer in 30 s`)));
    req.on('error', (error) => {
      scenario.lost?.(built.ticket);
      reject(error);
    });
    req.on('response', (response) => {
      /** @type {Buffer[]} */
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status, text, problem: scenario.check(status, text, built.ticket) });
      });
    });
    req.end(built.body);
  });
}

// --- the run ---------------------------------------------------------------------------------
async function main() {
  const startedAt = new Date();
  const envAtStart = environment();
  const estimateS =
    40 + S.starts * 3 + S.warmupS * 1.4 + S.rounds * 5 * (S.roundS + 2) + 5 * (S.pacedS + 2) + S.soakS;
  say(
    `Steward read-path benchmark${QUICK ? ' (BENCH_QUICK: a smoke run, figures are not meaningful)' : ''}; ` +
      `about ${Math.ceil(estimateS / 60)} min. Ctrl-C stops it cleanly.`,
  );
  say(
    `settings: warm-up ${S.warmupS} s, ${S.rounds} rounds x ${S.roundS} s closed loop at ${S.connections} connections, ` +
      `open loop ${S.rate} req/s x ${S.pacedS} s, soak ${S.soakS} s at ${S.soakRate} req/s, SQL counted over ${S.sqlN} requests`,
  );
  const drift = queryDrift();
  if (drift.length) {
    say(`WARNING: the dashboard's queries changed since bench/scenarios.mjs copied them: ${drift.join(', ')}`);
  }

  // Database.
  res.tmp = mkdtempSync(path.join(os.tmpdir(), 'steward-bench-'));
  chmodSync(res.tmp, 0o755); // PostgreSQL runs as its own user when we are root
  say('starting a fresh embedded PostgreSQL...');
  res.db = await startDatabase(res.tmp);
  const db = res.db;
  say(`PostgreSQL on 127.0.0.1:${db.port}; pg_stat_statements ${db.statStatements ? 'available' : 'NOT shipped: statements are not counted'}`);
  const applied = await migrateAndSeedDemo(db.url('api'));
  say(`migrated (${applied.length} migrations) and seeded the demo district; scaling up...`);
  const seedStarted = performance.now();
  const seeded = await seedScaled(db.url('api'));
  const c = seeded.counts;
  say(
    `seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s: ${c.schools} schools, ${c.staff} staff, ` +
      `${c.socialAccounts} accounts (${c.affiliatedAccounts} affiliated), ${c.approvalRequests} approval requests ` +
      `(${c.approvalHistory} history rows, ${c.pendingRequests} pending); principal.high supervises ${c.principalHighStaff} ` +
      `staff and has ${c.principalHighPending} pending requests to decide`,
  );
  if (c.principalHighPending < 100) throw new Error('the inbox needs at least 100 pending requests (perPage 100)');
  say(
    `  and issue 13's lists: an acknowledgement round for ${c.acknowledgementRequired} staff, ${c.acknowledgementPending} ` +
      `not acknowledged (${c.acknowledgementReminders} reminders); ${c.connectionAttestations} connection attestations ` +
      `(${c.standingAttestations} standing); ${c.requiredInteractions} required interactions (${c.interactionConfirmations} ` +
      `confirmations); ${c.contentQuestions} questions about content (${c.contentQuestionMessages} messages)`,
  );
  for (const [what, n] of /** @type {const} */ ([
    ['moderation cases', c.moderationCases],
    ['pending acknowledgements', c.acknowledgementPending],
    ['standing attestations', c.standingAttestations],
    ['required interactions', c.requiredInteractions],
    ['questions about content', c.contentQuestions],
  ])) {
    if (n < 100) throw new Error(`the ${what} list needs at least 100 rows (perPage 100), seeded ${n}`);
  }

  res.observer = new pg.Client({ connectionString: db.url('observer') });
  await res.observer.connect();
  const observer = res.observer;
  // Identity.
  res.issuer = await startIssuer();
  const tokens = new TokenBox(res.issuer);
  const admin = { sub: 'bench-idp-admin', email: 'admin@demo.k12.example' };
  const principal = { sub: 'bench-idp-principal-high', email: 'principal.high@demo.k12.example' };
  const refreshTokens = async () => {
    await tokens.refresh(admin);
    await tokens.refresh(principal);
  };
  await refreshTokens();
  const adminToken = () => tokens.get(admin);
  const principalToken = () => tokens.get(principal);

  // Bare handler.
  res.bare = startChild('bare handler', BARE_MAIN, { BARE_DATABASE_URL: db.url('bare'), NODE_ENV: 'production' });
  const barePort = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bare handler did not print its port')), 15_000);
    res.bare?.proc.stdout?.on('data', (chunk) => {
      const m = /\{"port":(\d+)\}/.exec(String(chunk));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  const bareOrigin = `http://127.0.0.1:${barePort}`;
  await waitReady(`${bareOrigin}/readyz`, 15_000, res.bare);

  // The API, started S.starts times; startup = spawn to the first 200 from /readyz.
  const { freePort } = await import('../dist/db/embedded.js');
  const apiEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: db.url('api'),
    CREDENTIAL_MASTER_KEY: `bench1:${randomBytes(32).toString('base64')}`,
    TOKEN_SECRET: randomBytes(36).toString('base64url'),
    OIDC_ISSUER: res.issuer.issuer,
    OIDC_AUDIENCE: res.issuer.audience,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    DATA_DIR: path.join(res.tmp, 'api-data'),
  };
  // The first start after seeding may do one-time data work (e.g. scanning accounts registered
  // before a migration): timed and reported on its own, not counted as startup.
  say('first API start after seeding (one-time work, not counted as startup)...');
  const seededUpdatedAt = (await observer.query('select id, updated_at from social_account')).rows;
  let firstStartMs = Number.NaN;
  let restoredUpdatedAt = 0;
  {
    const port = await freePort();
    const t0 = performance.now();
    res.api = startChild('Steward API', API_MAIN, { ...apiEnv, PORT: String(port) });
    await waitReady(`http://127.0.0.1:${port}/readyz`, 120_000, res.api);
    firstStartMs = performance.now() - t0;
    await stopChild(res.api);
    res.api = undefined;
    // One-time work that saves accounts moves their updatedAt to now, which would collapse the
    // list's sort key into a few milliseconds; put back when each account last changed.
    const restored = await observer.query(
      `update social_account s set updated_at = t.u
         from unnest($1::uuid[], $2::timestamptz[]) as t(id, u)
        where s.id = t.id and s.updated_at is distinct from t.u`,
      [seededUpdatedAt.map((r) => r.id), seededUpdatedAt.map((r) => r.updated_at)],
    );
    if (restored.rowCount) await observer.query('analyze social_account');
    restoredUpdatedAt = restored.rowCount ?? 0;
    say(
      `  first start: ready in ${ms(firstStartMs)} ms` +
        (restoredUpdatedAt ? `; it changed updatedAt of ${restoredUpdatedAt} accounts, restored to the seeded values` : ''),
    );
  }
  /** @type {number[]} */
  const startups = [];
  let apiOrigin = '';
  for (let i = 1; i <= S.starts; i++) {
    const port = await freePort();
    apiOrigin = `http://127.0.0.1:${port}`;
    const t0 = performance.now();
    res.api = startChild('Steward API', API_MAIN, { ...apiEnv, PORT: String(port) });
    await waitReady(`${apiOrigin}/readyz`, 60_000, res.api);
    startups.push(performance.now() - t0);
    say(`API start ${i}/${S.starts}: ready in ${ms(startups[startups.length - 1])} ms`);
    if (i < S.starts) {
      await stopChild(res.api);
      res.api = undefined;
    }
  }
  const apiPid = res.api?.proc.pid;
  const barePid = res.bare.proc.pid;
  const stopSampler = startSampler();

  // Pools, read now: the API's startup work may have changed the rows (and their versions).
  const mutationPool = new AccountPool(
    (await observer.query(`select id, version from social_account where handle like 'bench\\_%' order by handle`)).rows,
  );
  const historyIds = (
    await observer.query(
      `select a.id from social_account a
       where (select count(*) from approval_request r where r.account_id = a.id) >= 2
       order by a.id limit 1000`,
    )
  ).rows.map((r) => r.id);
  const versionsOf = async (/** @type {string[]} */ ids) =>
    new Map(
      (await observer.query('select id, version from social_account where id = any($1::uuid[])', [ids])).rows.map(
        (r) => [r.id, r.version],
      ),
    );

  /**
   * Waits until the API has finished what a phase left in flight (a stopped closed loop leaves up
   * to one request per connection on the server), then reads the versions of the accounts whose
   * answers never came. Reading them any earlier would give a version about to change.
   */
  const settle = async () => {
    await sleep(1500);
    for (let quiet = 0, i = 0; quiet < 2 && i < 60; i++) {
      const { rows } = await observer.query(
        `select count(*)::int as busy from pg_stat_activity
          where usename = $1 and datname = $2 and state <> 'idle' and pid <> pg_backend_pid()`,
        [API_ROLE, DATABASE],
      );
      quiet = rows[0].busy === 0 ? quiet + 1 : 0;
      await sleep(250);
    }
    await mutationPool.reconcile(versionsOf);
  };

  // Scenarios.
  const steward = {
    list: accountsList({ name: 'steward list', origin: apiOrigin, token: adminToken }),
    list100: accountsList({ name: 'steward list perPage 100', origin: apiOrigin, token: adminToken, perPage: 100 }),
    inbox: approvalsInbox({ name: 'steward inbox', origin: apiOrigin, token: principalToken }),
    inbox100: approvalsInbox({ name: 'steward inbox perPage 100', origin: apiOrigin, token: principalToken, perPage: 100 }),
    one: accountWithHistory({ name: 'steward account+history', origin: apiOrigin, token: adminToken, ids: historyIds }),
    update: updateAccount({ name: 'steward updateSocialAccount', origin: apiOrigin, token: adminToken, pool: mutationPool }),
    queue: moderationQueue({ name: 'steward moderation queue', origin: apiOrigin, token: adminToken }),
    queue100: moderationQueue({ name: 'steward queue perPage 100', origin: apiOrigin, token: adminToken, perPage: 100 }),
    // Issue 13's lists, as the district admin (district-wide: the longest lists). Checked once and
    // counted for SQL statements, not in the timed rounds.
    ackRound: acknowledgementRound({ name: 'steward ack. round', origin: apiOrigin, token: adminToken, roundId: seeded.acknowledgementRoundId }),
    ackRound100: acknowledgementRound({ name: 'steward ack. round perPage 100', origin: apiOrigin, token: adminToken, roundId: seeded.acknowledgementRoundId, perPage: 100 }),
    attestations: connectionAttestations({ name: 'steward attestations', origin: apiOrigin, token: adminToken }),
    attestations100: connectionAttestations({ name: 'steward attestations perPage 100', origin: apiOrigin, token: adminToken, perPage: 100 }),
    interactions: requiredInteractions({ name: 'steward required interactions', origin: apiOrigin, token: adminToken }),
    interactions100: requiredInteractions({ name: 'steward interactions perPage 100', origin: apiOrigin, token: adminToken, perPage: 100 }),
    questions: contentQuestions({ name: 'steward content questions', origin: apiOrigin, token: adminToken }),
    questions100: contentQuestions({ name: 'steward questions perPage 100', origin: apiOrigin, token: adminToken, perPage: 100 }),
  };
  const bare = {
    list: accountsList({ name: 'bare list', origin: bareOrigin }),
    list100: accountsList({ name: 'bare list perPage 100', origin: bareOrigin, perPage: 100 }),
  };

  // First request of each: it must answer without errors before anything is measured.
  say('checking one request of each scenario...');
  for (const scenario of [bare.list, bare.list100, ...Object.values(steward)]) {
    const r = await once(scenario);
    if (r.problem) {
      console.error(`\n${scenario.name}: ${r.problem}\nHTTP ${r.status}: ${r.text.slice(0, 2000)}`);
      throw new Error(`${scenario.name} does not answer correctly; nothing was measured`);
    }
  }
  await mutationPool.reconcile(versionsOf);
  const sameRows = await compareLists(bare.list, steward.list);
  say(sameRows.same ? 'the bare handler and Steward answer the same 25 rows (identical JSON)' : `NOTE: ${sameRows.note}`);

  // Warm-up: every Steward scenario, then the bare handler.
  phase = 'warm-up';
  say(`warming up for ${S.warmupS} s (Steward, all scenarios in turn, ${S.connections} connections)...`);
  const warm = await closedLoop(mix('warm-up', [steward.list, steward.inbox, steward.one, steward.update]), {
    connections: S.connections,
    durationS: S.warmupS,
    signal: abort.signal,
  });
  say(`  warm-up Steward: ${num(warm.rps)} ok req/s, ${warm.non2xx + warm.bad + warm.errors} failed`);
  const bareWarm = await closedLoop(bare.list, {
    connections: S.connections,
    durationS: Math.max(2, Math.round(S.warmupS / 3)),
    signal: abort.signal,
  });
  guard();
  say(`  warm-up bare: ${num(bareWarm.rps)} ok req/s`);
  await settle();

  // SQL statements per request, on a quiet system.
  phase = 'sql-count';
  /** @type {Record<string, any>} */
  const sql = {};
  if (db.statStatements) {
    say(`counting SQL statements per request (pg_stat_statements, ${S.sqlN} sequential requests each)...`);
    /** @type {[string, import('./load.mjs').Scenario, string][]} */
    const kinds = [
      ['accountsList25', steward.list, API_ROLE],
      ['accountsList100', steward.list100, API_ROLE],
      ['inbox25', steward.inbox, API_ROLE],
      ['inbox100', steward.inbox100, API_ROLE],
      ['accountWithHistory', steward.one, API_ROLE],
      ['updateSocialAccount', steward.update, API_ROLE],
      ['moderationQueue25', steward.queue, API_ROLE],
      ['moderationQueue100', steward.queue100, API_ROLE],
      ['acknowledgementRound25', steward.ackRound, API_ROLE],
      ['acknowledgementRound100', steward.ackRound100, API_ROLE],
      ['connectionAttestations25', steward.attestations, API_ROLE],
      ['connectionAttestations100', steward.attestations100, API_ROLE],
      ['requiredInteractions25', steward.interactions, API_ROLE],
      ['requiredInteractions100', steward.interactions100, API_ROLE],
      ['contentQuestions25', steward.questions, API_ROLE],
      ['contentQuestions100', steward.questions100, API_ROLE],
      ['bareList25', bare.list, BARE],
      ['bareList100', bare.list100, BARE],
    ];
    for (const [key, scenario, user] of kinds) {
      sql[key] = await countStatements(observer, scenario, user, S.sqlN);
      say(`  ${scenario.name.padEnd(30)} ${num(sql[key].perRequest, 2)} statements per request${sql[key].failures ? ` (${sql[key].failures} requests failed)` : ''}`);
    }
    await mutationPool.reconcile(versionsOf);
  }

  // Closed loop, interleaved rounds.
  /** @type {Record<string, any[]>} */
  const closed = { bare: [], list: [], inbox: [], one: [], update: [] };
  /** @type {{ round: number, apiRssMb: number }[]} */
  const roundRss = [];
  const closedOrder = /** @type {const} */ ([
    ['bare', bare.list, barePid],
    ['list', steward.list, apiPid],
    ['inbox', steward.inbox, apiPid],
    ['one', steward.one, apiPid],
    ['update', steward.update, apiPid],
  ]);
  for (let round = 1; round <= S.rounds; round++) {
    for (const [key, scenario, pid] of closedOrder) {
      phase = `closed-${round}-${key}`;
      await refreshTokens();
      const cpu0 = cpuSeconds(pid);
      const db0 = pgCpuSeconds(db.pid());
      const gen0 = process.cpuUsage();
      const r = await closedLoop(scenario, { connections: S.connections, durationS: S.roundS, signal: abort.signal });
      guard();
      const perOk = (/** @type {number} */ seconds) => (seconds * 1000) / Math.max(1, r.ok);
      r.cpuMsPerOk = perOk(cpuSeconds(pid) - cpu0);
      r.dbCpuMsPerOk = perOk(pgCpuSeconds(db.pid()) - db0);
      const gen = process.cpuUsage(gen0);
      r.loadGenCpuMsPerOk = perOk((gen.user + gen.system) / 1e6);
      r.round = round;
      closed[key].push(r);
      say(
        `round ${round}/${S.rounds} ${scenario.name.padEnd(28)} ${num(r.rps).padStart(6)} ok req/s  p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms` +
          `  non2xx ${r.non2xx} bad ${r.bad} errors ${r.errors}`,
      );
      await settle();
    }
    roundRss.push({ round, apiRssMb: procStatus(apiPid).rssMb });
    say(`round ${round}: API RSS ${num(procStatus(apiPid).rssMb)} MB`);
  }

  // Open loop, evenly paced.
  /** @type {Record<string, any>} */
  const open = {};
  for (const [key, scenario] of /** @type {const} */ ([
    ['bare', bare.list],
    ['list', steward.list],
    ['inbox', steward.inbox],
    ['one', steward.one],
    ['update', steward.update],
  ])) {
    phase = `open-${key}`;
    await refreshTokens();
    const r = await openLoop(scenario, { rate: S.rate, durationS: S.pacedS, signal: abort.signal });
    guard();
    const { latencies: _l, ...summary } = r;
    open[key] = summary;
    say(
      `paced ${S.rate} req/s ${scenario.name.padEnd(28)} p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  max ${ms(r.max)} ms` +
        `  ok ${r.ok}/${r.scheduled}  max in flight ${r.maxInFlight}`,
    );
    await settle();
  }

  // Soak.
  /** @type {Record<string, any>} */
  let soak = { skipped: true };
  if (S.soakS > 0) {
    phase = 'soak';
    await refreshTokens();
    say(`soak: ${S.soakS} s at ${S.soakRate} req/s (list, inbox, account+history in turn, every 10th an update), RSS every second...`);
    const soakStart = performance.now();
    const progress = setInterval(() => {
      const el = Math.round((performance.now() - soakStart) / 1000);
      say(`  soak ${el}/${S.soakS} s, API RSS ${num(procStatus(apiPid).rssMb)} MB`);
    }, 60_000);
    const mixed = mix('soak mix', [
      steward.list, steward.inbox, steward.one,
      steward.list, steward.inbox, steward.one,
      steward.list, steward.inbox, steward.one,
      steward.update,
    ]);
    let r;
    try {
      r = await openLoop(mixed, { rate: S.soakRate, durationS: S.soakS, signal: abort.signal });
    } finally {
      clearInterval(progress);
    }
    guard();
    await mutationPool.reconcile(versionsOf);
    const { latencies, ...summary } = r;
    const samples = rssTimeline.filter((x) => x.phase === 'soak');
    soak = {
      ...summary,
      ...rssStats(samples, S.soakS),
      rssPerMinute: rssWindows(samples, 60),
      perMinute: windows(latencies, S.soakRate, 60),
    };
    say(
      `soak: p50 ${ms(r.p50)} ms p99 ${ms(r.p99)} ms, ok ${r.ok}/${r.scheduled}; RSS start ${num(soak.startMb)} MB, ` +
        `peak ${num(soak.peakMb)} MB, end ${num(soak.endMb)} MB, last-half slope ${num(soak.slopeMbPerMin, 2)} MB/min`,
    );
  }

  phase = 'end';
  const apiMem = procStatus(apiPid);
  const bareMem = procStatus(barePid);
  stopSampler();
  const apiSamples = rssTimeline.filter((x) => Number.isFinite(x.api));
  const memory = {
    apiStartMb: apiSamples[0]?.api ?? Number.NaN,
    apiPeakSampledMb: Math.max(...apiSamples.map((x) => x.api)),
    apiPeakHwmMb: apiMem.hwmMb,
    apiEndMb: apiMem.rssMb,
    bareHwmMb: bareMem.hwmMb,
    perRound: roundRss,
    /** Highest sampled API RSS per stage. */
    peakByStage: peakByStage(apiSamples),
  };

  // Shut down cleanly (the API drains; PostgreSQL stops; the temp dir goes).
  say('stopping the API, the bare handler and PostgreSQL...');
  const apiExit = await stopChild(res.api);
  await cleanup();

  // Results.
  const med = (/** @type {any[]} */ rs, /** @type {string} */ k) => median(rs.map((r) => r[k]));
  /** @type {Record<string, any>} */
  const closedSummary = {};
  for (const [key, rs] of Object.entries(closed)) {
    closedSummary[key] = {
      scenario: rs[0]?.scenario,
      rps: med(rs, 'rps'),
      p50: med(rs, 'p50'),
      p99: med(rs, 'p99'),
      cpuMsPerOk: med(rs, 'cpuMsPerOk'),
      dbCpuMsPerOk: med(rs, 'dbCpuMsPerOk'),
      loadGenCpuMsPerOk: med(rs, 'loadGenCpuMsPerOk'),
      non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
      bad: rs.reduce((a, r) => a + r.bad, 0),
      errors: rs.reduce((a, r) => a + r.errors, 0),
      problems: Object.assign({}, ...rs.map((r) => r.problems)),
    };
  }
  const startupMs = median(startups);
  const targets = evaluateTargets({ closedSummary, open, sql, memory, soak, startupMs });

  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: S,
    environment: {
      ...envAtStart,
      loadAverageAtEnd: os.loadavg(),
      distRebuiltDuringRun: environment().distBuiltAt !== envAtStart.distBuiltAt,
    },
    scale: { target: SCALE, seeded: c },
    sameRowsAsBare: sameRows,
    queryDrift: drift,
    startup: { medianMs: startupMs, allMs: startups, firstStartAfterSeedMs: firstStartMs, restoredUpdatedAt },
    apiExitCode: apiExit,
    warmup: { steward: strip(warm), bare: strip(bareWarm) },
    sql,
    closed: { summary: closedSummary, rounds: closed },
    open,
    soak,
    memory,
    rssTimeline,
    targets,
  };
  mkdirSync(S.outDir, { recursive: true });
  const file = path.join(S.outDir, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(results, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(path.join(S.outDir, 'latest.json'), json);
  printReport(results);
  say(`results: ${path.relative(process.cwd(), file)} (and latest.json beside it)`);
}

/** @param {{ phase: string, api: number }[]} samples */
function peakByStage(samples) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const s of samples) {
    const stage = s.phase.replace(/-\d+-.*$/, '').replace(/^open-.*/, 'open');
    out[stage] = Math.max(out[stage] ?? 0, s.api);
  }
  return out;
}

/** @param {any} r */
function strip(r) {
  const { latencies: _l, ...rest } = r;
  return rest;
}

/**
 * Do the two lists answer the same rows with the same JSON?
 * @param {import('./load.mjs').Scenario} a @param {import('./load.mjs').Scenario} b
 */
async function compareLists(a, b) {
  const [x, y] = [await once(a), await once(b)];
  const ix = JSON.parse(x.text).data.socialAccounts;
  const iy = JSON.parse(y.text).data.socialAccounts;
  const idsX = ix.items.map((/** @type {any} */ i) => i.id).join();
  const idsY = iy.items.map((/** @type {any} */ i) => i.id).join();
  if (idsX !== idsY) {
    const i = ix.items.findIndex((/** @type {any} */ item, /** @type {number} */ k) => item.id !== iy.items[k]?.id);
    const show = (/** @type {any} */ item) => (item ? `${item.id} updatedAt ${item.updatedAt}` : 'none');
    return {
      same: false,
      note: `the bare handler and Steward answered different rows: row ${i + 1} is ${show(ix.items[i])} (bare) vs ${show(iy.items[i])} (Steward)`,
    };
  }
  if (JSON.stringify(ix) === JSON.stringify(iy)) return { same: true, note: null };
  const fieldDiff = Object.keys(iy.items[0]).filter(
    (k) => JSON.stringify(ix.items[0][k]) !== JSON.stringify(iy.items[0][k]),
  );
  return {
    same: false,
    note: `same rows, but the JSON differs (total ${ix.total} vs ${iy.total}; fields: ${fieldDiff.join(', ') || 'order'})`,
  };
}

/**
 * Resets pg_stat_statements, sends n requests one after another, sums the calls of the statements
 * the given role ran in the bench database.
 * @param {pg.Client} observer @param {import('./load.mjs').Scenario} scenario @param {string} user @param {number} n
 */
async function countStatements(observer, scenario, user, n) {
  // Two unmeasured requests first, so the pool has its connection (a new one runs a SET).
  await once(scenario);
  await once(scenario);
  await observer.query('select pg_stat_statements_reset()');
  let failures = 0;
  for (let i = 0; i < n; i++) {
    if ((await once(scenario)).problem) failures += 1;
  }
  const { rows } = await observer.query(
    `select s.query, s.calls::int as calls
       from pg_stat_statements s
       join pg_roles r on r.oid = s.userid
       join pg_database d on d.oid = s.dbid
      where r.rolname = $1 and d.datname = $2 and s.toplevel
      order by s.calls desc, s.query`,
    [user, DATABASE],
  );
  const total = rows.reduce((a, r) => a + r.calls, 0);
  return {
    role: user,
    requests: n,
    failures,
    statements: total,
    perRequest: total / n,
    breakdown: rows.map((r) => ({
      perRequest: r.calls / n,
      occasional: r.calls < n,
      query: r.query.replace(/\s+/g, ' ').slice(0, 160),
    })),
  };
}

/**
 * RSS over the soak: start, peak, end, and the least-squares slope over its second half.
 * @param {{ t: number, api: number }[]} samples @param {number} soakS
 */
function rssStats(samples, soakS) {
  const valid = samples.filter((s) => Number.isFinite(s.api));
  if (valid.length < 2) return { startMb: Number.NaN, peakMb: Number.NaN, endMb: Number.NaN, slopeMbPerMin: Number.NaN };
  const t0 = valid[0].t;
  const half = valid.filter((s) => s.t - t0 >= soakS / 2);
  const pts = half.length >= 2 ? half : valid;
  const mt = pts.reduce((a, s) => a + s.t, 0) / pts.length;
  const mr = pts.reduce((a, s) => a + s.api, 0) / pts.length;
  const cov = pts.reduce((a, s) => a + (s.t - mt) * (s.api - mr), 0);
  const varT = pts.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  return {
    startMb: valid[0].api,
    peakMb: Math.max(...valid.map((s) => s.api)),
    endMb: valid[valid.length - 1].api,
    slopeMbPerMin: varT ? (cov / varT) * 60 : 0,
    samples: valid.length,
  };
}

/**
 * Lowest and highest RSS per window: a rising floor (the lowest, after collections) is what a leak
 * looks like; the highs follow the garbage collector's cycles.
 * @param {{ t: number, api: number }[]} samples @param {number} windowS
 */
function rssWindows(samples, windowS) {
  const valid = samples.filter((s) => Number.isFinite(s.api));
  if (valid.length === 0) return [];
  const t0 = valid[0].t;
  /** @type {{ fromS: number, minMb: number, maxMb: number }[]} */
  const out = [];
  for (const s of valid) {
    const k = Math.floor((s.t - t0) / windowS);
    out[k] ??= { fromS: k * windowS, minMb: s.api, maxMb: s.api };
    out[k].minMb = Math.min(out[k].minMb, s.api);
    out[k].maxMb = Math.max(out[k].maxMb, s.api);
  }
  return out.filter(Boolean);
}

/** @param {{ closedSummary: Record<string, any>, open: Record<string, any>, sql: Record<string, any>, memory: any, soak: any, startupMs: number }} r */
function evaluateTargets(r) {
  const bare = r.closedSummary.bare;
  const list = r.closedSummary.list;
  const ratio = list.rps / bare.rps;
  const p99Ratio = list.p99 / bare.p99;
  /** @type {{ target: string, value: string, pass: boolean | null }[]} */
  const out = [];
  const add = (/** @type {string} */ target, /** @type {string} */ value, /** @type {boolean | null} */ pass) =>
    out.push({ target, value, pass });
  add(`list throughput >= ${TARGETS.listVsBare}x bare (${S.connections} conn)`, `${num(ratio, 2)}x`, ratio >= TARGETS.listVsBare);
  add(`list p99 <= ${TARGETS.listP99VsBare}x bare p99 (${S.connections} conn)`, `${num(p99Ratio, 2)}x (${ms(list.p99)} vs ${ms(bare.p99)} ms)`, p99Ratio <= TARGETS.listP99VsBare);
  for (const key of ['list', 'inbox']) {
    const o = r.open[key];
    const clean = o.non2xx + o.bad + o.errors === 0;
    add(
      `paced ${S.rate} req/s p99 < ${TARGETS.pacedP99Ms} ms, ${key}`,
      `${ms(o.p99)} ms${clean ? '' : ` (${o.non2xx + o.bad + o.errors} failed)`}`,
      o.p99 < TARGETS.pacedP99Ms && clean,
    );
  }
  for (const [label, a, b, limit] of SQL_LISTS) {
    const x = r.sql[a];
    const y = r.sql[b];
    if (!x || !y) {
      add(`SQL per ${label} request <= ${limit}, same at 25 and 100 rows`, 'not counted', null);
      continue;
    }
    const same = Math.round(x.perRequest) === Math.round(y.perRequest);
    add(
      `SQL per ${label} request <= ${limit}, same at 25 and 100 rows`,
      `${num(x.perRequest, 2)} / ${num(y.perRequest, 2)}`,
      Math.round(x.perRequest) <= limit && Math.round(y.perRequest) <= limit && same,
    );
  }
  add(`peak RSS < ${TARGETS.peakRssMb} MB (VmHWM)`, `${num(r.memory.apiPeakHwmMb)} MB`, r.memory.apiPeakHwmMb < TARGETS.peakRssMb);
  add(
    `RSS flat over the soak (last-half slope < ${TARGETS.soakSlopeMbPerMin} MB/min)`,
    r.soak.skipped ? 'no soak' : `${num(r.soak.slopeMbPerMin, 2)} MB/min over ${S.soakS} s`,
    r.soak.skipped ? null : r.soak.slopeMbPerMin < TARGETS.soakSlopeMbPerMin,
  );
  add(`startup to ready < ${TARGETS.startupMs} ms`, `${ms(r.startupMs)} ms`, r.startupMs < TARGETS.startupMs);
  return out;
}

function environment() {
  /** @param {string[]} args */
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const dirty = git(['status', '--porcelain', '--', 'apps/api/src']);
  let distBuiltAt = null;
  try {
    distBuiltAt = statSync(API_MAIN).mtime.toISOString();
  } catch {
    // not built
  }
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg(),
    commit: git(['rev-parse', '--short', 'HEAD']),
    uncommittedApiSrcFiles: dirty === null ? null : dirty.split('\n').filter(Boolean).length,
    distBuiltAt,
  };
}

/** @param {any} r */
function printReport(r) {
  const lines = [];
  const pad = (/** @type {unknown} */ v, /** @type {number} */ w) => String(v).padStart(w);
  const c = r.scale.seeded;
  lines.push('');
  lines.push(`== Steward read-path benchmark ${r.startedAt}${r.settings.quick ? '  (BENCH_QUICK smoke run)' : ''}`);
  lines.push(
    `node ${r.environment.node}, ${r.environment.cpus} cores, commit ${r.environment.commit}` +
      `${r.environment.uncommittedApiSrcFiles ? ` + ${r.environment.uncommittedApiSrcFiles} uncommitted files in apps/api/src` : ''}` +
      `, dist built ${r.environment.distBuiltAt}; load average ${r.environment.loadAverage.map((/** @type {number} */ x) => x.toFixed(1)).join(' ')} at start, ` +
      `${r.environment.loadAverageAtEnd.map((/** @type {number} */ x) => x.toFixed(1)).join(' ')} at end`,
  );
  lines.push(
    `data: ${c.schools} schools, ${c.staff} staff, ${c.socialAccounts} accounts, ${c.approvalRequests} approval requests ` +
      `(${c.approvalHistory} history rows); inbox of principal.high: ${c.principalHighPending} pending`,
  );
  if (c.contentQuestions !== undefined) {
    lines.push(
      `      ${c.moderationCases} moderation cases; acknowledgement round for ${c.acknowledgementRequired} staff, ` +
        `${c.acknowledgementPending} pending; ${c.standingAttestations} standing attestations; ${c.requiredInteractions} ` +
        `required interactions; ${c.contentQuestions} questions about content (${c.contentQuestionMessages} messages)`,
    );
  }
  if (r.environment.distRebuiltDuringRun) {
    lines.push('NOTE: apps/api/dist was rebuilt during the run; the API measured is the build present when it started.');
  }
  lines.push(`bare handler vs Steward list: ${r.sameRowsAsBare.same ? 'same rows, identical JSON' : r.sameRowsAsBare.note}`);
  lines.push('');
  lines.push(`Closed loop, ${r.settings.connections} connections, ${r.settings.rounds} interleaved rounds x ${r.settings.roundS} s (medians)`);
  lines.push(`${'scenario'.padEnd(30)}${pad('ok req/s', 10)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('vs bare', 9)}${pad('CPU ms/req', 12)}${pad('PG CPU', 8)}${pad('non2xx', 8)}${pad('bad', 6)}${pad('errors', 8)}`);
  const bareRps = r.closed.summary.bare.rps;
  for (const key of ['bare', 'list', 'inbox', 'one', 'update']) {
    const s = r.closed.summary[key];
    lines.push(
      `${String(s.scenario).padEnd(30)}${pad(num(s.rps), 10)}${pad(ms(s.p50), 9)}${pad(ms(s.p99), 9)}` +
        `${pad(key === 'bare' ? '1.00x' : key === 'list' ? `${num(s.rps / bareRps, 2)}x` : '', 9)}` +
        `${pad(num(s.cpuMsPerOk, 1), 12)}${pad(num(s.dbCpuMsPerOk, 1), 8)}${pad(s.non2xx, 8)}${pad(s.bad, 6)}${pad(s.errors, 8)}`,
    );
  }
  lines.push('  (CPU ms/req: the server process, user + system, per answered request; PG CPU: all of PostgreSQL)');
  lines.push('');
  lines.push(`Open loop, ${r.settings.rate} req/s evenly paced, ${r.settings.pacedS} s each (latency from the scheduled send time)`);
  lines.push(`${'scenario'.padEnd(30)}${pad('ok/sched', 12)}${pad('p50 ms', 9)}${pad('p90 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}${pad('in flight', 11)}${pad('non2xx', 8)}${pad('bad', 6)}${pad('errors', 8)}`);
  for (const key of ['bare', 'list', 'inbox', 'one', 'update']) {
    const o = r.open[key];
    lines.push(
      `${String(o.scenario).padEnd(30)}${pad(`${o.ok}/${o.scheduled}`, 12)}${pad(ms(o.p50), 9)}${pad(ms(o.p90), 9)}${pad(ms(o.p99), 9)}` +
        `${pad(ms(o.max), 9)}${pad(o.maxInFlight, 11)}${pad(o.non2xx, 8)}${pad(o.bad, 6)}${pad(o.errors, 8)}`,
    );
  }
  lines.push('');
  if (Object.keys(r.sql).length) {
    lines.push(`SQL statements per request (pg_stat_statements, ${r.settings.sqlN} sequential requests each, top-level statements)`);
    const rows = [
      ['accounts list, perPage 25 / 100', 'accountsList25', 'accountsList100'],
      ['inbox, perPage 25 / 100', 'inbox25', 'inbox100'],
      ['account + history', 'accountWithHistory', null],
      ['updateSocialAccount', 'updateSocialAccount', null],
      ['moderation queue, perPage 25 / 100', 'moderationQueue25', 'moderationQueue100'],
      ['ack. round page, pending 25 / 100', 'acknowledgementRound25', 'acknowledgementRound100'],
      ['connection attestations, 25 / 100', 'connectionAttestations25', 'connectionAttestations100'],
      ['required interactions, 25 / 100', 'requiredInteractions25', 'requiredInteractions100'],
      ['questions about content, 25 / 100', 'contentQuestions25', 'contentQuestions100'],
      ['bare list, perPage 25 / 100', 'bareList25', 'bareList100'],
    ];
    for (const [label, a, b] of rows) {
      const x = r.sql[/** @type {string} */ (a)];
      const y = b ? r.sql[b] : null;
      if (!x) continue;
      lines.push(`${String(label).padEnd(36)}${pad(num(x.perRequest, 2), 7)}${y ? ` / ${num(y.perRequest, 2)}` : ''}`);
    }
    for (const [label, key] of [
      ['accounts list (perPage 25)', 'accountsList25'],
      ['inbox (perPage 25)', 'inbox25'],
      ['acknowledgement round page (pending perPage 25)', 'acknowledgementRound25'],
      ['connection attestations (perPage 25)', 'connectionAttestations25'],
      ['required interactions (perPage 25)', 'requiredInteractions25'],
      ['questions about content (perPage 25)', 'contentQuestions25'],
    ]) {
      if (!r.sql[key]) continue;
      lines.push(`  ${label}, statement by statement:`);
      for (const b of r.sql[key].breakdown) {
        lines.push(`    ${num(b.perRequest, 2).padStart(5)}${b.occasional ? '*' : ' '} ${b.query.slice(0, 110)}`);
      }
    }
    lines.push('  (* fewer than one per request: background work such as the expiry sweep, or a new pool connection)');
    lines.push('');
  }
  const m = r.memory;
  lines.push(
    `API memory: RSS ${num(m.apiStartMb)} MB after start, peak ${num(m.apiPeakSampledMb)} MB sampled / ${num(m.apiPeakHwmMb)} MB VmHWM, ` +
      `${num(m.apiEndMb)} MB at the end; per round: ${m.perRound.map((/** @type {any} */ x) => num(x.apiRssMb)).join(', ')} MB (bare handler VmHWM ${num(m.bareHwmMb)} MB)`,
  );
  lines.push(
    `API RSS peak by stage: ${Object.entries(m.peakByStage).map(([k, v]) => `${k} ${num(/** @type {number} */ (v))}`).join(', ')} MB`,
  );
  if (!r.soak.skipped) {
    lines.push(
      `soak ${r.settings.soakS} s at ${r.settings.soakRate} req/s (mixed): RSS start ${num(r.soak.startMb)}, peak ${num(r.soak.peakMb)}, ` +
        `end ${num(r.soak.endMb)} MB, last-half slope ${num(r.soak.slopeMbPerMin, 2)} MB/min; latency p50 ${ms(r.soak.p50)} ms, ` +
        `p99 ${ms(r.soak.p99)} ms, ok ${r.soak.ok}/${r.soak.scheduled}, non2xx ${r.soak.non2xx}, bad ${r.soak.bad}, errors ${r.soak.errors}`,
    );
    lines.push(
      `  soak RSS per minute (lowest-highest MB): ${r.soak.rssPerMinute.map((/** @type {any} */ w) => `${num(w.minMb)}-${num(w.maxMb)}`).join(', ')}`,
    );
  }
  lines.push(
    `startup to /readyz: ${ms(r.startup.medianMs)} ms (median of ${r.startup.allMs.length}: ${r.startup.allMs.map(ms).join(', ')}); ` +
      `first start after seeding (one-time work) ${ms(r.startup.firstStartAfterSeedMs)} ms`,
  );
  lines.push('');
  lines.push('Targets');
  for (const t of r.targets) {
    lines.push(`  ${(t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'MISS').padEnd(5)} ${t.target.padEnd(74)} ${t.value}`);
  }
  const problems = new Map();
  for (const group of [r.closed.rounds, r.open]) {
    for (const v of Object.values(group).flat()) {
      for (const [p, n] of Object.entries(/** @type {any} */ (v).problems ?? {})) problems.set(p, (problems.get(p) ?? 0) + n);
    }
  }
  for (const [p, n] of Object.entries(r.soak.problems ?? {})) problems.set(p, (problems.get(p) ?? 0) + n);
  if (problems.size) {
    lines.push('');
    lines.push('Failed responses (all phases):');
    for (const [p, n] of problems) lines.push(`  ${String(n).padStart(6)}  ${p}`);
  }
  lines.push('');
  console.log(lines.join('\n'));
}

main().then(
  () => process.exit(0),
  (error) => fail(error),
);
