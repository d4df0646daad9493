export interface SyncRecordError {
  index: number;
  sourcedId: string | null;
  field: string | null;
  message: string;
}

/** One SIS sync call: what came in, what it changed, what it refused. */
export interface SyncRunRecord {
  id: string;
  kind: string;
  source: string;
  actorLabel: string;
  startedAt: string;
  durationMs: number;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  failed: number;
  /** The first 100 refused records. */
  errors: SyncRecordError[];
}
