import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';
import approvalRequests from './approvals';
import { authProvider } from './auth/authProvider';
import { LoginPage } from './auth/LoginPage';
import { Dashboard } from './Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { Layout } from './layout/Layout';
import moderationCases from './moderation';
import contentQuestions from './contentQuestions';
import requiredInteractions from './obligations';
import notifications from './outbox';
import { darkTheme, lightTheme } from './layout/theme';
import socialAccounts from './socialAccounts';
import staff from './staff';
import students from './students';
import syncRuns from './sync';
import { CheckPostPage } from './publication/CheckPostPage';
import { ConnectionsPage } from './connections/ConnectionsPage';
import { AcknowledgementsPage } from './acknowledgements/AcknowledgementsPage';
import { PolicyPage } from './policy/PolicyPage';
import { StewardNotification } from './policy/StewardNotification';

/**
 * Every resource is registered for everyone; what a role may open is decided by
 * authProvider.canAccess from the domain's permission matrix (menu, pages and buttons).
 */
export function App() {
  return (
    <Admin
      title="Steward — Policy 4051"
      authProvider={authProvider}
      dataProvider={dataProvider}
      i18nProvider={i18nProvider}
      loginPage={LoginPage}
      layout={Layout}
      // WCAG 2.1 AA colors (docs/accessibility.md); the app bar toggles between the two, and the
      // first visit follows the system's light or dark preference.
      lightTheme={lightTheme}
      darkTheme={darkTheme}
      dashboard={Dashboard}
      notification={StewardNotification}
      requireAuth
      disableTelemetry
    >
      <Resource name="approvalRequests" {...approvalRequests} />
      <Resource name="moderationCases" {...moderationCases} />
      <Resource name="socialAccounts" {...socialAccounts} />
      <Resource name="requiredInteractions" {...requiredInteractions} />
      <Resource name="contentQuestions" {...contentQuestions} />
      <Resource name="staff" {...staff} />
      <Resource name="students" {...students} />
      <Resource name="syncRuns" {...syncRuns} />
      <Resource name="notifications" {...notifications} />
      <CustomRoutes>
        <Route path="/check-post" element={<CheckPostPage />} />
        <Route path="/connections" element={<ConnectionsPage />} />
        <Route path="/acknowledgements" element={<AcknowledgementsPage />} />
        <Route path="/policy" element={<PolicyPage />} />
      </CustomRoutes>
    </Admin>
  );
}
