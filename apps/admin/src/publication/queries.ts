import { MEDIA_KINDS, type MediaKind } from '@steward/domain';
import { graphqlRequest } from '../graphql/client';
import type { CheckFormValues, PublicationCheckRecord } from './types';

const CHECK_FIELDS = `
  id result plannedOn mediaKind createdAt
  checkedBy { id fullName }
  students {
    allowed problem message sections
    student { id givenName familyName preferredName }
  }
`;

export const CHECK_PUBLICATION = `
  mutation CheckPublication($input: CheckPublicationInput!) {
    checkPublication(input: $input) { ${CHECK_FIELDS} }
  }
`;

export const PUBLICATION_CHECKS = `
  query PublicationChecks($filter: PublicationCheckFilter, $page: PageInput) {
    publicationChecks(filter: $filter, page: $page) {
      items { ${CHECK_FIELDS} }
      total
    }
  }
`;

/** How many earlier checks of an account the page lists. */
export const RECENT_CHECKS = 10;

/** Today as the planned date's default: the viewer's calendar day, `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A date input's value as `YYYY-MM-DD`, or null (the API then uses today). */
function plannedOnOf(value: CheckFormValues['plannedOn']): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : todayIso(value);
  if (typeof value !== 'string') return null;
  const day = value.trim().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null;
}

/** Form values -> CheckPublicationInput: each student once, photo unless said otherwise. */
export function checkInput(values: CheckFormValues) {
  const students = Array.isArray(values.students)
    ? [
        ...new Set(
          values.students.filter((s): s is string => typeof s === 'string' && s.trim() !== ''),
        ),
      ]
    : [];
  const mediaKind: MediaKind = (MEDIA_KINDS as readonly unknown[]).includes(values.mediaKind)
    ? (values.mediaKind as MediaKind)
    : 'PHOTO';
  return {
    accountId: String(values.accountId ?? ''),
    students,
    mediaKind,
    plannedOn: plannedOnOf(values.plannedOn),
  };
}

/** "1 of 2 students may not be shown", for the banner and the screen reader. */
export function resultSummary(check: Pick<PublicationCheckRecord, 'result' | 'students'>): string {
  const total = check.students.length;
  const blocked = check.students.filter((s) => !s.allowed).length;
  const noun = total === 1 ? 'student' : 'students';
  if (check.result === 'ALLOWED') {
    return total === 1
      ? 'Allowed: the student may be shown in this post.'
      : `Allowed: all ${total} students may be shown in this post.`;
  }
  return `Blocked: ${blocked} of ${total} ${noun} may not be shown in this post.`;
}

/** The check and its record (IV, XIV), called directly: a check is an action, not a form save. */
export const publicationMethods = {
  async checkPublication(values: CheckFormValues): Promise<{ data: PublicationCheckRecord }> {
    const data = await graphqlRequest<{ checkPublication: PublicationCheckRecord }>(
      CHECK_PUBLICATION,
      { input: checkInput(values) },
    );
    return { data: data.checkPublication };
  },
  async getPublicationChecks(params: {
    accountId: string;
    perPage?: number;
  }): Promise<{ data: PublicationCheckRecord[]; total: number }> {
    const data = await graphqlRequest<{
      publicationChecks: { items: PublicationCheckRecord[]; total: number };
    }>(PUBLICATION_CHECKS, {
      filter: { accountId: params.accountId },
      page: { page: 1, perPage: params.perPage ?? RECENT_CHECKS },
    });
    return { data: data.publicationChecks.items, total: data.publicationChecks.total };
  },
};

export type PublicationMethods = typeof publicationMethods;
