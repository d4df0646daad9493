import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { callPlainFieldResolversDirectly } from './server/direct-resolvers.js';
import { AccountsResolver, AffiliationReviewResolver } from './accounts/accounts.resolver.js';
import { ApprovalHistoryResolver, ApprovalsResolver } from './approvals/approvals.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { CredentialsResolver } from './credentials/credentials.resolver.js';
import { authChecker } from './auth/auth-checker.js';
import { AcknowledgementsResolver } from './acknowledgements/acknowledgements.resolver.js';
import { AuthResolver } from './auth/auth.resolver.js';
import {
  ContentQuestionMessageResolver,
  ContentQuestionResolver,
  InteractionConfirmationResolver,
  RequiredInteractionResolver,
  SocialAccountInteractionsResolver,
} from './obligations/obligations.resolver.js';
import { ConnectionsResolver } from './connections/connections.resolver.js';
import {
  CaseNoteResolver,
  ContentSnapshotResolver,
  LegalHoldResolver,
  ModerationResolver,
  RemovalQuestionResolver,
} from './moderation/moderation.resolver.js';
import { NotificationsResolver } from './notifications/notifications.resolver.js';
import { OrganizationResolver } from './organization/organization.resolver.js';
import { SocialAccountAdvisoriesResolver } from './policy/advisories.resolver.js';
import { PolicyResolver } from './policy/policy.resolver.js';
import { PublicationResolver, StudentVerdictResolver } from './publication/publication.js';
import { GuardianResolver, MediaReleaseResolver, SisSyncResolver, StudentsResolver } from './sis/sis.resolver.js';
import { StaffResolver } from './staff/staff.resolver.js';

export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver,
  StaffResolver,
  OrganizationResolver,
  AuditResolver,
  AccountsResolver,
  AffiliationReviewResolver,
  ApprovalsResolver,
  ApprovalHistoryResolver,
  CredentialsResolver,
  SisSyncResolver,
  StudentsResolver,
  GuardianResolver,
  MediaReleaseResolver,
  PublicationResolver,
  StudentVerdictResolver,
  NotificationsResolver,
  ModerationResolver,
  ContentSnapshotResolver,
  CaseNoteResolver,
  RemovalQuestionResolver,
  LegalHoldResolver,
  PolicyResolver,
  SocialAccountAdvisoriesResolver,
  RequiredInteractionResolver,
  InteractionConfirmationResolver,
  SocialAccountInteractionsResolver,
  ContentQuestionResolver,
  ContentQuestionMessageResolver,
  AcknowledgementsResolver,
  ConnectionsResolver,
];

/**
 * Builds the schema. Without `authChecker`, every `@Authorized` would silently be a no-op
 * (SECURITY.md), so it is always passed, and tests check a denial for every operation.
 */
export async function createSchema(): Promise<GraphQLSchema> {
  return (await buildStewardSchema()).schema;
}

/** The schema, and which field resolvers are called directly (`Type.field`; for the tests). */
export async function buildStewardSchema(): Promise<{ schema: GraphQLSchema; direct: string[] }> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    validate: false,
    emitSchemaFile: false,
  });
  // type-graphql has no option for the root types' descriptions; GraphiQL shows them first.
  const query = schema.getQueryType();
  if (query) query.description = 'Reads: the register, approvals, people, students and the audit trail.';
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description = 'Changes; each one is authorized, transactional and audited.';
  }
  // List rows' plain field resolvers (owner, school, attention...) skip type-graphql's per-call
  // wrapper; anything authorized or with arguments keeps it (server/direct-resolvers.ts).
  const direct = callPlainFieldResolversDirectly(schema, RESOLVERS);
  return { schema, direct };
}
