// @ts-check
/**
 * `npm run bench:sis`: SIS sync throughput (a script, not a test). See bench/README.md.
 *
 * Starts a fresh embedded PostgreSQL, migrates and seeds the demo district, runs the built API
 * (`dist/main.js`, NODE_ENV=production) and, over real HTTP with an SIS key, syncs 50,000
 * students and then 50,000 media releases in batches of 5,000 (the API's limit) into the empty
 * tables, two calls in flight at a time (`BENCH_SIS_IN_FLIGHT`); then sends the same batches again
 * unchanged. As the limit, the same rows are loaded
 * with PostgreSQL `COPY` into an unlogged staging table in the same run. Reports records per
 * second, the ratio to COPY, the CPU time the API process and PostgreSQL spent per batch (less
 * sensitive to other work on the machine than the rates), and the API's memory: its RSS sampled
 * every 20 ms (the peak of each run, and whether the peak grows from batch to batch) and the
 * kernel's high-water mark (`VmHWM`). Prints a table and writes JSON to bench-results/. Talks to
 * 127.0.0.1 only.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateAndSeedDemo, startDatabase } from './seed.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const API_MAIN = path.resolve(here, '../dist/main.js');
const QUICK = process.env.BENCH_QUICK === '1';
const RECORDS = Number(process.env.BENCH_SIS_RECORDS ?? (QUICK ? 10_000 : 50_000));
const BATCH = 5_000;
/**
 * Sync calls in flight at once, as an SIS client should send them: a call's time is mostly
 * PostgreSQL's, so with two the API reads and checks the next batch while PostgreSQL writes the
 * previous one, on the other core. `BENCH_SIS_IN_FLIGHT=1` sends each batch after the previous
 * answer.
 */
const IN_FLIGHT = Number(process.env.BENCH_SIS_IN_FLIGHT ?? 2);
if (!Number.isInteger(IN_FLIGHT) || IN_FLIGHT < 1 || IN_FLIGHT > 8) {
  console.error('BENCH_SIS_IN_FLIGHT must be a whole number from 1 to 8');
  process.exit(2);
}
const OUT = path.resolve(process.env.BENCH_OUT_DIR || path.resolve(here, '../bench-results'));

const SYNC_STUDENTS = `mutation($r: [StudentSyncRecord!]!) { syncStudents(records: $r) {
  received created updated unchanged failed errors { index message } } }`;
const SYNC_RELEASES = `mutation($r: [MediaReleaseSyncRecord!]!) { syncMediaReleases(records: $r) {
  received created updated unchanged failed errors { index message } } }`;

const SCHOOLS = ['org-north', 'org-south', 'org-high'];
const students = Array.from({ length: RECORDS }, (_, i) => ({
  sourcedId: `bench-stu-${i}`,
  status: 'active',
  dateLastModified: '2026-09-01T08:00:00Z',
  givenName: `Given${i}`,
  familyName: `Family${i % 977}`,
  preferredName: i % 5 === 0 ? `Pref${i}` : null,
  schoolSourcedId: SCHOOLS[i % 3],
  grade: String(1 + (i % 12)).padStart(2, '0'),
  enrollmentStatus: 'ENROLLED',
  birthDate: `20${String(8 + (i % 10)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
  expectedGraduation: '2030-06-01',
  graduated: false,
}));
const releases = students.map((s, i) => ({
  sourcedId: `bench-rel-${i}`,
  status: 'active',
  dateLastModified: '2026-09-01T08:00:00Z',
  studentSourcedId: s.sourcedId,
  releaseStatus: i % 10 === 0 ? 'DENIED' : 'GRANTED',
  scopes: i % 4 === 0 ? ['DISTRICT_SOCIAL_MEDIA', 'WEBSITE', 'PRINT'] : ['DISTRICT_SOCIAL_MEDIA'],
  schoolYear: '2026-2027',
  signedByStudent: false,
  signedOn: '2026-08-20',
  receivedOn: '2026-08-22',
  documentRef: `scan://releases/${i}.pdf`,
}));

const sleep = (/** @type {number} */ t) => new Promise((r) => setTimeout(r, t));
async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}
/** VmRSS (now) and VmHWM (the peak since the process started) of a process, in MB. */
function memoryMb(/** @type {number} */ pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (/** @type {string} */ field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
const TICKS = 100; // USER_HZ on Linux
/** User + system CPU time of a process, or of every process whose parent it is too, in ms. */
function cpuMs(/** @type {number} */ pid, withChildren = false) {
  let ticks = 0;
  for (const entry of withChildren ? readdirSync('/proc') : [String(pid)]) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(entry) === pid || Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return (ticks * 1000) / TICKS;
}

/** @type {{ tmp?: string, db?: any, api?: import('node:child_process').ChildProcess }} */
const res = {};
async function cleanup() {
  res.api?.kill('SIGTERM');
  await sleep(500);
  await res.db?.stop().catch(() => {});
  if (res.tmp) rmSync(res.tmp, { recursive: true, force: true });
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

async function main() {
  res.tmp = mkdtempSync(path.join(os.tmpdir(), 'steward-bench-sis-'));
  chmodSync(res.tmp, 0o755);
  console.log(`[bench:sis] ${RECORDS.toLocaleString()} students and as many media releases, batches of ${BATCH}, ${IN_FLIGHT} call${IN_FLIGHT === 1 ? "" : "s"} in flight`);
  res.db = await startDatabase(res.tmp);
  const url = res.db.url('api');
  await migrateAndSeedDemo(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { hashSisKey } = await import('../dist/auth/sis-keys.js');
  const key = `stw_sis_${randomBytes(32).toString('base64url')}`;
  await client.query(
    `insert into sis_api_key (id, name, prefix, key_hash, scopes, created_at)
     values (gen_random_uuid(), 'bench', $1, $2, '{student.sync,mediaRelease.sync,staff.sync,organization.sync,student.read}', now())`,
    [key.slice(0, 14), hashSisKey(key)],
  );

  const port = await freePort();
  // BENCH_PROFILE=1 writes a V8 CPU profile of the API (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${OUT}`] : [];
  const { NODE_FLAGS } = await import('../dist/node-flags.js');
  const api = spawn(process.execPath, [...NODE_FLAGS, ...profile, API_MAIN], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      DATABASE_URL: url,
      CREDENTIAL_MASTER_KEY: `bench1:${randomBytes(32).toString('base64')}`,
      TOKEN_SECRET: randomBytes(32).toString('base64url'),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  res.api = api;
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (i > 200) throw new Error('the API did not become ready');
    const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    await sleep(100);
  }
  const pid = /** @type {number} */ (api.pid);
  const postgresPid = res.db.pid();

  /**
   * Sends every batch of `records`; returns the rate, the CPU time of the API and of PostgreSQL,
   * and the API's RSS: sampled every 20 ms, the peak during each batch.
   */
  async function run(/** @type {string} */ label, /** @type {string} */ query, /** @type {object[]} */ records) {
    const rss = [];
    const totals = { created: 0, updated: 0, unchanged: 0, failed: 0 };
    let batchPeak = 0;
    const sampler = setInterval(() => {
      batchPeak = Math.max(batchPeak, memoryMb(pid).rss);
    }, 20);
    const apiCpu = cpuMs(pid);
    const pgCpu = postgresPid ? cpuMs(postgresPid, true) : 0;
    const started = performance.now();
    // IN_FLIGHT calls at a time, each taking the next batch when its answer is in (the peak RSS
    // of a batch is then the peak since the previous answer).
    let next = 0;
    batchPeak = memoryMb(pid).rss;
    const send = async () => {
      for (let offset = next; offset < records.length; offset = next) {
        next += BATCH;
        const response = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query, variables: { r: records.slice(offset, offset + BATCH) } }),
        });
        const body = /** @type {any} */ (await response.json());
        if (response.status !== 200 || body.errors) throw new Error(`${label}: ${response.status} ${JSON.stringify(body.errors)}`);
        const result = Object.values(body.data)[0];
        for (const k of /** @type {const} */ (['created', 'updated', 'unchanged', 'failed'])) totals[k] += result[k];
        rss.push(Math.round(Math.max(batchPeak, memoryMb(pid).rss)));
        batchPeak = memoryMb(pid).rss;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, () => send()));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const batches = Math.ceil(records.length / BATCH);
    const apiCpuMsPerBatch = (cpuMs(pid) - apiCpu) / batches;
    const pgCpuMsPerBatch = postgresPid ? (cpuMs(postgresPid, true) - pgCpu) / batches : null;
    const perSecond = records.length / seconds;
    // Time inside the sync service (validation, SQL, audit) as it recorded itself, the rest
    // being HTTP, JSON and GraphQL.
    const [{ ms }] = (
      await client.query('select coalesce(sum(duration_ms), 0)::int as ms from (select duration_ms from sync_run order by started_at desc limit $1) r', [
        Math.ceil(records.length / BATCH),
      ])
    ).rows;
    console.log(
      `[bench:sis] ${label.padEnd(28)} ${Math.round(perSecond).toLocaleString().padStart(8)} records/s ` +
        `(${seconds.toFixed(2)} s, ${(ms / 1000).toFixed(2)} s in the service; created ${totals.created}, updated ${totals.updated}, unchanged ${totals.unchanged}, failed ${totals.failed}); ` +
        `CPU per batch: API ${Math.round(apiCpuMsPerBatch)} ms, PostgreSQL ${pgCpuMsPerBatch === null ? '?' : Math.round(pgCpuMsPerBatch)} ms; peak RSS per batch ${rss.join(' ')} MB`,
    );
    return { label, records: records.length, seconds, serviceSeconds: ms / 1000, perSecond, ...totals, apiCpuMsPerBatch, pgCpuMsPerBatch, peakRssMbPerBatch: rss };
  }

  // Warm the API (JIT, pool) on a throw-away batch of other students.
  await run('warm-up', SYNC_STUDENTS, students.slice(0, 2000).map((s) => ({ ...s, sourcedId: `warm-${s.sourcedId}` })));
  const firstStudents = await run('students, first run', SYNC_STUDENTS, students);
  const firstReleases = await run('media releases, first run', SYNC_RELEASES, releases);
  const againStudents = await run('students, unchanged', SYNC_STUDENTS, students);
  const againReleases = await run('media releases, unchanged', SYNC_RELEASES, releases);

  // The limit: COPY of the same rows into an unlogged staging table, in the same run.
  const csv = path.join(res.tmp, 'students.csv');
  writeFileSync(
    csv,
    students
      .map((s) => [s.sourcedId, s.givenName, s.familyName, s.preferredName ?? '', s.schoolSourcedId, s.grade, s.birthDate, s.dateLastModified].join(','))
      .join('\n'),
  );
  chmodSync(csv, 0o644);
  await client.query(`create unlogged table copy_staging (sourced_id text, given_name text, family_name text,
    preferred_name text, school text, grade text, birth_date date, date_last_modified timestamptz)`);
  const copyStarted = performance.now();
  await client.query(`copy copy_staging from '${csv}' with (format csv)`);
  const copySeconds = (performance.now() - copyStarted) / 1000;
  const copyPerSecond = RECORDS / copySeconds;
  console.log(`[bench:sis] ${'COPY into unlogged staging'.padEnd(28)} ${Math.round(copyPerSecond).toLocaleString().padStart(8)} records/s`);
  // For reference, not a target: COPY into a logged table shaped like \`student\` with its
  // indexes (the unique sourced_id, the name sorts and the trigram search index), which is what
  // PostgreSQL itself must do for every new row, whoever sends it.
  await client.query('create table copy_indexed (like student including defaults including indexes including constraints)');
  const indexedCsv = path.join(res.tmp, 'students-indexed.csv');
  writeFileSync(
    indexedCsv,
    students.map((s) => [s.sourcedId, s.givenName, s.familyName, s.preferredName ?? '', s.grade, s.birthDate, s.dateLastModified].join(',')).join('\n'),
  );
  chmodSync(indexedCsv, 0o644);
  const indexedStarted = performance.now();
  await client.query(
    `copy copy_indexed (sourced_id, given_name, family_name, preferred_name, grade, birth_date, date_last_modified)
       from '${indexedCsv}' with (format csv)`,
  );
  const indexedPerSecond = RECORDS / ((performance.now() - indexedStarted) / 1000);
  console.log(`[bench:sis] ${'COPY into indexed student'.padEnd(28)} ${Math.round(indexedPerSecond).toLocaleString().padStart(8)} records/s (reference)`);
  await client.end();

  const firstRate = (firstStudents.records + firstReleases.records) / (firstStudents.seconds + firstReleases.seconds);
  const unchangedRate = (againStudents.records + againReleases.records) / (againStudents.seconds + againReleases.seconds);
  // Memory is flat when the peak stops growing: the highest RSS of the second half of the
  // batches is within 10% of the highest of the first half (a GC sawtooth inside that is fine).
  const allRss = [firstStudents, firstReleases, againStudents, againReleases].flatMap((r) => r.peakRssMbPerBatch);
  const half = Math.floor(allRss.length / 2);
  const firstHalfPeak = Math.max(...allRss.slice(0, half));
  const secondHalfPeak = Math.max(...allRss.slice(half));
  const { hwm } = memoryMb(pid);
  const targets = [
    ['first run >= 25,000 records/s', firstRate >= 25_000, `${Math.round(firstRate).toLocaleString()}`],
    ['first run >= 0.4 of COPY', firstRate / copyPerSecond >= 0.4, `${(firstRate / copyPerSecond).toFixed(2)}x`],
    ['unchanged run >= 50,000 records/s', unchangedRate >= 50_000, `${Math.round(unchangedRate).toLocaleString()}`],
    [
      'memory flat across batches (peak of the 2nd half of batches within 10% of the 1st half)',
      secondHalfPeak <= firstHalfPeak * 1.1,
      `${firstHalfPeak} MB, then ${secondHalfPeak} MB`,
    ],
  ];
  console.log(`\nFirst run against COPY into the indexed table: ${(firstRate / indexedPerSecond).toFixed(2)}x (reference).`);
  console.log('\n| target | result | figure |\n| --- | --- | --- |');
  for (const [name, ok, figure] of targets) console.log(`| ${name} | ${ok ? 'PASS' : 'MISS'} | ${figure} |`);
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(
    `\nPeak RSS of the API: ${Math.max(...allRss)} MB sampled, ${Math.round(hwm)} MB VmHWM (since start). ` +
      `Machine: ${os.cpus().length} cores, Node ${process.version}, load average ${load}.`,
  );
  mkdirSync(OUT, { recursive: true });
  const report = {
    at: new Date().toISOString(),
    machine: { cores: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
    records: RECORDS,
    batch: BATCH,
    inFlight: IN_FLIGHT,
    runs: [firstStudents, firstReleases, againStudents, againReleases],
    copy: { seconds: copySeconds, perSecond: copyPerSecond, indexedPerSecond },
    ratioToIndexedCopy: firstRate / indexedPerSecond,
    firstRunPerSecond: firstRate,
    unchangedPerSecond: unchangedRate,
    ratioToCopy: firstRate / copyPerSecond,
    peakRssMb: Math.max(...allRss),
    vmHwmMb: Math.round(hwm),
    targets: targets.map(([name, ok, figure]) => ({ name, ok, figure })),
  };
  const file = path.join(OUT, `bench-sis-${report.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(OUT, 'latest-sis.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Figures written to ${file}`);
}

main()
  .then(cleanup)
  .catch(async (error) => {
    console.error(`[bench:sis] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    await cleanup();
    process.exit(1);
  });
