import AccountIcon from '@mui/icons-material/AlternateEmail';
import { SocialAccountCreate } from './SocialAccountCreate';
import { SocialAccountEdit } from './SocialAccountEdit';
import { SocialAccountList } from './SocialAccountList';
import { SocialAccountShow } from './SocialAccountShow';

/** The register of staff social accounts, their classification (VIII, IX) and escrow (XI). */
export default {
  list: SocialAccountList,
  show: SocialAccountShow,
  create: SocialAccountCreate,
  edit: SocialAccountEdit,
  icon: AccountIcon,
  recordRepresentation: (r: { handle?: string }) => `@${r.handle ?? ''}`,
  options: { label: 'Social accounts' },
};
