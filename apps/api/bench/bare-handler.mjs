// @ts-check
/**
 * The baseline: a bare `node:http` + `pg` handler that answers the dashboard's social accounts
 * list with the same JSON as Steward (`{ data: { socialAccounts: { items, total } } }`, the
 * fields of SOCIAL_ACCOUNT_LIST) from ONE hand-written SQL statement, the owner and the school
 * joined. It reads `variables.page` from the posted body (perPage 1..100), nothing else: no
 * GraphQL, no token check, no scope (the district admin sees every account, so the rows are the
 * same). It is what the list could cost at best on this machine.
 *
 * Run as its own process by run.mjs: `BARE_DATABASE_URL=... node bench/bare-handler.mjs`; it
 * prints `{"port":N}` once it listens on 127.0.0.1.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { attentionReasons } from '@steward/domain';

/**
 * One statement: the page (by updatedAt desc, ties by id desc: a backward scan of the
 * (updated_at, id) index), its owners and schools, and the total.
 */
export const PAGE_SQL = `
  with page as (
    select a.id, a.content_kind, a.platform, a.handle, a.url, a.display_name, a.signals, a.classification,
           a.state, a.reclassified_at, a.version, a.created_at, a.updated_at, a.owner_id, a.school_id
    from social_account a
    order by a.updated_at desc, a.id desc
    limit $1 offset $2
  )
  select p.*, o.given_name, o.family_name, o.email, o.active, s.name as school_name,
         (select count(*) from social_account)::int as total
  from page p
  join staff o on o.id = p.owner_id
  left join organization s on s.id = p.school_id
  order by p.updated_at desc, p.id desc`;

/** @param {Record<string, any>} row @param {Date} now */
function item(row, now) {
  return {
    id: row.id,
    contentKind: row.content_kind,
    platform: row.platform,
    handle: row.handle,
    url: row.url,
    displayName: row.display_name,
    owner: {
      id: row.owner_id,
      fullName: `${row.given_name} ${row.family_name}`,
      email: row.email,
      active: row.active,
    },
    school: row.school_id ? { id: row.school_id, name: row.school_name } : null,
    signals: row.signals,
    classification: row.classification,
    state: row.state,
    attention: attentionReasons({
      classification: row.classification,
      state: row.state,
      ownerActive: row.active,
      reclassifiedAt: row.reclassified_at,
      now,
    }),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * @param {{ databaseUrl: string, port?: number, poolSize?: number }} options
 * @returns {Promise<{ server: http.Server, port: number, close(): Promise<void> }>}
 */
export async function startBareHandler(options) {
  // The same pool size as the API's MikroORM pool (10).
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  pool.on('error', () => {});
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/readyz') {
      res.setHeader('content-type', 'application/json');
      res.end('{"status":"ready"}');
      return;
    }
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        const page = body?.variables?.page ?? {};
        const perPage = Math.min(100, Math.max(1, Number(page.perPage ?? 25) | 0));
        const pageNo = Math.max(1, Number(page.page ?? 1) | 0);
        const { rows } = await pool.query(PAGE_SQL, [perPage, (pageNo - 1) * perPage]);
        const now = new Date();
        const json = JSON.stringify({
          data: { socialAccounts: { items: rows.map((r) => item(r, now)), total: rows[0]?.total ?? 0 } },
        });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(json);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(/** @type {Error} */ (error).message) }] }));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('bare handler: no address');
  return {
    server,
    port: address.port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await pool.end();
    },
  };
}

// Run as a process (run.mjs spawns it so its CPU and memory are its own).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const databaseUrl = process.env.BARE_DATABASE_URL;
  if (!databaseUrl) {
    console.error('BARE_DATABASE_URL is required');
    process.exit(2);
  }
  const handler = await startBareHandler({ databaseUrl, port: Number(process.env.BARE_PORT ?? 0) });
  process.stdout.write(`${JSON.stringify({ port: handler.port })}\n`);
  const stop = () => {
    handler.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
