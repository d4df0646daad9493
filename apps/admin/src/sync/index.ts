import SyncIcon from '@mui/icons-material/Sync';
import { SyncRunList } from './SyncRunList';

/** SIS sync runs (district admin, auditor): a list whose rows open on their refused records. */
export default {
  list: SyncRunList,
  icon: SyncIcon,
  options: { label: 'Sync runs' },
};
