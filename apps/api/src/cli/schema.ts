// `npm run schema:write` writes apps/api/schema.graphql; `schema:check` fails when it is stale.
import 'reflect-metadata';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from '../schema.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema.graphql');

export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await createSchema()))}\n`;
}

const mode = process.argv[2];
const sdl = await schemaSdl();
if (mode === 'write') {
  writeFileSync(file, sdl);
  console.log(`wrote ${file}`);
} else if (mode === 'check') {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current !== sdl) {
    console.error(
      'apps/api/schema.graphql is out of date with the resolvers. Run `npm run schema:write ' +
        '--workspace @steward/api` and commit the result.',
    );
    process.exit(1);
  }
  console.log('schema.graphql is up to date');
} else {
  console.error('usage: schema.js write|check');
  process.exit(2);
}
