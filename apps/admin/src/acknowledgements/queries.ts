import { grantedScope, type Role, validateAcknowledgementRound } from '@steward/domain';

/** The page's route (App.tsx's CustomRoutes and the menu entry `acknowledgements`). */
export const ACKNOWLEDGEMENTS_PATH = '/acknowledgements';

const ROUND_FIELDS = `id revisionDate dueDate schoolId schoolName current supersededAt requiredCount acknowledgedCount
  sections { id title summary }`;

export const MY_ACKNOWLEDGEMENT = `
  query MyAcknowledgement {
    myAcknowledgement {
      round { ${ROUND_FIELDS} }
      required acknowledgedAt overdue
      sections { id title summary }
      history { id roundId revisionDate acknowledgedAt }
    }
  }
`;

export const ACKNOWLEDGEMENT_ROUNDS = `
  query AcknowledgementRounds($page: PageInput) {
    acknowledgementRounds(page: $page) { total items { ${ROUND_FIELDS} } }
  }
`;

export const ACKNOWLEDGEMENT_ROUND = `
  query AcknowledgementRound($id: ID!, $page: PageInput) {
    acknowledgementRound(id: $id) {
      ${ROUND_FIELDS}
      completionBySchool { schoolId schoolName required acknowledged pending }
      pending(page: $page) { total items { staffId fullName email position schoolName remindersSent lastRemindedAt } }
    }
  }
`;

export const ACKNOWLEDGE_POLICY = `
  mutation AcknowledgePolicy($roundId: ID!) {
    acknowledgePolicy(roundId: $roundId) { id roundId revisionDate acknowledgedAt }
  }
`;

export const OPEN_ACKNOWLEDGEMENT_ROUND = `
  mutation OpenAcknowledgementRound($input: OpenAcknowledgementRoundInput!) {
    openAcknowledgementRound(input: $input) { ${ROUND_FIELDS} }
  }
`;


export interface SectionRecord {
  id: string;
  title: string;
  summary: string;
}

export interface RoundRecord {
  id: string;
  revisionDate: string;
  dueDate: string;
  schoolId: string | null;
  schoolName: string | null;
  current: boolean;
  supersededAt: string | null;
  requiredCount: number;
  acknowledgedCount: number;
  sections: SectionRecord[];
}

export interface SchoolCompletionRecord {
  schoolId: string | null;
  schoolName: string;
  required: number;
  acknowledged: number;
  pending: number;
}

export interface PendingRecord {
  staffId: string;
  fullName: string;
  email: string;
  position: string;
  schoolName: string;
  remindersSent: number;
  lastRemindedAt: string | null;
}

export interface RoundDetailRecord extends RoundRecord {
  completionBySchool: SchoolCompletionRecord[];
  pending: { total: number; items: PendingRecord[] };
}

export interface MyAcknowledgementRecord {
  round: RoundRecord | null;
  required: boolean;
  acknowledgedAt: string | null;
  overdue: boolean;
  sections: SectionRecord[];
  history: { id: string; roundId: string; revisionDate: string; acknowledgedAt: string }[];
}

/** What the signed-in person sees of others' completion: nobody's, their staff's, or the district's. */
export type CompletionView = 'OWN' | 'OWN_STAFF' | 'DISTRICT';

export function completionView(roles: readonly Role[]): CompletionView | null {
  const scope = grantedScope(roles, 'acknowledgement.read');
  if (scope === null) return null;
  return scope === 'SCHOOL' ? 'OWN_STAFF' : scope;
}

/** "12 of 20 (60%)"; "nobody required" when the round asks no one in view. */
export function completionText(acknowledged: number, required: number): string {
  if (required === 0) return 'nobody required';
  return `${acknowledged} of ${required} (${Math.round((acknowledged / required) * 100)}%)`;
}

/** Who a round asks: all active staff, or one school's. */
export function roundAudience(round: Pick<RoundRecord, 'schoolName'>): string {
  return round.schoolName ? `Active staff of ${round.schoolName}` : 'All active staff';
}

/** A timestamp as people read it, in their own time zone: "25 Nov 2026, 14:05". */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Today in UTC, as the API judges due dates (`YYYY-MM-DD`). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export interface OpenRoundValues {
  revisionDate: string;
  dueDate: string;
  audience: 'ALL' | 'SCHOOL';
  schoolId: string;
}

/**
 * The form's errors before sending, by field, from the same domain rule the API applies (the
 * API still decides, e.g. against a round another admin opened meanwhile).
 */
export function openRoundErrors(values: OpenRoundValues, latestRevisionDate: string | null, today = todayUtc()): Partial<Record<keyof OpenRoundValues, string>> {
  const errors: Partial<Record<keyof OpenRoundValues, string>> = {};
  if (!values.revisionDate) errors.revisionDate = 'Enter the revision date.';
  if (!values.dueDate) errors.dueDate = 'Enter the due date.';
  if (values.audience === 'SCHOOL' && !values.schoolId) errors.schoolId = 'Choose the school.';
  if (errors.revisionDate || errors.dueDate) return errors;
  const check = validateAcknowledgementRound({
    revisionDate: values.revisionDate,
    dueDate: values.dueDate,
    latestRevisionDate,
    today,
  });
  if (!check.ok) errors[check.field] = check.message;
  return errors;
}

/** The mutation's input from the form. */
export function openRoundInput(values: OpenRoundValues) {
  return {
    revisionDate: values.revisionDate,
    dueDate: values.dueDate,
    schoolId: values.audience === 'SCHOOL' ? values.schoolId : null,
  };
}
