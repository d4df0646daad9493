import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { DriverException, OptimisticLockError, type MikroORM } from '@mikro-orm/postgresql';
import express, { type Request, type Response, type NextFunction } from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { jitGateway } from './executor.js';
import { authenticate } from '../auth/authenticate.js';
import { SIS_KEY_PREFIX, findActiveSisKey } from '../auth/sis-keys.js';
import { TokenVerifier } from '../auth/tokens.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startMail, type MailService } from '../notifications/mail.js';
import { createSchema } from '../schema.js';
import type { Context } from './context.js';
import { createLoaders } from './loaders.js';
import { createServices, type Services } from './services.js';
import { graphqlPost, isGraphqlPost } from './graphql-http.js';
import { apiSecurityHeaders, GRAPHIQL_CSP, securityHeaders } from './security-headers.js';

/** Codes that are safe to show a client as they are; anything else is masked. */
const CLIENT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'POLICY_VIOLATION',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export interface AppOptions {
  config: Config;
  orm: MikroORM;
  logger: Logger;
  /** Folder of the built dashboard (index.html, graphiql.html), if any. */
  adminDist?: string | null;
  schema?: GraphQLSchema;
}

export interface RunningApp {
  server: http.Server;
  url: string;
  services: Services;
  /** Mail delivery: the outbox dispatcher and, in development without SMTP_URL, the catcher. */
  mail: MailService;
  /**
   * Marks the app as shutting down (`/readyz` answers 503), drains HTTP, stops Apollo, then
   * stops the outbox dispatcher (waiting for a send in flight; what is left stays queued).
   */
  stop(): Promise<void>;
}

export async function startApp(options: AppOptions, port: number, host: string): Promise<RunningApp> {
  const { config, orm, logger } = options;
  const schema = options.schema ?? (await createSchema());
  const services = createServices(config);
  const verifier = new TokenVerifier(config);
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders(config));
  // POST /graphql (every dashboard and SIS request) skips Express; see server/graphql-http.ts.
  let graphql: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;
  const server = http.createServer((req, res) => {
    if (graphql && isGraphqlPost(req)) graphql(req, res);
    else app(req, res);
  });
  let shuttingDown = false;
  let migrated = false;

  const armor = new ApolloArmor({
    maxDepth: { n: 8 },
    costLimit: { maxCost: 5000 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 10 },
    maxTokens: { n: 2000 },
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();

  const apollo = new ApolloServer<Context>({
    // The schema's operations run compiled by graphql-jit (server/executor.ts says why).
    gateway: jitGateway(schema),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown (drain, close the pool, stop PostgreSQL, in that order).
    stopOnTerminationSignals: false,
    hideSchemaDetailsFromClientErrors: config.isProduction,
    validationRules: [...(protection.validationRules ?? [])],
    plugins: [
      // graphql-armor ships CommonJS typings of Apollo's types; the plugins are the same at runtime.
      ...((protection.plugins ?? []) as unknown as ApolloServerPlugin<Context>[]),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // GraphiQL is served by this app itself (bundled, no CDN), below.
      ApolloServerPluginLandingPageDisabled(),
      // Every answer is private to its caller and never cacheable (the /graphql route sends
      // `Cache-Control: no-store` itself), so Apollo's cache-control plugin has nothing to
      // compute; left on, it wraps every field resolver to track hints: ~20% of a list's CPU.
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin(logger),
    ],
    formatError: (formatted, error) => maskError(formatted, error, logger),
  });
  await apollo.start();

  const contextFor = async (req: http.IncomingMessage, requestId: string): Promise<Context> => {
    const em = orm.em.fork() as Context['em'];
    const actor = await authenticate(req.headers.authorization, em, verifier, requestId, services.identities);
    let child: Logger | undefined;
    return {
      em,
      actor,
      requestId,
      // Made when a resolver first logs: most requests never do.
      get logger() {
        child ??= logger.child({ requestId });
        return child;
      },
      services,
      loaders: createLoaders(em),
    };
  };
  const body = jsonBody(orm);

  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.requestId = assignRequestId(req, res);
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (shuttingDown) {
      res.status(503).json({ status: 'shutting-down' });
      return;
    }
    try {
      await orm.em.getConnection().execute('select 1');
      if (!migrated) {
        migrated = (await orm.getMigrator().getPendingMigrations()).length === 0;
      }
      if (!migrated) {
        res.status(503).json({ status: 'migrations-pending' });
        return;
      }
      res.json({ status: 'ready', database: 'ok', migrations: 'applied' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database-unreachable' });
    }
  });

  const adminDist = options.adminDist && existsSync(options.adminDist) ? options.adminDist : null;
  const graphiqlPage = adminDist ? path.join(adminDist, 'graphiql.html') : null;

  // A browser opening /graphql gets GraphiQL; every other request goes to Apollo.
  app.get('/graphql', (req, res, next) => {
    const wantsHtml = req.accepts(['application/json', 'application/graphql-response+json', 'html']);
    if (wantsHtml === 'html' && !req.query.query) {
      if (!config.introspection || !graphiqlPage || !existsSync(graphiqlPage)) {
        res
          .status(404)
          .type('text/plain')
          .send('GraphiQL is not available here (introspection is off or the dashboard is not built).');
        return;
      }
      res.setHeader('Content-Security-Policy', GRAPHIQL_CSP);
      res.sendFile(graphiqlPage);
      return;
    }
    next();
  });
  app.use(
    '/graphql',
    (_req: Request, res: Response, next: NextFunction) => {
      // Answers carry people's data: no browser or proxy may keep them.
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    body as unknown as express.RequestHandler,
    expressMiddleware(apollo, {
      context: ({ req, res }) => contextFor(req, res.locals.requestId as string),
    }),
  );
  graphql = graphqlPost({
    apollo,
    headers: apiSecurityHeaders(config),
    requestId: assignRequestId,
    body,
    context: contextFor,
    fail: (error, res) => sendHttpError(error, res, logger),
    concurrency: config.graphqlConcurrency,
  });

  if (adminDist) {
    app.use(express.static(adminDist, { index: 'index.html', maxAge: '1h' }));
    // The dashboard is a single-page app: unknown paths load it and it routes on the client.
    app.get(/^\/(?!graphql|healthz|readyz).*/, (_req, res) => {
      res.sendFile(path.join(adminDist, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send('Steward API. The dashboard is not built: run `npm run build`. GraphQL: /graphql');
    });
  }

  // Body too large or malformed JSON: a clear 4xx, never a stack trace.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendHttpError(error, res, logger);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  // The outbox dispatcher lives with the HTTP app, so `npm start` and every test app deliver
  // mail; it is stopped after HTTP has drained (a last request may have enqueued a notice).
  const mail = await startMail(config, orm, logger);

  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${boundPort}`;

  return {
    server,
    url,
    services,
    mail,
    async stop() {
      shuttingDown = true;
      await apollo.stop(); // the drain plugin closes the HTTP server and waits for requests
      await mail.stop();
    },
  };
}

/** Request bodies: 100 kB for everyone; 16 MB for a valid SIS key (a batch of 5,000 records). */
export const BODY_LIMIT = 100 * 1024;
export const SIS_BODY_LIMIT = 16 * 1024 * 1024;
const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

/**
 * Parses a GraphQL request body under the caller's cap. The larger cap is given only after the
 * SIS key is found and active, so an unauthenticated caller cannot make the server read 16 MB.
 */
function jsonBody(orm: MikroORM) {
  type BodyParser = (req: http.IncomingMessage, res: http.ServerResponse, next: (error?: unknown) => void) => void;
  const small = express.json({ limit: BODY_LIMIT, type: JSON_TYPES }) as unknown as BodyParser;
  const large = express.json({ limit: SIS_BODY_LIMIT, type: JSON_TYPES }) as unknown as BodyParser;
  return (req: http.IncomingMessage, res: http.ServerResponse, next: (error?: unknown) => void) => {
    const key = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '')?.[1];
    if (!key?.startsWith(SIS_KEY_PREFIX)) {
      small(req, res, next);
      return;
    }
    findActiveSisKey(orm.em.fork(), key).then(
      (found) => (found ? large : small)(req, res, next),
      next,
    );
  };
}

/** The request id: the caller's `x-request-id` if well-formed, else a new one; echoed back. */
function assignRequestId(req: http.IncomingMessage, res: http.ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', requestId);
  return requestId;
}

/** An HTTP-level error (body too large, malformed JSON, ...) as a GraphQL-shaped JSON answer. */
function sendHttpError(error: unknown, res: http.ServerResponse, logger: Logger): void {
  const e = (error ?? {}) as { status?: number; type?: string; message?: string; limit?: number };
  const status = e.status && e.status >= 400 && e.status < 500 ? e.status : 500;
  if (status === 500) logger.error({ err: error }, 'unhandled HTTP error');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(
    JSON.stringify({
      errors: [
        {
          message:
            e.type === 'entity.too.large'
              ? `The request body is larger than ${e.limit === SIS_BODY_LIMIT ? '16 MB' : '100 kB'}.`
              : status === 500
                ? 'Internal error.'
                : (e.message ?? 'Bad request.'),
          extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' },
        },
      ],
    }),
  );
}

function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof OptimisticLockError) {
    return {
      message: 'Someone else changed this record at the same time. Reload it and try again.',
      path: formatted.path,
      extensions: { code: 'CONFLICT' },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code)) {
    // Never echo the http status helper field back to the client.
    const { http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const errorId = randomUUID();
  if (original instanceof DriverException) {
    // A database error's message starts with its statement; log what PostgreSQL said and where,
    // never the statement (its text may hold values, e.g. when MikroORM inlined them).
    const said = original.message.slice(original.message.lastIndexOf(' - ') + 3);
    logger.error(
      {
        errorId,
        path: formatted.path,
        db: { name: original.name, code: original.code, sqlState: original.sqlState },
        message: said,
      },
      'unexpected database error in a resolver',
    );
  } else {
    logger.error({ errorId, err: original, path: formatted.path }, 'unexpected error in a resolver');
  }
  return {
    message: `Internal error. Quote this id when reporting it: ${errorId}`,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
  };
}

/** Logs one line per operation: name, duration, error codes. Never the variables (secrets). */
function requestLogPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? null,
              actor: contextValue.actor?.label ?? null,
              ms: Math.round(performance.now() - started),
              errors: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql',
          );
        },
      };
    },
  };
}
