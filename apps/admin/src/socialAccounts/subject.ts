import type { Subject } from '../access/access';
import type { SocialAccountRecord } from './types';

/** Whose account it is, as the permission matrix's scope sees it (same as the API's). */
export function accountSubject(record: SocialAccountRecord): Subject {
  return {
    ownerId: record.owner?.id ?? null,
    ownerSupervisorId: record.owner?.supervisor?.id ?? null,
    schoolId: record.school?.id ?? null,
  };
}

/** A list row lacks the classification details; the show page waits for the full record. */
export function isFullRecord(
  record: SocialAccountRecord | undefined,
): record is SocialAccountRecord {
  return !!record && typeof record.classificationExplanation === 'string';
}
