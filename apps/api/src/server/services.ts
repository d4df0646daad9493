import type { Config } from '../config.js';
import { AuthService } from '../auth/auth.service.js';
import { StaffService } from '../staff/staff.service.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ApprovalsService } from '../approvals/approvals.service.js';
import { CredentialsService } from '../credentials/credentials.service.js';

/** One instance of each service per process; they are stateless apart from configuration. */
export function createServices(config: Config) {
  return {
    auth: new AuthService(config),
    staff: new StaffService(),
    accounts: new AccountsService(),
    approvals: new ApprovalsService(),
    credentials: new CredentialsService(config),
  };
}

export type Services = ReturnType<typeof createServices>;
