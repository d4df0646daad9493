/**
 * Security headers for every response (security review finding #4), built on helmet.
 *
 * Three Content-Security-Policies, chosen by what a response is:
 *
 * - the dashboard (index.html, its static assets, the single-page-app fallback):
 *   `DASHBOARD_CSP`, no inline or eval'd script;
 * - GraphiQL (a browser's GET of /graphql, and /graphiql.html): `GRAPHIQL_CSP`, deny by default
 *   and only what Monaco and GraphiQL were seen to need in Chromium (test/csp.browser.test.ts);
 * - everything the API answers (POST /graphql, /healthz, /readyz, error bodies): `API_CSP`, which
 *   allows nothing at all, since JSON is never rendered as a page.
 *
 * Every policy says `frame-ancestors 'none'` (no page of ours may be framed: clickjacking), and
 * every response also gets `X-Frame-Options: DENY` for browsers that predate frame-ancestors,
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`,
 * `Cross-Origin-Opener-Policy: same-origin`, and helmet's other defaults
 * (Cross-Origin-Resource-Policy: same-origin, Origin-Agent-Cluster, X-DNS-Prefetch-Control: off,
 * X-Download-Options, X-Permitted-Cross-Domain-Policies: none, X-XSS-Protection: 0).
 * Strict-Transport-Security only in production: the development server is plain http on
 * loopback, and HSTS there would pin `localhost` to https in the developer's browser.
 *
 * The dashboard keeps its bearer token in localStorage, readable by any script running on the
 * page; the main mitigation is that no script can run there but the bundle served from this
 * origin (`script-src 'self'`, no 'unsafe-inline', no 'unsafe-eval').
 *
 * A response that Express's own final handler writes (a 404 for a method or path nothing
 * serves) replaces the CSP with its own `default-src 'none'`; it keeps X-Frame-Options: DENY.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** A CSP as directive name -> source list, in the order it is sent. */
export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/**
 * The dashboard (react-admin 5 on MUI 7 / emotion), as Vite builds it into apps/admin/dist:
 * module scripts and chunks from /assets, GraphQL over fetch to /graphql on the same origin.
 */
export const DASHBOARD_CSP_DIRECTIVES = {
  // Anything not named below: this origin only (nothing in the bundle loads from elsewhere;
  // react-admin's telemetry image to marmelab.com is off, `disableTelemetry` in App.tsx).
  'default-src': ["'self'"],
  // Only the bundled module scripts from /assets. No inline script and no eval: an injected
  // <script> or `onerror=` attribute does not run, which is what protects the bearer token in
  // localStorage. (index.html has no inline script; Vite emits `<script type="module" src>`.)
  'script-src': ["'self'"],
  // emotion (MUI's and react-admin's styling) injects <style> elements at run time, one per
  // component style: with style-src 'self' alone Chromium refuses them and the dashboard is
  // unstyled. emotion could take a nonce instead (createCache({ nonce })), but the nonce would
  // have to be minted per response, written into index.html (today a static, cached file) and
  // read back by the client before its first render: a lot of moving parts to guard against CSS
  // injection, which needs an HTML injection React already prevents. CSS cannot run script, so
  // 'unsafe-inline' for styles only is the simple, correct choice; script-src stays strict.
  // (`style-src-attr 'none'` on top passed the browser tests, but buys nothing while <style>
  // elements must be allowed, and could break a component that sets a style="" attribute.)
  'style-src': ["'self'", "'unsafe-inline'"],
  // The dashboard's icons are inline SVG (React elements); the bundle has no data: or remote
  // images, so same origin only.
  'img-src': ["'self'"],
  // No web fonts are bundled (MUI's Roboto-then-system font stack); same origin if ever added.
  'font-src': ["'self'"],
  // GraphQL (fetch to /graphql) and nothing else.
  'connect-src': ["'self'"],
  // No plugins (<object>, <embed>).
  'object-src': ["'none'"],
  // An injected <base href> cannot redirect the relative URLs of the page.
  'base-uri': ["'self'"],
  // The sign-in form posts through fetch; no form may submit to another origin.
  'form-action': ["'self'"],
  // Nobody may frame the dashboard (clickjacking); X-Frame-Options: DENY says the same for old
  // browsers.
  'frame-ancestors': ["'none'"],
} as const satisfies CspDirectives;

/**
 * GraphiQL 5 with Monaco, bundled by Vite into graphiql.html and /assets (no CDN): deny by
 * default, then allow exactly what it uses.
 */
export const GRAPHIQL_CSP_DIRECTIVES = {
  // Deny everything not listed (stricter than the dashboard's 'self').
  'default-src': ["'none'"],
  // The bundled modules and their lazily loaded chunks (prettier, monaco-graphql modes). No
  // 'unsafe-eval' and no 'unsafe-inline': neither Monaco nor GraphiQL needs them (Chromium shows
  // no violation while the editor renders, completes and runs a query).
  'script-src': ["'self'"],
  // Monaco's editor, JSON and GraphQL workers are module scripts under /assets created with
  // `new Worker(url)` (src/graphiql/monacoWorkers.ts), so 'self' suffices: no blob: needed
  // (with worker-src 'none' Chromium refuses all three, so the directive is what lets them run).
  'worker-src': ["'self'"],
  // Monaco writes <style> elements (theme colours, decorations) and style="" attributes all over
  // the editor's DOM, and graphiql.html has a small inline <style>: without 'unsafe-inline' (or
  // with style-src-attr 'none') Chromium refuses them by the hundred in one short session.
  // A hash for graphiql.html's <style> would not help: a hash turns 'unsafe-inline' off.
  'style-src': ["'self'", "'unsafe-inline'"],
  // graphiql.css embeds its fonts (Roboto, Fira Code, codicon) as data: URIs; monaco's CSS
  // loads the codicon font from /assets.
  'font-src': ["'self'", 'data:'],
  // graphiql.css and monaco's CSS use small data: SVG/PNG images (the error squiggle, icons).
  'img-src': ["'self'", 'data:'],
  // The fetcher posts to /graphql on this origin.
  'connect-src': ["'self'"],
  // Deny plugins, <base>, form submissions (GraphiQL submits nothing) and being framed.
  // (Trusted Types, `require-trusted-types-for 'script'`, would be stricter still, but GraphiQL
  // assigns plain strings to innerHTML and Worker URLs and stops working under it.)
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const satisfies CspDirectives;

/** JSON (and any other non-page response): nothing may load, nobody may frame it. */
export const API_CSP_DIRECTIVES = {
  'default-src': ["'none'"],
  // frame-ancestors does not fall back to default-src, so it is named.
  'frame-ancestors': ["'none'"],
} as const satisfies CspDirectives;

/** A directive map as the header value, exactly as helmet writes it (`a x y;b z`). */
export function cspHeader(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => (sources.length ? `${name} ${sources.join(' ')}` : name))
    .join(';');
}

export const DASHBOARD_CSP = cspHeader(DASHBOARD_CSP_DIRECTIVES);
export const GRAPHIQL_CSP = cspHeader(GRAPHIQL_CSP_DIRECTIVES);
export const API_CSP = cspHeader(API_CSP_DIRECTIVES);

/** Paths the API answers itself (Apollo, health and readiness), in any case, as Express routes them. */
const API_PATH = /^\/(?:graphql|healthz|readyz)(?:\/|$)/i;
/** GraphiQL's page as a static file (the route serving it at GET /graphql sets GRAPHIQL_CSP). */
const GRAPHIQL_FILE = /^\/graphiql\.html$/i;

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * All the headers for every response: `app.use(securityHeaders(config))` first thing. The route
 * that sends GraphiQL for a browser's GET /graphql replaces the CSP with GRAPHIQL_CSP, since only
 * it knows whether the request gets the page or Apollo.
 */
export function securityHeaders(options: { isProduction: boolean }) {
  const common = {
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // A year, subdomains included, once deployed behind TLS; never on the plain-http dev server.
    strictTransportSecurity: options.isProduction
      ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true }
      : false,
    // x-powered-by is also disabled on the app; helmet removes it again.
    xPoweredBy: true,
  } as const;
  const withPolicy = (directives: CspDirectives): Middleware =>
    helmet({
      ...common,
      contentSecurityPolicy: { useDefaults: false, directives: toHelmet(directives) },
    });
  const dashboard = withPolicy(DASHBOARD_CSP_DIRECTIVES);
  const graphiql = withPolicy(GRAPHIQL_CSP_DIRECTIVES);
  const api = withPolicy(API_CSP_DIRECTIVES);

  // Static assets get the dashboard's policy too. For most it means nothing, but a worker
  // script's response policy becomes the worker's own: Monaco's workers under /assets run under
  // DASHBOARD_CSP (and need nothing more than it allows).
  return function securityHeadersMiddleware(req: Request, res: Response, next: NextFunction) {
    const choose = API_PATH.test(req.path) ? api : GRAPHIQL_FILE.test(req.path) ? graphiql : dashboard;
    choose(req, res, next);
  };
}

function toHelmet(directives: CspDirectives): Record<string, string[]> {
  return Object.fromEntries(Object.entries(directives).map(([name, sources]) => [name, [...sources]]));
}

/**
 * The headers `securityHeaders` gives an API response (POST /graphql), computed once by running
 * the same helmet middleware over a response that only records them: the GraphQL fast path
 * (server/graphql-http.ts) sets this fixed list instead of running helmet per request, and
 * cannot drift from it.
 */
export function apiSecurityHeaders(options: { isProduction: boolean }): [string, string][] {
  const recorded = new Map<string, string>();
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      recorded.set(name, String(value));
      return res;
    },
    removeHeader(name: string) {
      recorded.delete(name);
    },
    getHeader(name: string) {
      return recorded.get(name);
    },
  };
  const req = { method: 'POST', url: '/graphql', path: '/graphql', headers: {} };
  let done = false;
  securityHeaders(options)(req as unknown as Request, res as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('securityHeaders did not finish synchronously');
  return [...recorded];
}

