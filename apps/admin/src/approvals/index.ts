import ApprovalIcon from '@mui/icons-material/FactCheck';
import { ApprovalRequestCreate } from './ApprovalRequestCreate';
import { ApprovalRequestList } from './ApprovalRequestList';
import { ApprovalRequestShow } from './ApprovalRequestShow';

/** Approval requests: the approver's inbox and the requester's submissions. No edit: steps only. */
export default {
  list: ApprovalRequestList,
  show: ApprovalRequestShow,
  create: ApprovalRequestCreate,
  icon: ApprovalIcon,
  options: { label: 'Approval requests' },
};
