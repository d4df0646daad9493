import QuestionIcon from '@mui/icons-material/LiveHelp';
import { ContentQuestionCreate } from './ContentQuestionCreate';
import { ContentQuestionList } from './ContentQuestionList';
import { ContentQuestionShow } from './ContentQuestionShow';

/** Questions about planned content (XVIII): the list, a thread, and asking. No edit: the thread only grows. */
export default {
  list: ContentQuestionList,
  show: ContentQuestionShow,
  create: ContentQuestionCreate,
  icon: QuestionIcon,
  options: { label: 'Questions about content' },
};
