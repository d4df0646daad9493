import OutboxIcon from '@mui/icons-material/Outbox';
import { NotificationList } from './NotificationList';
import { NotificationShow } from './NotificationShow';

/** The mail outbox (district admin, auditor): every message, its delivery, its text. */
export default {
  list: NotificationList,
  show: NotificationShow,
  icon: OutboxIcon,
  options: { label: 'Outbox' },
};
