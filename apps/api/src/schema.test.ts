import { describe, expect, it } from 'vitest';
import { createSchema } from './schema.js';

const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

// Duck-typed on purpose: importing `graphql` here would load a second copy of it under vitest.
interface AnyType {
  name: string;
  description?: string | null;
  getFields?: () => Record<string, { name: string; description?: string | null }>;
}

describe('GraphQL schema', () => {
  it('has a description on every type and field (what GraphiQL shows developers)', async () => {
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap()) as AnyType[]) {
      if (type.name.startsWith('__') || BUILT_IN.has(type.name)) continue;
      if (!type.description) missing.push(type.name);
      for (const field of Object.values(type.getFields?.() ?? {})) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
