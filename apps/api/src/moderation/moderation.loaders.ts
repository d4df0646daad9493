import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Loaders } from '../server/loaders.js';
import { ModerationCaseNote, ModerationSnapshot, RemovalQuestion } from './moderation.entities.js';
import { loadNotices, type NoticeRow } from './moderation.service.js';

/**
 * The request's batch loaders for a case's nested lists (snapshot, notices, notes, questions):
 * one statement per relation for a whole page, none at all for what the queue's page statement
 * already joined (primed). Kept beside the feature and tied to the request's shared loaders, so
 * they live and die with the request like the others.
 */
function groupBy<T>(rows: T[], key: (row: T) => string, ids: readonly string[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return ids.map((id) => groups.get(id) ?? []);
}

function create(em: EntityManager) {
  return {
    snapshot: new DataLoader<string, ModerationSnapshot | null>(async (ids) => {
      const rows = await em.find(ModerationSnapshot, { caseId: { $in: [...ids] } });
      const map = new Map(rows.map((r) => [r.caseId, r]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    notices: new DataLoader<string, NoticeRow[]>(async (ids) =>
      groupBy(await loadNotices(em, ids), (r) => r.case_id, ids),
    ),
    notes: new DataLoader<string, ModerationCaseNote[]>(async (ids) =>
      groupBy(
        await em.find(ModerationCaseNote, { moderationCase: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
        (r) => r.moderationCase.id,
        ids,
      ),
    ),
    questions: new DataLoader<string, RemovalQuestion[]>(async (ids) =>
      groupBy(
        await em.find(RemovalQuestion, { moderationCase: { $in: [...ids] } }, { orderBy: { askedAt: 'asc', id: 'asc' } }),
        (r) => r.moderationCase.id,
        ids,
      ),
    ),
  };
}

export type ModerationLoaders = ReturnType<typeof create>;

const perRequest = new WeakMap<Loaders, ModerationLoaders>();

export function moderationLoaders(ctx: { em: EntityManager; loaders: Loaders }): ModerationLoaders {
  let loaders = perRequest.get(ctx.loaders);
  if (!loaders) {
    loaders = create(ctx.em);
    perRequest.set(ctx.loaders, loaders);
  }
  return loaders;
}
