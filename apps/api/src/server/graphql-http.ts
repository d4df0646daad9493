import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import pLimit from 'p-limit';

/**
 * POST /graphql straight from `node:http` to Apollo, without Express's router.
 *
 * Every dashboard and SIS request is a POST to /graphql, and measured with CPU profiles Express
 * added about a tenth of a list request's CPU around Apollo (its router and request/response
 * decoration, an ETag hashed over every body that no one may cache anyway). This handler does
 * what the Express route did, in the same order and with the same pieces: the security headers
 * (the list helmet gives an API response, computed once), the request id, `Cache-Control:
 * no-store`, the same body parser and its caps, Apollo's `executeHTTPGraphQLRequest` (what
 * `@as-integrations/express5` calls), and errors answered by the same function as Express's error
 * handler. Anything else (GET /graphql, other paths, other methods) still goes to Express.
 * Written by hand because it is the glue between two libraries, a few lines of it.
 *
 * At most `concurrency` of these requests run at once; the others wait, in arrival order, before
 * their body is read. Two cores and ten database connections serve a few requests at a time
 * however many are admitted: a request admitted early only holds its parsed body, document,
 * loaders and half-built answer in the heap while it waits for the CPU or a connection. Measured
 * with `npm run bench` (50 clients at once), admitting them all made the heap grow between
 * collections until RSS passed 250 MB; with the gate the waiting is done by sockets instead.
 */
export interface GraphqlPostOptions<TContext extends object> {
  apollo: ApolloServer<TContext>;
  /** Security headers of an API response, `[name, value]`, set on every answer. */
  headers: readonly (readonly [string, string])[];
  /** The request id (incoming `x-request-id` if well-formed, else new); also sets the header. */
  requestId(req: IncomingMessage, res: ServerResponse): string;
  /** The body parser: sets `req.body`, or calls back with an HTTP error (413, 400, 415). */
  body(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
  context(req: IncomingMessage, requestId: string): Promise<TContext>;
  /** Answers an error the way Express's error handler does. */
  fail(error: unknown, res: ServerResponse): void;
  /** Requests executing at once (`GRAPHQL_CONCURRENCY`); the rest wait their turn. */
  concurrency: number;
}

/** Whether a request is a POST to exactly /graphql (with or without a query string). */
export function isGraphqlPost(req: IncomingMessage): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  return url === '/graphql' || url.startsWith('/graphql?');
}

export function graphqlPost<TContext extends object>(options: GraphqlPostOptions<TContext>) {
  const { apollo, headers } = options;
  // Express caught what a middleware threw and answered 500; so does this, instead of letting a
  // throw reach the process (and a failing error answer closes the socket).
  const fail = (error: unknown, res: ServerResponse) => {
    try {
      options.fail(error, res);
    } catch {
      res.destroy();
    }
  };
  const gate = pLimit(options.concurrency);
  return (req: IncomingMessage, res: ServerResponse): void => {
    // The slot is held until the answer is sent or the client went away ('close' covers both).
    void gate(
      () =>
        new Promise<void>((release) => {
          if (req.destroyed || res.closed) {
            release();
            return;
          }
          res.once('close', () => release());
          handle(req, res);
        }),
    );
  };

  function handle(req: IncomingMessage, res: ServerResponse): void {
    try {
      for (const [name, value] of headers) res.setHeader(name, value);
      const requestId = options.requestId(req, res);
      // Answers carry people's data: no browser or proxy may keep them.
      res.setHeader('Cache-Control', 'no-store');
      options.body(req, res, (error?: unknown) => {
        if (error) {
          fail(error, res);
          return;
        }
        answer(req, res, requestId).catch((failure: unknown) => fail(failure, res));
      });
    } catch (error) {
      fail(error, res);
    }
  }

  async function answer(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const httpHeaders = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) httpHeaders.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: httpHeaders,
        search: query >= 0 ? url.slice(query) : '',
        body: (req as IncomingMessage & { body?: unknown }).body,
      },
      context: () => options.context(req, requestId),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status || 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}
