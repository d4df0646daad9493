import type { CreateParams, RaRecord } from 'react-admin';
import { graphqlRequest } from '../graphql/client';
import type { ResourceApi } from '../graphql/resource';
import type { AskValues, ContentQuestionRecord } from './types';

const STAFF = 'id fullName';

const ROW_FIELDS = `
  id question plannedText mediaDescription status askedAt lastMessageAt answeredAt accountHandle version
  asker { ${STAFF} } recipient { ${STAFF} } answeredBy { ${STAFF} }
  canAnswer canFollowUp
`;

// The account itself (a link on the question's page) only where one question is read: the list
// shows accountHandle, which its page statement already carries.
const FULL_FIELDS = `
  ${ROW_FIELDS}
  account { id handle platform }
  messages { id kind body createdAt author { ${STAFF} } }
`;

export const CONTENT_QUESTION_LIST = `
  query ContentQuestions($filter: ContentQuestionFilter, $page: PageInput) {
    contentQuestions(filter: $filter, page: $page) {
      items { ${ROW_FIELDS} }
      total
    }
  }
`;

export const CONTENT_QUESTION_ONE = `
  query ContentQuestion($id: ID!) {
    contentQuestion(id: $id) { ${FULL_FIELDS} }
  }
`;

export const ASK_ABOUT_CONTENT = `
  mutation AskAboutContent($input: AskAboutContentInput!) {
    askAboutContent(input: $input) { ${FULL_FIELDS} }
  }
`;

export const ANSWER_CONTENT_QUESTION = `
  mutation AnswerContentQuestion($questionId: ID!, $answer: String!) {
    answerContentQuestion(questionId: $questionId, answer: $answer) { ${FULL_FIELDS} }
  }
`;

export const FOLLOW_UP_CONTENT_QUESTION = `
  mutation FollowUpContentQuestion($questionId: ID!, $message: String!) {
    followUpContentQuestion(questionId: $questionId, message: $message) { ${FULL_FIELDS} }
  }
`;

/** Accounts the viewer runs (owner), for the form's optional account. */
export const MY_ACCOUNTS = `
  query MyAccountsForQuestions($filter: SocialAccountFilter, $page: PageInput) {
    socialAccounts(filter: $filter, page: $page) { items { id handle platform classification } }
  }
`;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Form values -> AskAboutContentInput; blank optional fields are left out (null). */
export function askInput(values: AskValues) {
  return {
    question: text(values.question) ?? '',
    plannedText: text(values.plannedText) ?? '',
    mediaDescription: text(values.mediaDescription),
    accountId: text(values.accountId),
  };
}

function normalize(record: Record<string, unknown>): RaRecord {
  return record as unknown as RaRecord;
}

/** The list's filter keys, as ContentQuestionFilter names them. */
export const QUESTION_FILTERS = ['status', 'mine', 'waitingForMe', 'accountId'] as const;

export const contentQuestionsApi: ResourceApi = {
  list: {
    query: CONTENT_QUESTION_LIST,
    field: 'contentQuestions',
    filters: QUESTION_FILTERS,
    // The API lists latest activity first and takes no sort.
  },
  one: { query: CONTENT_QUESTION_ONE, field: 'contentQuestion' },
  create: {
    query: ASK_ABOUT_CONTENT,
    field: 'askAboutContent',
    variables: (params: CreateParams) => ({ input: askInput(params.data as AskValues) }),
  },
  normalize,
};

type Result = Promise<{ data: ContentQuestionRecord }>;

/** Answering and asking further (XVIII); the API checks who may and audits each. */
export const contentQuestionMethods = {
  async answerContentQuestion(params: { questionId: string; answer: string }): Result {
    const data = await graphqlRequest<{ answerContentQuestion: ContentQuestionRecord }>(ANSWER_CONTENT_QUESTION, {
      questionId: params.questionId,
      answer: params.answer.trim(),
    });
    return { data: data.answerContentQuestion };
  },
  async followUpContentQuestion(params: { questionId: string; message: string }): Result {
    const data = await graphqlRequest<{ followUpContentQuestion: ContentQuestionRecord }>(FOLLOW_UP_CONTENT_QUESTION, {
      questionId: params.questionId,
      message: params.message.trim(),
    });
    return { data: data.followUpContentQuestion };
  },
  async getMyAccounts(ownerId: string): Promise<{ data: { id: string; handle: string; platform: string }[] }> {
    const data = await graphqlRequest<{ socialAccounts: { items: { id: string; handle: string; platform: string }[] } }>(
      MY_ACCOUNTS,
      { filter: { ownerId }, page: { page: 1, perPage: 100 } },
    );
    return { data: data.socialAccounts.items };
  },
};

export type ContentQuestionMethods = typeof contentQuestionMethods;
