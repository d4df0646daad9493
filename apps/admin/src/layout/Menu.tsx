import ApprovalIcon from '@mui/icons-material/FactCheck';
import CodeIcon from '@mui/icons-material/Code';
import PeopleIcon from '@mui/icons-material/People';
import AccountIcon from '@mui/icons-material/AlternateEmail';
import CheckPostIcon from '@mui/icons-material/PlaylistAddCheck';
import ConnectionsIcon from '@mui/icons-material/PersonAddAlt';
import StudentIcon from '@mui/icons-material/School';
import SyncIcon from '@mui/icons-material/Sync';
import ModerationIcon from '@mui/icons-material/Gavel';
import OutboxIcon from '@mui/icons-material/Outbox';
import PolicyIcon from '@mui/icons-material/Policy';
import InteractionIcon from '@mui/icons-material/Handshake';
import QuestionIcon from '@mui/icons-material/LiveHelp';
import AcknowledgementsIcon from '@mui/icons-material/HowToReg';
import { ListItemIcon, MenuItem } from '@mui/material';
import type { ReactElement } from 'react';
import { Menu as RaMenu, usePermissions } from 'react-admin';
import { type MenuEntry, menuItems, toRoles } from '../access/access';

const ICONS: Record<MenuEntry['resource'], ReactElement> = {
  approvalRequests: <ApprovalIcon />,
  socialAccounts: <AccountIcon />,
  requiredInteractions: <InteractionIcon />,
  contentQuestions: <QuestionIcon />,
  'check-post': <CheckPostIcon />,
  connections: <ConnectionsIcon />,
  staff: <PeopleIcon />,
  students: <StudentIcon />,
  syncRuns: <SyncIcon />,
  moderationCases: <ModerationIcon />,
  notifications: <OutboxIcon />,
  acknowledgements: <AcknowledgementsIcon />,
  policy: <PolicyIcon />,
};

// In `vite dev` the API's /graphql answers JSON only; the page itself is served by Vite.
const PLAYGROUND_URL = import.meta.env.DEV ? '/graphiql.html' : '/graphql';

/** Only the resources the signed-in roles may read (the domain's permission matrix). */
export function Menu() {
  const { permissions, isPending } = usePermissions();
  if (isPending) return <RaMenu />;
  return (
    <RaMenu>
      <RaMenu.DashboardItem primaryText="Home" />
      {menuItems(toRoles(permissions)).map((item) => (
        <RaMenu.Item
          key={item.resource}
          to={`/${item.resource}`}
          primaryText={item.label}
          leftIcon={ICONS[item.resource]}
        />
      ))}
      {/* A separate page (GraphiQL), not a route of this app: a plain link. */}
      <MenuItem component="a" href={PLAYGROUND_URL} target="_blank" rel="noopener">
        <ListItemIcon>
          <CodeIcon />
        </ListItemIcon>
        GraphQL playground
      </MenuItem>
    </RaMenu>
  );
}
