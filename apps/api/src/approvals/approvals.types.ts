import { Field, ID, InputType } from 'type-graphql';
import type { ApprovalKind, ApprovalState } from '@steward/domain';
import { ApprovalKindEnum, ApprovalStateEnum } from '../accounts/accounts.enums.js';
import { PageOf } from '../server/pagination.js';
import { ApprovalRequest } from './approval-request.entity.js';

@InputType({ description: 'A new approval request. Give an account, or describe the activity.' })
export class SubmitApprovalRequestInput {
  @Field(() => ApprovalKindEnum, { description: 'What permission is asked for.' })
  kind!: ApprovalKind;

  @Field(() => ID, { nullable: true, description: 'The account (required for AFFILIATED_ACCOUNT).' })
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: 'The activity, when not about an account.' })
  activity?: string | null;

  @Field(() => String, { description: 'Why you ask (at least 10 characters).' })
  justification!: string;

  @Field(() => Date, { nullable: true, description: 'When the approval should lapse.' })
  expiresAt?: Date | null;
}

@InputType({ description: 'Narrows the request list; fields combine with AND.' })
export class ApprovalRequestFilter {
  @Field(() => ApprovalStateEnum, { nullable: true, description: 'State.' })
  state?: ApprovalState | null;

  @Field(() => ApprovalKindEnum, { nullable: true, description: 'Kind.' })
  kind?: ApprovalKind | null;

  @Field(() => Boolean, { nullable: true, description: 'Only pending requests you are to decide.' })
  waitingForMe?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Requester.' })
  requesterId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Account.' })
  accountId?: string | null;
}

export const ApprovalRequestPage = PageOf(ApprovalRequest, 'ApprovalRequest');
