import type { Config } from '../config.js';
import { IdentityCache } from '../auth/identity-cache.js';
import { AuthService } from '../auth/auth.service.js';
import { StaffService } from '../staff/staff.service.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { AcknowledgementsService } from '../acknowledgements/acknowledgements.service.js';
import { ConnectionsService } from '../connections/connections.service.js';
import { ModerationService } from '../moderation/moderation.service.js';
import { ContentQuestionsService } from '../obligations/content-questions.service.js';
import { InteractionsService } from '../obligations/interactions.service.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { ApprovalMail } from '../approvals/approval-mail.js';
import { CredentialsService } from '../credentials/credentials.service.js';
import { PublicationService } from '../publication/publication.js';
import { SisSyncService } from '../sis/sync.service.js';
import { StudentsService } from '../sis/students.service.js';

/**
 * One instance of each service per process; they are stateless apart from configuration and
 * the short-lived identity cache, which services that change a person's access must clear.
 */
export function createServices(config: Config) {
  const identities = new IdentityCache(config.identityCacheSeconds * 1000);
  const approvalMail = new ApprovalMail(config);
  return {
    identities,
    auth: new AuthService(config, identities),
    staff: new StaffService(),
    accounts: new AccountsService(),
    approvals: new ApprovalsService(approvalMail),
    approvalMail,
    credentials: new CredentialsService(config),
    sync: new SisSyncService(identities),
    students: new StudentsService(),
    publication: new PublicationService(),
    moderation: new ModerationService(config),
    interactions: new InteractionsService(),
    contentQuestions: new ContentQuestionsService(config),
    acknowledgements: new AcknowledgementsService(config),
    connections: new ConnectionsService(),
  };
}

export type Services = ReturnType<typeof createServices>;
