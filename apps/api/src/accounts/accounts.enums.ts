import { registerEnumType } from 'type-graphql';
import {
  ACCOUNT_STATES,
  AFFILIATED_CONTENT_KIND_INFO,
  AFFILIATED_CONTENT_KINDS,
  type AffiliatedContentKind,
  AFFILIATION_REVIEW_STATUSES,
  AFFILIATION_SIGNALS,
  APPROVAL_KIND_INFO,
  APPROVAL_KINDS,
  APPROVAL_STATES,
  CLASSIFICATIONS,
  PLATFORMS,
  SIGNAL_INFO,
  type AffiliationSignal,
  type ApprovalKind,
} from '@steward/domain';
import { enumFrom } from '../server/enums.js';

export const PlatformEnum = enumFrom(PLATFORMS);
registerEnumType(PlatformEnum, { name: 'Platform', description: 'Social media platform.' });

export const AffiliatedContentKindEnum = enumFrom(AFFILIATED_CONTENT_KINDS);
registerEnumType(AffiliatedContentKindEnum, {
  name: 'AffiliatedContentKind',
  description:
    'What a register entry is: XXIX asks permission for accounts, web pages, microblogs, social ' +
    'media pages, handles and any other school-related content alike.',
  valuesConfig: Object.fromEntries(
    AFFILIATED_CONTENT_KINDS.map((k) => [
      k,
      { description: `${AFFILIATED_CONTENT_KIND_INFO[k].label}: ${AFFILIATED_CONTENT_KIND_INFO[k].description}` },
    ]),
  ) as Record<AffiliatedContentKind, { description: string }>,
});

export const ClassificationEnum = enumFrom(CLASSIFICATIONS);
registerEnumType(ClassificationEnum, {
  name: 'Classification',
  description: 'Personal or school-affiliated (VIII, IX).',
});

export const AffiliationSignalEnum = enumFrom(AFFILIATION_SIGNALS);
registerEnumType(AffiliationSignalEnum, {
  name: 'AffiliationSignal',
  description: 'A fact about an account that makes it school-affiliated (VIII, IX, XIX, XXIX).',
  valuesConfig: Object.fromEntries(
    AFFILIATION_SIGNALS.map((s) => [
      s,
      { description: `${SIGNAL_INFO[s].label} (${SIGNAL_INFO[s].sections.join(', ')})` },
    ]),
  ) as Record<AffiliationSignal, { description: string }>,
});

export const AccountStateEnum = enumFrom(ACCOUNT_STATES);
registerEnumType(AccountStateEnum, {
  name: 'AccountState',
  description: 'Lifecycle of a registered account; affiliated ones start PENDING_APPROVAL (XXIX).',
});

export const AttentionReasonEnum = enumFrom([
  'PENDING_APPROVAL',
  'SUSPENDED',
  'NEEDS_NEW_OWNER',
  'RECLASSIFIED',
  'AFFILIATION_REVIEW',
] as const);
registerEnumType(AttentionReasonEnum, {
  name: 'AttentionReason',
  description: 'Why an account needs someone to look at it.',
  valuesConfig: {
    AFFILIATION_REVIEW: {
      description:
        'Its profile text strongly suggests signals the owner did not declare: the supervising ' +
        'administrator applies them or confirms the account as personal (IX, XXIX).',
    },
  },
});

export const AffiliationReviewStatusEnum = enumFrom(AFFILIATION_REVIEW_STATUSES);
registerEnumType(AffiliationReviewStatusEnum, {
  name: 'AffiliationReviewStatus',
  description:
    'PENDING: waits for the supervising administrator; CONFIRMED_PERSONAL: confirmed personal ' +
    'with a note; APPLIED: signals applied, the account is school-affiliated (IX, XXIX).',
});

export enum AffiliationReviewAction {
  APPLY_SIGNALS = 'APPLY_SIGNALS',
  CONFIRM_PERSONAL = 'CONFIRM_PERSONAL',
}
registerEnumType(AffiliationReviewAction, {
  name: 'AffiliationReviewAction',
  description:
    'APPLY_SIGNALS reclassifies the account as school-affiliated (it then waits for approval, ' +
    'XXIX); CONFIRM_PERSONAL keeps it personal and needs a note.',
});

export const ApprovalKindEnum = enumFrom(APPROVAL_KINDS);
registerEnumType(ApprovalKindEnum, {
  name: 'ApprovalKind',
  description: 'What permission is asked for.',
  valuesConfig: Object.fromEntries(
    APPROVAL_KINDS.map((k) => [
      k,
      { description: `${APPROVAL_KIND_INFO[k].label} (${APPROVAL_KIND_INFO[k].sections.join(', ')})` },
    ]),
  ) as Record<ApprovalKind, { description: string }>,
});

export const ApprovalStateEnum = enumFrom(APPROVAL_STATES);
registerEnumType(ApprovalStateEnum, {
  name: 'ApprovalState',
  description: 'PENDING -> APPROVED | DENIED | WITHDRAWN | EXPIRED; APPROVED -> REVOKED | EXPIRED.',
});

export enum ApprovalDecision {
  APPROVE = 'APPROVE',
  DENY = 'DENY',
}
registerEnumType(ApprovalDecision, {
  name: 'ApprovalDecision',
  description: 'An approver decision; DENY needs a note.',
});
