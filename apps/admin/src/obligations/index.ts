import InteractionIcon from '@mui/icons-material/Handshake';
import { RequiredInteractionList } from './RequiredInteractionList';

/**
 * Required interactions (XII): a list across the accounts one may see (with "awaiting my
 * confirmation"); each is set, confirmed and retired on its account's page too.
 */
export default {
  list: RequiredInteractionList,
  icon: InteractionIcon,
  options: { label: 'Required interactions' },
};
