import { pino, type Logger } from 'pino';

/**
 * Paths redacted from every log line. Credential mutations' variables and tokens must never reach
 * a log (III, XI; SECURITY.md), so they are removed by field name wherever they appear.
 */
export const REDACT_PATHS = [
  'secret',
  'password',
  'token',
  'authorization',
  '*.secret',
  '*.password',
  '*.token',
  '*.authorization',
  '*.*.secret',
  '*.*.password',
  'req.headers.authorization',
  'variables',
  '*.variables',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'steward-api' },
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    },
    destination,
  );
}

export type { Logger };
