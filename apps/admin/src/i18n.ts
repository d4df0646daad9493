import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';

/**
 * English, with the policy's names for things: "Social account", not "Element", and messages
 * that say what happened in the policy's terms. Missing keys fall back to the text itself, so
 * the API's own error messages are shown as they are.
 */
const messages = {
  ...englishMessages,
  resources: {
    staff: { name: 'Staff member |||| Staff' },
    socialAccounts: {
      name: 'Social account |||| Social accounts',
      notifications: {
        created: 'Account registered and classified.',
        updated: 'Account saved and classified again.',
      },
    },
    approvalRequests: {
      name: 'Approval request |||| Approval requests',
      notifications: { created: 'Request submitted to your supervising administrator.' },
    },
    students: { name: 'Student |||| Students' },
    syncRuns: { name: 'Sync run |||| Sync runs' },
    moderationCases: {
      name: 'Moderation case |||| Moderation cases',
      notifications: { created: 'Case opened.' },
    },
    notifications: { name: 'Message |||| Outbox' },
  },
};

export const i18nProvider = polyglotI18nProvider(
  () => messages,
  'en',
  [{ locale: 'en', name: 'English' }],
  {
    allowMissing: true,
  },
);
