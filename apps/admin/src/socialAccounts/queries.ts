import type { CreateParams, RaRecord, UpdateParams } from 'react-admin';
import { graphqlRequest } from '../graphql/client';
import { platformToSend } from './identity';
import type { ResourceApi } from '../graphql/resource';
import type {
  AdministratorRecord,
  CredentialMetadata,
  RevealedCredential,
  SocialAccountRecord,
} from './types';

const ROW_FIELDS = `
  id contentKind platform handle url displayName
  owner { id fullName email active }
  school { id name }
  signals classification state attention version createdAt updatedAt
`;

// Who escrowed is left out on purpose: the contract says `escrowedBy { fullName }`, the API
// currently answers `escrowedByName`; either would fail validation against the other. Add the
// settled one here (CredentialPanel shows both shapes).
const CREDENTIAL_FIELDS = `
  escrowedAt escrowedByName keyId revealCount lastRevealedAt
`;

// What the profile text suggests (IX, XIX, XXIX), and the review it raised: the owner is told at
// save time who reviews it; the reviewer sees the reasons and may resolve it (`canResolve`).
const REVIEW_FIELDS = `
  signalSuggestions { signal confidence field matched reason sections }
  affiliationReview {
    status signals flaggedAt reviewedAt note message canResolve
    reviewer { id fullName } reviewedBy { id fullName }
  }
`;

const ADMINISTRATOR_FIELDS = 'id fullName email active';

// `owner.supervisor` lets the dashboard hide buttons outside the viewer's scope (OWN_STAFF).
const FULL_FIELDS = `
  id contentKind platform handle url displayName bio
  owner { id fullName email active supervisor { id } }
  administrators { ${ADMINISTRATOR_FIELDS} }
  school { id name }
  signals classification classificationSections classificationExplanation
  classificationReasons { signal sections explanation }
  state version attention reclassifiedAt createdAt updatedAt
  credential { ${CREDENTIAL_FIELDS} }
  ${REVIEW_FIELDS}
  advisories { code sections message }
`;

export const SOCIAL_ACCOUNT_LIST = `
  query SocialAccounts($filter: SocialAccountFilter, $page: PageInput, $sort: SocialAccountSort) {
    socialAccounts(filter: $filter, page: $page, sort: $sort) {
      items { ${ROW_FIELDS} }
      total
    }
  }
`;

export const SOCIAL_ACCOUNT_ONE = `
  query SocialAccount($id: ID!) {
    socialAccount(id: $id) { ${FULL_FIELDS} }
  }
`;

export const REGISTER_SOCIAL_ACCOUNT = `
  mutation RegisterSocialAccount($input: RegisterSocialAccountInput!) {
    registerSocialAccount(input: $input) { ${FULL_FIELDS} }
  }
`;

export const UPDATE_SOCIAL_ACCOUNT = `
  mutation UpdateSocialAccount($input: UpdateSocialAccountInput!) {
    updateSocialAccount(input: $input) { ${FULL_FIELDS} }
  }
`;

export const ESCROW_CREDENTIAL = `
  mutation EscrowCredential($accountId: ID!, $username: String!, $secret: String!) {
    escrowCredential(accountId: $accountId, username: $username, secret: $secret) {
      ${CREDENTIAL_FIELDS}
    }
  }
`;

export const REVEAL_CREDENTIAL = `
  mutation RevealCredential($accountId: ID!, $reason: String!) {
    revealCredential(accountId: $accountId, reason: $reason) { username secret revealedAt }
  }
`;

export const RESOLVE_AFFILIATION_REVIEW = `
  mutation ResolveAffiliationReview($input: ResolveAffiliationReviewInput!) {
    resolveAffiliationReview(input: $input) { ${FULL_FIELDS} }
  }
`;

export const SET_ACCOUNT_ADMINISTRATORS = `
  mutation SetAccountAdministrators($input: SetAccountAdministratorsInput!) {
    setAccountAdministrators(input: $input) { id administrators { ${ADMINISTRATOR_FIELDS} } }
  }
`;

export const SOCIAL_ACCOUNT_SORT_FIELDS = {
  handle: 'HANDLE',
  createdAt: 'CREATED_AT',
  updatedAt: 'UPDATED_AT',
  state: 'STATE',
} as const;

/** An empty form field means "not given". */
function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function signalsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

/** Form values -> RegisterSocialAccountInput. No school picked: the API uses the owner's. */
export function registerInput(data: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {
    contentKind: text(data.contentKind) ?? 'SOCIAL_ACCOUNT',
    // A web page may leave both out: the API puts it on WEB, with its address as the handle.
    platform: platformToSend(data),
    handle: text(data.handle),
    url: text(data.url),
    displayName: text(data.displayName),
    bio: text(data.bio),
    signals: signalsOf(data.signals),
  };
  const schoolId = text(data.schoolId);
  if (schoolId) input.schoolId = schoolId;
  return input;
}

/** Form values -> UpdateSocialAccountInput, with the version the user edited (CONFLICT if stale). */
export function updateInput(params: Pick<UpdateParams, 'id' | 'data' | 'previousData'>) {
  const data = params.data as Record<string, unknown>;
  const version =
    data.version ?? (params.previousData as Record<string, unknown> | undefined)?.version;
  return {
    id: String(params.id),
    version: Number(version),
    contentKind: text(data.contentKind),
    platform: platformToSend(data),
    handle: text(data.handle),
    url: text(data.url),
    displayName: text(data.displayName),
    bio: text(data.bio),
    schoolId: text(data.schoolId),
    signals: signalsOf(data.signals),
  };
}

export const socialAccountsApi: ResourceApi = {
  list: {
    query: SOCIAL_ACCOUNT_LIST,
    field: 'socialAccounts',
    filters: [
      'q',
      'contentKind',
      'classification',
      'state',
      'platform',
      'schoolId',
      'ownerId',
      'needsAttention',
    ],
    sortFields: SOCIAL_ACCOUNT_SORT_FIELDS,
  },
  one: { query: SOCIAL_ACCOUNT_ONE, field: 'socialAccount' },
  create: {
    query: REGISTER_SOCIAL_ACCOUNT,
    field: 'registerSocialAccount',
    variables: (params: CreateParams) => ({ input: registerInput(params.data) }),
  },
  update: {
    query: UPDATE_SOCIAL_ACCOUNT,
    field: 'updateSocialAccount',
    variables: (params: UpdateParams) => ({ input: updateInput(params) }),
  },
  normalize: (record) =>
    ({
      ...record,
      schoolId: (record.school as { id?: string } | null)?.id ?? null,
    }) as unknown as RaRecord,
};

/**
 * Credential escrow (III, XI). Called directly, never through react-admin's query cache, so a
 * revealed secret lives only in the dialog that shows it.
 */
export const credentialMethods = {
  async escrowCredential(params: {
    accountId: string;
    username: string;
    secret: string;
  }): Promise<{ data: CredentialMetadata }> {
    const data = await graphqlRequest<{ escrowCredential: CredentialMetadata }>(
      ESCROW_CREDENTIAL,
      params,
    );
    return { data: data.escrowCredential };
  },
  async revealCredential(params: {
    accountId: string;
    reason: string;
  }): Promise<{ data: RevealedCredential }> {
    const data = await graphqlRequest<{ revealCredential: RevealedCredential }>(
      REVEAL_CREDENTIAL,
      params,
    );
    return { data: data.revealCredential };
  },
};

export type CredentialMethods = typeof credentialMethods;

/** The supervising administrator's decision on a flagged account (IX, XXIX). */
export function resolveReviewInput(params: {
  id: string;
  version: number;
  action: 'APPLY_SIGNALS' | 'CONFIRM_PERSONAL';
  signals?: readonly string[];
  note?: string | null;
}) {
  return {
    id: params.id,
    version: params.version,
    action: params.action,
    signals: params.action === 'APPLY_SIGNALS' ? [...(params.signals ?? [])] : null,
    note: text(params.note),
  };
}

export const reviewMethods = {
  async resolveAffiliationReview(
    params: Parameters<typeof resolveReviewInput>[0],
  ): Promise<{ data: SocialAccountRecord }> {
    const data = await graphqlRequest<{ resolveAffiliationReview: Record<string, unknown> }>(
      RESOLVE_AFFILIATION_REVIEW,
      { input: resolveReviewInput(params) },
    );
    return {
      data: socialAccountsApi.normalize?.(data.resolveAffiliationReview) as SocialAccountRecord,
    };
  },
};

/**
 * An administrator as the form names them: a staff member picked from the list (their id), or an
 * email typed in (the API checks it belongs to an active member of staff, XXIX).
 */
export type AdministratorChoice = { staffId: string } | { email: string };

/** The complete list to send: everyone kept, plus the one added (the API replaces the list). */
export function administratorsInput(
  current: readonly { id: string }[],
  change: { add?: AdministratorChoice; remove?: string },
): AdministratorChoice[] {
  const kept: AdministratorChoice[] = current
    .filter((a) => a.id !== change.remove)
    .map((a) => ({ staffId: a.id }));
  if (!change.add) return kept;
  if ('staffId' in change.add && current.some((a) => a.id === (change.add as { staffId: string }).staffId)) {
    return kept;
  }
  if ('email' in change.add) return [...kept, { email: change.add.email.trim().toLowerCase() }];
  return [...kept, change.add];
}

export const administratorMethods = {
  /** Replaces the administrators of an account; a refusal (XXIX) is thrown with its sections. */
  async setAccountAdministrators(params: {
    accountId: string;
    administrators: AdministratorChoice[];
  }): Promise<{ data: { id: string; administrators: AdministratorRecord[] } }> {
    const data = await graphqlRequest<{
      setAccountAdministrators: { id: string; administrators: AdministratorRecord[] };
    }>(SET_ACCOUNT_ADMINISTRATORS, { input: params });
    return { data: data.setAccountAdministrators };
  },
};
