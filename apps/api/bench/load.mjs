// @ts-check
/**
 * Load generators. Both check every response with the scenario's `check` (status, no `errors`,
 * the expected rows, about the expected size) and count what failed; a fast error is not a fast
 * answer, so throughput is counted from responses that passed.
 *
 * - closedLoop: N connections, each sends its next request when the previous one answered
 *   (autocannon's programmatic API, in this process). Bounded by duration and a hard stop.
 * - openLoop: requests scheduled at a fixed, evenly paced rate (drift-corrected timers), each
 *   one's latency counted from its *scheduled* send time, so a server that falls behind shows
 *   its queue (autocannon's --overallRate would stop sending instead and hide it). Bounded in
 *   count (rate x duration), in flight (maxInFlight; beyond that requests wait here, and that
 *   wait counts as latency) and time (a per-request timeout and a deadline).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

/**
 * @typedef {{ body: string, headers: Record<string, string>, ticket?: any }} Built
 * @typedef {{
 *   name: string,
 *   origin: string,
 *   path: string,
 *   build(): Built,
 *   check(status: number, body: string, ticket: any): string | null,
 *   lost?(ticket: any): void,
 * }} Scenario
 */

/** Counts outcomes; keeps a few examples of each problem. */
export class Tally {
  constructor() {
    this.responses = 0;
    this.ok = 0;
    this.non2xx = 0;
    /** 2xx answers that failed the check (GraphQL errors, wrong rows, odd size). */
    this.bad = 0;
    /** No answer: connection errors and timeouts. */
    this.errors = 0;
    this.timeouts = 0;
    /** @type {Map<string, number>} */
    this.problems = new Map();
  }

  /** @param {number} status @param {string | null} problem */
  record(status, problem) {
    this.responses += 1;
    if (status < 200 || status >= 300) this.non2xx += 1;
    else if (problem) this.bad += 1;
    else this.ok += 1;
    if (problem) this.problems.set(problem, (this.problems.get(problem) ?? 0) + 1);
  }

  /** @param {string} what */
  failure(what, timeout = false) {
    this.errors += 1;
    if (timeout) this.timeouts += 1;
    this.problems.set(what, (this.problems.get(what) ?? 0) + 1);
  }

  toJSON() {
    return {
      responses: this.responses,
      ok: this.ok,
      non2xx: this.non2xx,
      bad: this.bad,
      errors: this.errors,
      timeouts: this.timeouts,
      problems: Object.fromEntries([...this.problems.entries()].slice(0, 10)),
    };
  }
}

/**
 * Nearest-rank percentile of sorted values (Infinity for requests that never answered).
 * @param {Float64Array | number[]} sorted @param {number} p
 */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** @param {number[]} values */
export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Closed loop with autocannon.
 * @param {Scenario} scenario
 * @param {{ connections: number, durationS: number, timeoutS?: number, signal?: AbortSignal }} options
 */
export async function closedLoop(scenario, options) {
  const tally = new Tally();
  const timeoutS = options.timeoutS ?? 10;
  const instance = autocannon({
    url: scenario.origin,
    connections: options.connections,
    duration: options.durationS,
    pipelining: 1,
    timeout: timeoutS,
    requests: [
      {
        method: 'POST',
        path: scenario.path,
        /** @param {any} req @param {any} context */
        setupRequest(req, context) {
          const built = scenario.build();
          context.ticket = built.ticket;
          return { ...req, method: 'POST', path: scenario.path, headers: built.headers, body: built.body };
        },
        /** @param {number} status @param {string} body @param {any} context */
        onResponse(status, body, context) {
          tally.record(status, scenario.check(status, body, context.ticket));
          context.ticket = undefined;
        },
      },
    ],
  });
  instance.on('reqError', (/** @type {Error} */ error) => {
    tally.failure(error.message === 'request timed out' ? 'timeout' : `connection: ${error.message}`, error.message === 'request timed out');
  });
  const stop = () => instance.stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  // A hard stop in case the run does not end by itself.
  const hard = setTimeout(stop, (options.durationS + timeoutS + 15) * 1000);
  /** @type {any} */
  let result;
  try {
    result = await instance;
  } finally {
    clearTimeout(hard);
    options.signal?.removeEventListener('abort', stop);
  }
  const seconds = result.duration || options.durationS;
  return {
    scenario: scenario.name,
    mode: 'closed',
    connections: options.connections,
    seconds,
    /** Requests per second that passed the checks. */
    rps: tally.ok / seconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    ...tally.toJSON(),
  };
}

/**
 * Open loop: evenly paced requests, latency from each one's scheduled send time.
 * @param {Scenario} scenario
 * @param {{ rate: number, durationS: number, maxInFlight?: number, timeoutS?: number, signal?: AbortSignal,
 *           onProgress?: (done: number, total: number) => void }} options
 */
export async function openLoop(scenario, options) {
  const rate = options.rate;
  const total = Math.max(1, Math.round(rate * options.durationS));
  const interval = 1000 / rate;
  const maxInFlight = options.maxInFlight ?? 256;
  const timeoutMs = (options.timeoutS ?? 10) * 1000;
  const url = new URL(scenario.path, scenario.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
  const tally = new Tally();
  /** Latency per request from its scheduled time; NaN = not finished, Infinity = no answer. */
  const latency = new Float64Array(total).fill(Number.NaN);
  /** How late each request actually left (load generator lag plus waiting for a free slot). */
  const sendLag = new Float64Array(total).fill(Number.NaN);
  /** @type {Set<http.ClientRequest>} */
  const live = new Set();
  /** @type {number[]} */
  const waiting = [];
  let waitHead = 0;
  let next = 0;
  let done = 0;
  let inFlight = 0;
  let maxSeenInFlight = 0;
  let aborted = false;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const t0 = performance.now() + 20;
  const scheduledAt = (/** @type {number} */ i) => t0 + i * interval;

  /** @type {(value?: unknown) => void} */
  let finish = () => {};
  const finished = new Promise((resolve) => {
    finish = resolve;
  });

  const complete = (/** @type {number} */ i, /** @type {number} */ ms) => {
    if (!Number.isNaN(latency[i])) return;
    latency[i] = ms;
    inFlight -= 1;
    done += 1;
    if (done % Math.max(1, Math.round(rate * 5)) === 0) options.onProgress?.(done, total);
    pump();
    if (done === total) finish();
  };

  const send = (/** @type {number} */ i) => {
    inFlight += 1;
    maxSeenInFlight = Math.max(maxSeenInFlight, inFlight);
    sendLag[i] = performance.now() - scheduledAt(i);
    let built;
    try {
      built = scenario.build();
    } catch (error) {
      tally.failure(`build: ${/** @type {Error} */ (error).message}`);
      complete(i, Number.POSITIVE_INFINITY);
      return;
    }
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { ...built.headers, 'content-length': Buffer.byteLength(built.body) },
    });
    live.add(req);
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('response', (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        live.delete(req);
        const ms = performance.now() - scheduledAt(i);
        tally.record(res.statusCode ?? 0, scenario.check(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), built.ticket));
        complete(i, ms);
      });
      res.on('error', () => {});
    });
    req.on('error', (error) => {
      live.delete(req);
      if (!Number.isNaN(latency[i])) return;
      scenario.lost?.(built.ticket);
      tally.failure(error.message === 'timeout' ? 'timeout' : `connection: ${error.message}`, error.message === 'timeout');
      complete(i, Number.POSITIVE_INFINITY);
    });
    req.end(built.body);
  };

  const pump = () => {
    while (!aborted && waitHead < waiting.length && inFlight < maxInFlight) send(waiting[waitHead++]);
  };

  const tick = () => {
    if (aborted) return;
    const now = performance.now();
    while (next < total && scheduledAt(next) <= now) waiting.push(next++);
    pump();
    if (next < total) timer = setTimeout(tick, Math.max(0, scheduledAt(next) - performance.now()));
  };

  const abort = () => {
    aborted = true;
    if (timer) clearTimeout(timer);
    for (const req of live) req.destroy(new Error('aborted'));
    finish();
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  const deadline = setTimeout(abort, (options.durationS + timeoutMs / 1000 + 10) * 1000);
  timer = setTimeout(tick, Math.max(0, t0 - performance.now()));
  await finished;
  clearTimeout(deadline);
  options.signal?.removeEventListener('abort', abort);
  agent.destroy();

  // Requests never sent or never answered count as having no answer.
  let unanswered = 0;
  for (let i = 0; i < total; i++) {
    if (Number.isNaN(latency[i])) {
      latency[i] = Number.POSITIVE_INFINITY;
      unanswered += 1;
    }
  }
  if (unanswered) tally.failure('not answered before the deadline', true);
  const sorted = Float64Array.from(latency).sort();
  const lags = Float64Array.from(sendLag.filter((x) => !Number.isNaN(x))).sort();
  return {
    scenario: scenario.name,
    mode: 'open',
    rate,
    scheduled: total,
    seconds: options.durationS,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    /** Requests per second that answered and passed the checks, over the scheduled duration. */
    rps: tally.ok / options.durationS,
    sendLagP99: percentile(lags, 99),
    maxInFlight: maxSeenInFlight,
    ...tally.toJSON(),
    /** Latency by scheduled time, for windows (not printed). */
    latencies: latency,
  };
}

/**
 * Latency percentiles per window of scheduled time, e.g. per minute of a soak.
 * @param {Float64Array} latencies @param {number} rate @param {number} windowS
 */
export function windows(latencies, rate, windowS) {
  const per = Math.max(1, Math.round(rate * windowS));
  const out = [];
  for (let start = 0; start < latencies.length; start += per) {
    const slice = Float64Array.from(latencies.subarray(start, start + per)).sort();
    out.push({
      fromS: Math.round(start / rate),
      p50: percentile(slice, 50),
      p99: percentile(slice, 99),
    });
  }
  return out;
}

/**
 * One scenario made of several, taken in turn (for the soak).
 * @param {string} name @param {Scenario[]} parts
 * @returns {Scenario}
 */
export function mix(name, parts) {
  let i = 0;
  return {
    name,
    origin: parts[0].origin,
    path: parts[0].path,
    build() {
      const part = parts[i++ % parts.length];
      const built = part.build();
      return { ...built, ticket: { part, inner: built.ticket } };
    },
    check(status, body, ticket) {
      return ticket.part.check(status, body, ticket.inner);
    },
    lost(ticket) {
      ticket.part.lost?.(ticket.inner);
    },
  };
}
