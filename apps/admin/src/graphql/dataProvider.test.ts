import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataProvider } from './dataProvider';
import type { ResourceApi } from './resource';
import { saveSession } from './session';

const things: ResourceApi = {
  list: {
    query: 'query L { things }',
    field: 'things',
    filters: ['q'],
    sortFields: { name: 'NAME' },
  },
  one: { query: 'query O { thing }', field: 'thing' },
  normalize: (r) => ({ ...r, schoolId: (r.school as { id: string } | null)?.id ?? null }) as never,
};

interface Sent {
  query: string;
  variables: Record<string, unknown>;
  authorization: string | null;
}

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

let sent: Sent[] = [];
let reply: { status: number; body: unknown };

beforeEach(() => {
  sent = [];
  vi.stubGlobal('localStorage', memoryStorage());
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as Omit<Sent, 'authorization'>;
    const headers = init.headers as Record<string, string>;
    sent.push({ ...body, authorization: headers.authorization ?? null });
    return new Response(JSON.stringify(reply.body), { status: reply.status });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createDataProvider', () => {
  it('getList sends the mapped arguments with the bearer token and returns items and total', async () => {
    saveSession({ token: 'tok', expiresAt: null });
    reply = {
      status: 200,
      body: { data: { things: { items: [{ id: '1', school: { id: 's' } }], total: 7 } } },
    };
    const provider = createDataProvider({ things }, {});
    const result = await provider.getList('things', {
      pagination: { page: 2, perPage: 5 },
      sort: { field: 'name', order: 'ASC' },
      filter: { q: 'x', other: 'dropped' },
    });
    expect(sent[0]?.variables).toEqual({
      filter: { q: 'x' },
      page: { page: 2, perPage: 5 },
      sort: { field: 'NAME', direction: 'ASC' },
    });
    expect(sent[0]?.authorization).toBe('Bearer tok');
    expect(result).toEqual({ data: [{ id: '1', school: { id: 's' }, schoolId: 's' }], total: 7 });
  });

  it('getManyReference lists with the target as a filter', async () => {
    reply = { status: 200, body: { data: { things: { items: [], total: 0 } } } };
    const provider = createDataProvider(
      { things: { ...things, list: { ...things.list, filters: ['ownerId'] } } },
      {},
    );
    await provider.getManyReference('things', {
      target: 'ownerId',
      id: 'p1',
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(sent[0]?.variables.filter).toEqual({ ownerId: 'p1' });
  });

  it('sends no token once it has expired', async () => {
    saveSession({ token: 'old', expiresAt: '2000-01-01T00:00:00Z' });
    reply = { status: 200, body: { data: { thing: { id: '1' } } } };
    await createDataProvider({ things }, {}).getOne('things', { id: '1' });
    expect(sent[0]?.authorization).toBeNull();
  });

  it("throws the API's refusal with its code and sections", async () => {
    reply = {
      status: 200,
      body: {
        data: null,
        errors: [{ message: 'Not yours.', extensions: { code: 'FORBIDDEN', sections: ['XI'] } }],
      },
    };
    await expect(
      createDataProvider({ things }, {}).getOne('things', { id: '1' }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      sections: ['XI'],
    });
  });

  it('refuses to delete: records end by state changes, which the API audits', async () => {
    await expect(
      createDataProvider({ things }, {}).delete('things', { id: '1', previousData: { id: '1' } }),
    ).rejects.toThrow(/not available/);
  });

  it('refuses a single read of a list-only resource without asking the API', async () => {
    const { one: _one, ...listOnly } = things;
    await expect(
      createDataProvider({ runs: listOnly }, {}).getOne('runs', { id: '1' }),
    ).rejects.toThrow(/not available for runs/);
    expect(sent).toEqual([]);
  });
});
