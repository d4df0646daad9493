import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type {
  AffiliatedContentKind,
  AffiliationReviewStatus,
  AffiliationSignal,
  Classification,
  Platform,
} from '@steward/domain';
import { PageOf, SortDirection } from '../server/pagination.js';
import {
  AccountStateEnum,
  AffiliatedContentKindEnum,
  AffiliationReviewAction,
  AffiliationReviewStatusEnum,
  AffiliationSignalEnum,
  ClassificationEnum,
  PlatformEnum,
} from './accounts.enums.js';
import { SocialAccount } from './social-account.entity.js';

@ObjectType({ simpleResolvers: true, description: 'One reason behind a classification, with its policy sections.' })
export class ClassificationReasonView {
  @Field(() => AffiliationSignalEnum, { description: 'The signal.' })
  signal!: AffiliationSignal;

  @Field(() => [String], { description: 'Sections that make this signal count.' })
  sections!: string[];

  @Field(() => String, { description: 'What the signal means for this account.' })
  explanation!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The outcome of classifyAccount (VIII, IX).' })
export class ClassificationDecision {
  @Field(() => ClassificationEnum, { description: 'Personal or school-affiliated.' })
  classification!: Classification;

  @Field(() => [AffiliationSignalEnum], { description: 'The signals that decided it.' })
  decidingSignals!: AffiliationSignal[];

  @Field(() => [ClassificationReasonView], { description: 'One reason per deciding signal.' })
  reasons!: ClassificationReasonView[];

  @Field(() => [String], { description: 'Policy sections cited.' })
  sections!: string[];

  @Field(() => String, { description: 'One-sentence explanation.' })
  explanation!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A signal suggested from the handle, display name or bio.' })
export class SignalSuggestionView {
  @Field(() => AffiliationSignalEnum, { description: 'The suggested signal.' })
  signal!: AffiliationSignal;

  @Field(() => String, {
    description:
      'STRONG (clear enough to apply; undeclared, it flags the account for review) or POSSIBLE ' +
      '(a person must confirm; shown, never flagged).',
  })
  confidence!: string;

  @Field(() => String, { description: 'handle, displayName or bio.' })
  field!: string;

  @Field(() => String, { description: 'The words that matched.' })
  matched!: string;

  @Field(() => String, { description: 'Why this was suggested.' })
  reason!: string;

  @Field(() => [String], { description: 'Policy sections.' })
  sections!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A classification computed without saving anything.' })
export class ClassificationPreview {
  @Field(() => ClassificationDecision, { description: 'The decision for the ticked signals.' })
  decision!: ClassificationDecision;

  @Field(() => [SignalSuggestionView], { description: 'Signals suggested from the profile text.' })
  suggestions!: SignalSuggestionView[];
}

@ObjectType({
  simpleResolvers: true,
  description:
    "An account's affiliation review: its profile text strongly suggested signals the owner did " +
    "not declare, so the owner's supervising administrator (a district admin if none) decides " +
    '(IX, XXIX).',
})
export class AffiliationReview {
  @Field(() => AffiliationReviewStatusEnum, { description: 'Where the review stands.' })
  status!: AffiliationReviewStatus;

  @Field(() => [AffiliationSignalEnum], {
    description:
      'PENDING: the undeclared STRONG signals that raised it; CONFIRMED_PERSONAL: the signals ' +
      'confirmed not to apply; APPLIED: the signals applied.',
  })
  signals!: AffiliationSignal[];

  @Field(() => Date, { nullable: true, description: 'When it was flagged.' })
  flaggedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was resolved.' })
  reviewedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The reviewer's note." })
  note!: string | null;

  /** Not fields: what the field resolvers need. */
  accountId!: string;
  ownerId!: string;
  ownerSupervisorId!: string | null;
  reviewedById!: string | null;
}

@InputType({ description: "The supervising administrator's decision on a flagged account." })
export class ResolveAffiliationReviewInput {
  @Field(() => ID, { description: 'The account.' })
  id!: string;

  @Field(() => Int, {
    description:
      'The version you reviewed: the suggestions on your screen are the ones recorded (CONFLICT ' +
      'if the account changed since).',
  })
  version!: number;

  @Field(() => AffiliationReviewAction, { description: 'Apply signals, or confirm personal.' })
  action!: AffiliationReviewAction;

  @Field(() => [AffiliationSignalEnum], {
    nullable: true,
    description: 'APPLY_SIGNALS: the signals to apply (at least one).',
  })
  signals?: AffiliationSignal[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why; required to confirm an account as personal.',
  })
  note?: string | null;
}

@InputType({ description: 'Profile text and signals to preview a classification.' })
export class ClassifyAccountInput {
  @Field(() => String, { nullable: true, description: 'Handle.' })
  handle?: string | null;

  @Field(() => String, { nullable: true, description: 'Display name.' })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'Bio.' })
  bio?: string | null;

  @Field(() => [AffiliationSignalEnum], { nullable: true, description: 'Signals ticked.' })
  signals?: AffiliationSignal[] | null;
}

@InputType({
  description:
    'A new entry for the register: an account, or other school-affiliated content (XXIX). The ' +
    'server classifies it.',
})
export class RegisterSocialAccountInput {
  @Field(() => AffiliatedContentKindEnum, {
    nullable: true,
    defaultValue: 'SOCIAL_ACCOUNT',
    description:
      'What it is (default SOCIAL_ACCOUNT). A WEB_PAGE or OTHER_CONTENT is identified by its url; ' +
      'the other kinds by platform and handle.',
  })
  contentKind?: AffiliatedContentKind | null;

  @Field(() => PlatformEnum, {
    nullable: true,
    description: 'Platform; required except for a web page (WEB) or other content (OTHER).',
  })
  platform?: Platform | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Handle (a leading @ is removed); required except for a web page or other content, whose ' +
      'handle is its address without the scheme unless given.',
  })
  handle?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Profile address (http or https); required, https, for a web page.',
  })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Display name.' })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'Bio.' })
  bio?: string | null;

  @Field(() => ID, { nullable: true, description: "School or program; default: the owner's." })
  schoolId?: string | null;

  @Field(() => [AffiliationSignalEnum], { description: 'Affiliation signals that apply.' })
  signals!: AffiliationSignal[];

  @Field(() => ID, {
    nullable: true,
    description: 'Owner; default yourself. Only a district admin may register for someone else.',
  })
  ownerId?: string | null;
}

@InputType({ description: 'Changes to an account; omitted fields stay as they are.' })
export class UpdateSocialAccountInput {
  @Field(() => ID, { description: 'The account.' })
  id!: string;

  @Field(() => Int, { description: 'The version you edited (optimistic locking).' })
  version!: number;

  @Field(() => AffiliatedContentKindEnum, {
    nullable: true,
    description: 'What it is; the fields must fit the kind (see RegisterSocialAccountInput).',
  })
  contentKind?: AffiliatedContentKind | null;

  @Field(() => PlatformEnum, { nullable: true, description: 'Platform.' })
  platform?: Platform | null;

  @Field(() => String, { nullable: true, description: 'Handle.' })
  handle?: string | null;

  @Field(() => String, { nullable: true, description: 'Profile address.' })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Display name.' })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'Bio.' })
  bio?: string | null;

  @Field(() => ID, { nullable: true, description: 'School or program.' })
  schoolId?: string | null;

  @Field(() => [AffiliationSignalEnum], {
    nullable: true,
    description: 'Signals; when given, the account is re-classified.',
  })
  signals?: AffiliationSignal[] | null;
}

@InputType({ description: 'Narrows the account list; fields combine with AND.' })
export class SocialAccountFilter {
  @Field(() => String, { nullable: true, description: 'Matches handle or display name.' })
  q?: string | null;

  @Field(() => ClassificationEnum, { nullable: true, description: 'Classification.' })
  classification?: string | null;

  @Field(() => AccountStateEnum, { nullable: true, description: 'State.' })
  state?: string | null;

  @Field(() => PlatformEnum, { nullable: true, description: 'Platform.' })
  platform?: string | null;

  @Field(() => AffiliatedContentKindEnum, { nullable: true, description: 'What the entry is (XXIX).' })
  contentKind?: string | null;

  @Field(() => ID, { nullable: true, description: 'School.' })
  schoolId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Owner.' })
  ownerId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Only accounts pending approval, suspended, needing a new owner, reclassified, or flagged ' +
      'for an affiliation review.',
  })
  needsAttention?: boolean | null;
}

export enum SocialAccountSortField {
  HANDLE = 'handle',
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  STATE = 'state',
}
registerEnumType(SocialAccountSortField, {
  name: 'SocialAccountSortField',
  description: 'Account list sort keys.',
});

@InputType({ description: 'Account list ordering.' })
export class SocialAccountSort {
  @Field(() => SocialAccountSortField, { defaultValue: SocialAccountSortField.UPDATED_AT, description: 'Key.' })
  field: SocialAccountSortField = SocialAccountSortField.UPDATED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: 'Direction.' })
  direction: SortDirection = SortDirection.DESC;
}

@InputType({
  description:
    'An administrator of a school-affiliated account, by staff id or by email (exactly one). ' +
    'Only active staff qualify (XXIX).',
})
export class AdministratorInput {
  @Field(() => ID, { nullable: true, description: 'The staff member (Staff.id).' })
  staffId?: string | null;

  @Field(() => String, { nullable: true, description: 'Or their work email.' })
  email?: string | null;
}

@InputType({ description: "The complete list of a school-affiliated account's administrators." })
export class SetAccountAdministratorsInput {
  @Field(() => ID, { description: 'The account.' })
  accountId!: string;

  @Field(() => [AdministratorInput], {
    description:
      'Everyone who administers the account besides its owner; replaces the current list (empty ' +
      'removes them all). Each must be an active member of staff (XXIX), or nothing is changed.',
  })
  administrators!: AdministratorInput[];
}

export const SocialAccountPage = PageOf(SocialAccount, 'SocialAccount');
