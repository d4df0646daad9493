import StudentIcon from '@mui/icons-material/School';
import { StudentList } from './StudentList';
import { StudentShow } from './StudentShow';

/** Students come from the SIS; the dashboard lists and shows them with their release (XIV). */
export default {
  list: StudentList,
  show: StudentShow,
  icon: StudentIcon,
  recordRepresentation: (r: { givenName?: string; familyName?: string }) =>
    `${r.givenName ?? ''} ${r.familyName ?? ''}`.trim(),
  options: { label: 'Students' },
};
