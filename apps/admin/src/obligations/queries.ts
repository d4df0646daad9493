import { graphqlRequest } from '../graphql/client';
import type { ResourceApi } from '../graphql/resource';
import type { AccountInteractions, RequiredInteractionRecord } from './types';

const STAFF = 'id fullName';

const FIELDS = `
  id accountId accountHandle accountPlatform description target state requiredAt retiredAt retireNote version
  requiredBy { ${STAFF} } retiredBy { ${STAFF} }
  confirmations { confirmedAt confirmedBy { ${STAFF} } }
  awaitingConfirmationFrom { ${STAFF} }
  canConfirm canRetire canOpenAccount
`;

export const REQUIRED_INTERACTION_LIST = `
  query RequiredInteractions($filter: RequiredInteractionFilter, $page: PageInput) {
    requiredInteractions(filter: $filter, page: $page) {
      items { ${FIELDS} }
      total
    }
  }
`;

export const ACCOUNT_INTERACTIONS = `
  query AccountInteractions($id: ID!) {
    socialAccount(id: $id) { id canRequireInteraction requiredInteractions { ${FIELDS} } }
  }
`;

export const REQUIRE_INTERACTION = `
  mutation RequireInteraction($input: RequireInteractionInput!) {
    requireInteraction(input: $input) { ${FIELDS} }
  }
`;

export const CONFIRM_REQUIRED_INTERACTION = `
  mutation ConfirmRequiredInteraction($id: ID!) {
    confirmRequiredInteraction(id: $id) { ${FIELDS} }
  }
`;

export const RETIRE_REQUIRED_INTERACTION = `
  mutation RetireRequiredInteraction($id: ID!, $note: String) {
    retireRequiredInteraction(id: $id, note: $note) { ${FIELDS} }
  }
`;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Dialog values -> RequireInteractionInput; a blank target is left out. */
export function requireInput(accountId: string, values: Record<string, string | undefined>) {
  return { accountId, description: text(values.description) ?? '', target: text(values.target) };
}

export const INTERACTION_FILTERS = ['accountId', 'awaitingMyConfirmation', 'state'] as const;

/** A list only: each requirement is shown and acted on where it lives, on its account's page. */
export const requiredInteractionsApi: ResourceApi = {
  list: { query: REQUIRED_INTERACTION_LIST, field: 'requiredInteractions', filters: INTERACTION_FILTERS },
};

type Result = Promise<{ data: RequiredInteractionRecord }>;

async function step(query: string, field: string, variables: Record<string, unknown>): Result {
  const data = await graphqlRequest<Record<string, RequiredInteractionRecord>>(query, variables);
  return { data: data[field] as RequiredInteractionRecord };
}

/** The XII steps; the API checks who may take each and audits it. */
export const interactionMethods = {
  async getAccountInteractions(accountId: string): Promise<{ data: AccountInteractions }> {
    const data = await graphqlRequest<{ socialAccount: AccountInteractions }>(ACCOUNT_INTERACTIONS, { id: accountId });
    return { data: data.socialAccount };
  },
  requireInteraction(accountId: string, values: Record<string, string | undefined>): Result {
    return step(REQUIRE_INTERACTION, 'requireInteraction', { input: requireInput(accountId, values) });
  },
  confirmRequiredInteraction(id: string): Result {
    return step(CONFIRM_REQUIRED_INTERACTION, 'confirmRequiredInteraction', { id });
  },
  retireRequiredInteraction(id: string, note?: string | null): Result {
    return step(RETIRE_REQUIRED_INTERACTION, 'retireRequiredInteraction', { id, note: text(note) });
  },
};

export type InteractionMethods = typeof interactionMethods;
