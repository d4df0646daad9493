import ModerationIcon from '@mui/icons-material/Gavel';
import { ModerationCaseCreate } from './ModerationCaseCreate';
import { ModerationCaseList } from './ModerationCaseList';
import { ModerationCaseShow } from './ModerationCaseShow';

/** Moderation cases (XXX-XXXV): the queue, a case, and recording a removal. No edit: steps only. */
export default {
  list: ModerationCaseList,
  show: ModerationCaseShow,
  create: ModerationCaseCreate,
  icon: ModerationIcon,
  options: { label: 'Moderation' },
};
