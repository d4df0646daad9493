import { useDataProvider } from 'react-admin';
import { approvalMethods, approvalRequestsApi } from './approvals/queries';
import { connectionMethods } from './connections/queries';
import { createDataProvider } from './graphql/dataProvider';
import { moderationCasesApi, moderationMethods } from './moderation/queries';
import { contentQuestionMethods, contentQuestionsApi } from './contentQuestions/queries';
import { interactionMethods, requiredInteractionsApi } from './obligations/queries';
import { organizationMethods } from './organization/queries';
import { notificationsApi, outboxMethods } from './outbox/queries';
import { publicationMethods } from './publication/queries';
import { credentialMethods, reviewMethods, socialAccountsApi } from './socialAccounts/queries';
import { staffApi } from './staff/queries';
import { studentsApi } from './students/queries';
import { syncRunsApi } from './sync/queries';

/** One ResourceApi per resource folder, plus the few operations that are not CRUD. */
export const dataProvider = createDataProvider(
  {
    staff: staffApi,
    socialAccounts: socialAccountsApi,
    approvalRequests: approvalRequestsApi,
    students: studentsApi,
    syncRuns: syncRunsApi,
    moderationCases: moderationCasesApi,
    notifications: notificationsApi,
    requiredInteractions: requiredInteractionsApi,
    contentQuestions: contentQuestionsApi,
  },
  {
    ...organizationMethods,
    ...credentialMethods,
    ...approvalMethods,
    ...reviewMethods,
    ...publicationMethods,
    ...moderationMethods,
    ...interactionMethods,
    ...contentQuestionMethods,
    ...connectionMethods,
    ...outboxMethods,
  },
);

export type StewardDataProvider = typeof dataProvider;

/** react-admin's data provider (with its sign-out-on-401 handling), typed with our methods. */
export const useStewardDataProvider = () => useDataProvider<StewardDataProvider>();
