import type { ResourceApi } from '../graphql/resource';

export const SYNC_RUN_LIST = `
  query SyncRuns($page: PageInput) {
    syncRuns(page: $page) {
      items {
        id kind source actorLabel startedAt durationMs
        received created updated unchanged deactivated failed
        errors { index sourcedId field message }
      }
      total
    }
  }
`;

/** SIS sync runs, newest first (district admin, auditor): a list only, each row has it all. */
export const syncRunsApi: ResourceApi = {
  list: { query: SYNC_RUN_LIST, field: 'syncRuns', filters: [] },
};

const KIND_LABELS: Record<string, string> = {
  organizations: 'Schools',
  staff: 'Staff',
  students: 'Students',
  guardians: 'Guardians',
  mediaReleases: 'Media releases',
};

const SOURCE_LABELS: Record<string, string> = {
  graphql: 'SIS API',
  oneroster: 'OneRoster import',
};

export function syncKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

export function syncSourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

/** "850 ms", "4.2 s", "2 min 5 s". */
export function durationLabel(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
