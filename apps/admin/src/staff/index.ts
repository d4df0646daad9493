import StaffIcon from '@mui/icons-material/People';
import { StaffList } from './StaffList';
import { StaffShow } from './StaffShow';

/** People come from the SIS; the dashboard lists and shows them (no create or edit here). */
export default {
  list: StaffList,
  show: StaffShow,
  icon: StaffIcon,
  recordRepresentation: 'fullName',
  options: { label: 'Staff' },
};
