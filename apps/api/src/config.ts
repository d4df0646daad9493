import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting comes from the environment (README "Configuration" lists them all). Defaults make
 * `npm start` work on a fresh machine; production refuses to start without the settings that
 * protect people's data.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TOKEN_SECRET: z.string().min(32).optional(),
  TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().optional(),
  OIDC_JWKS_URI: z.string().url().optional(),
  OIDC_EMAIL_CLAIM: z.enum(['email', 'upn', 'preferred_username']).default('email'),
  OIDC_MAX_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().positive().max(86_400).default(7_200),
  CREDENTIAL_MASTER_KEY: z.string().optional(),
  CREDENTIAL_PREVIOUS_KEYS: z.string().optional(),
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).optional(),
  IDENTITY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  GRAPHQL_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(8),
  ADMIN_DIST: z.string().optional(),
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Steward <steward@localhost>'),
  SMTP_DEV_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  MODERATION_RESPONSE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  MODERATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(3 * 365),
  MODERATION_DISMISSED_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  logLevel: string;
  tokenSecret: Uint8Array;
  tokenTtlSeconds: number;
  oidc: {
    issuer: string;
    audience: string;
    jwksUri: string | null;
    /**
     * The claim that names the person. `email` is honoured only with `email_verified: true`;
     * `upn` / `preferred_username` are unverified claims a district may opt into for its own
     * single-tenant issuer, where the tenant alone controls them (README "Configuration").
     */
    emailClaim: 'email' | 'upn' | 'preferred_username';
    /** Longest accepted ID token lifetime (`exp - iat`) and age (`now - iat`). */
    maxTokenLifetimeSeconds: number;
  } | null;
  /** Master keys for credential escrow, current first: `keyId:base64`. */
  credentialKeys: { current: MasterKey; previous: MasterKey[] };
  introspection: boolean;
  /** How long a verified token's person is remembered (0: not at all). */
  identityCacheSeconds: number;
  /** GraphQL POSTs executing at once; more wait their turn in arrival order (graphql-http.ts). */
  graphqlConcurrency: number;
  adminDist: string | null;
  seedDemo: boolean;
  /** Where people open the dashboard; links in mails point here. */
  publicUrl: string;
  mail: {
    /** The district's SMTP server; null in development starts the local catcher instead. */
    smtpUrl: string | null;
    from: string;
    /** Port of the development SMTP catcher (0: any free port). */
    devPort: number;
    pollMs: number;
    maxAttempts: number;
  };
  moderation: {
    /** An open case unassigned or undecided for longer than this is overdue in the queue. */
    responseHours: number;
    /** How long a removal's evidence is kept before `moderation:purge` may remove its content. */
    retentionDays: number;
    /** The same for a dismissed case (nothing was removed, so less to keep). */
    dismissedRetentionDays: number;
  };
}

export interface MasterKey {
  id: string;
  key: Buffer;
}

export class ConfigError extends Error {}

/** Parses `keyId:base64key` (32 bytes). */
export function parseMasterKey(text: string, name: string): MasterKey {
  const [id, b64] = text.trim().split(':');
  if (!id || !b64 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
    throw new ConfigError(`${name} must look like "keyId:base64-of-32-bytes" (e.g. k1:...)`);
  }
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new ConfigError(`${name}: the key must be 32 bytes (base64)`);
  return { id, key };
}

/** A file in the data folder holding a generated development secret, created once. */
function devSecretFile(dataDir: string, file: string, make: () => string): string {
  const full = path.join(dataDir, file);
  if (existsSync(full)) return readFileSync(full, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = make();
  writeFileSync(full, `${value}\n`, { mode: 0o600 });
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  // npm sets INIT_CWD to where `npm start` was typed, so ./.data is the checkout's folder.
  const dataDir = path.resolve(e.DATA_DIR ?? path.join(env.INIT_CWD ?? process.cwd(), '.data'));

  if (isProduction && !e.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL is required when NODE_ENV=production');
  }
  if (isProduction && !e.CREDENTIAL_MASTER_KEY) {
    throw new ConfigError('CREDENTIAL_MASTER_KEY is required when NODE_ENV=production');
  }
  if ((e.OIDC_ISSUER && !e.OIDC_AUDIENCE) || (!e.OIDC_ISSUER && e.OIDC_AUDIENCE)) {
    throw new ConfigError('OIDC_ISSUER and OIDC_AUDIENCE must be set together');
  }

  const tokenSecret =
    e.TOKEN_SECRET ??
    devSecretFile(dataDir, 'token-secret', () => randomBytes(32).toString('base64url'));
  const currentKey = parseMasterKey(
    e.CREDENTIAL_MASTER_KEY ??
      devSecretFile(
        dataDir,
        'credential-master-key',
        () => `dev1:${randomBytes(32).toString('base64')}`,
      ),
    'CREDENTIAL_MASTER_KEY',
  );
  const previous = (e.CREDENTIAL_PREVIOUS_KEYS ?? '')
    .split(',')
    .filter((s) => s.trim())
    .map((s) => parseMasterKey(s, 'CREDENTIAL_PREVIOUS_KEYS'));

  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    logLevel: e.LOG_LEVEL,
    tokenSecret: new TextEncoder().encode(tokenSecret),
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    oidc:
      e.OIDC_ISSUER && e.OIDC_AUDIENCE
        ? {
            issuer: e.OIDC_ISSUER,
            audience: e.OIDC_AUDIENCE,
            jwksUri: e.OIDC_JWKS_URI ?? null,
            emailClaim: e.OIDC_EMAIL_CLAIM,
            maxTokenLifetimeSeconds: e.OIDC_MAX_TOKEN_LIFETIME_SECONDS,
          }
        : null,
    credentialKeys: { current: currentKey, previous },
    introspection: e.GRAPHQL_INTROSPECTION ? e.GRAPHQL_INTROSPECTION === 'true' : !isProduction,
    identityCacheSeconds: e.IDENTITY_CACHE_SECONDS,
    graphqlConcurrency: e.GRAPHQL_CONCURRENCY,
    adminDist: e.ADMIN_DIST ?? null,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : !isProduction,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      devPort: e.SMTP_DEV_PORT,
      pollMs: e.OUTBOX_POLL_MS,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    },
    moderation: {
      responseHours: e.MODERATION_RESPONSE_HOURS,
      retentionDays: e.MODERATION_RETENTION_DAYS,
      dismissedRetentionDays: e.MODERATION_DISMISSED_RETENTION_DAYS,
    },
  };
}
