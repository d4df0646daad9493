import { ApiError, type GraphQLErrorPayload, toApiError } from './errors';
import { currentToken } from './session';

/** Same origin: the API serves the dashboard, and `vite dev` proxies /graphql to the API. */
export const GRAPHQL_URL = '/graphql';

export interface RequestOptions {
  /** Overrides the session token; `null` sends none (devLogin must not carry a stale token). */
  token?: string | null;
  signal?: AbortSignal;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorPayload[];
}

/**
 * Sends one GraphQL operation and returns `data`, or throws an ApiError for the first error.
 * Every query text is written by hand in its resource folder: introspection is off in
 * production, so nothing here may depend on reading the schema at run time.
 */
export async function graphqlRequest<T>(
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<T> {
  const token = options.token === undefined ? currentToken() : options.token;
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as { name?: string })?.name === 'AbortError') throw error;
    throw new ApiError(
      'The Steward API cannot be reached. Check your connection.',
      'NETWORK_ERROR',
      [],
      0,
    );
  }

  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(
      `The Steward API answered with an unexpected response (HTTP ${response.status}).`,
      'INTERNAL_SERVER_ERROR',
      [],
      response.status >= 400 ? response.status : 500,
    );
  }
  const first = body.errors?.[0];
  if (first) throw toApiError(first, response.status);
  if (body.data == null) {
    throw new ApiError('The Steward API returned no data.', 'INTERNAL_SERVER_ERROR', [], 500);
  }
  return body.data;
}
