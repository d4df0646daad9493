import { attestationProblem, MIN_SEARCH_LENGTH } from '@steward/domain';
import { graphqlRequest } from '../graphql/client';
import type {
  ConnectionAttestationRecord,
  ConnectionCandidateRecord,
  ConnectionGuidanceRecord,
  ConnectionPerson,
} from './types';

/** The page's route (App.tsx's CustomRoutes, and the menu entry `connections`). */
export const CONNECTIONS_PATH = '/connections';

const CANDIDATE_FIELDS = 'id kind name standings { school graduationStatus }';
const ATTESTATION_FIELDS = 'id guardianId guardianName statement attestedAt withdrawnAt standing canWithdraw staff { id fullName }';

export const CONNECTION_CANDIDATES = `
  query ConnectionCandidates($search: String!) {
    connectionCandidates(search: $search) { more items { ${CANDIDATE_FIELDS} } }
  }
`;

export const CONNECTION_GUIDANCE = `
  query ConnectionGuidance($person: ConnectionPersonInput!) {
    connectionGuidance(person: $person) {
      verdict inLine explanation sections refrainUntil attestationApplies
      person { ${CANDIDATE_FIELDS} }
      attestation { ${ATTESTATION_FIELDS} }
    }
  }
`;

export const ATTEST_PRIOR_RELATIONSHIP = `
  mutation AttestPriorRelationship($input: AttestPriorRelationshipInput!) {
    attestPriorRelationship(input: $input) { ${ATTESTATION_FIELDS} }
  }
`;

export const WITHDRAW_CONNECTION_ATTESTATION = `
  mutation WithdrawConnectionAttestation($id: ID!) {
    withdrawConnectionAttestation(id: $id) { ${ATTESTATION_FIELDS} }
  }
`;

export const CONNECTION_ATTESTATIONS = `
  query ConnectionAttestations($filter: ConnectionAttestationFilter, $page: PageInput) {
    connectionAttestations(filter: $filter, page: $page) { total items { ${ATTESTATION_FIELDS} } }
  }
`;

/** The search as sent: trimmed, inner spaces collapsed; null when shorter than the API accepts (the domain's bound). */
export function searchText(value: string): string | null {
  const text = value.trim().replace(/\s+/g, ' ');
  return text.length >= MIN_SEARCH_LENGTH ? text : null;
}

export const KIND_LABELS: Record<ConnectionCandidateRecord['kind'], string> = {
  STUDENT: 'Student',
  GUARDIAN: 'Parent or guardian',
};

/**
 * What the page says of a person besides the name: "Student at Ralston High School, current" or
 * "Parent or guardian of a current student at Ralston High School and a graduate".
 */
export function standingText(candidate: Pick<ConnectionCandidateRecord, 'kind' | 'standings'>): string {
  const one = (s: ConnectionCandidateRecord['standings'][number]) =>
    s.graduationStatus === 'GRADUATED'
      ? `a graduate${s.school ? ` of ${s.school}` : ''}`
      : `a current student${s.school ? ` at ${s.school}` : ''}`;
  if (candidate.kind === 'STUDENT') {
    const s = candidate.standings[0];
    if (!s) return 'Student';
    const where = s.school ? ` at ${s.school}` : '';
    return s.graduationStatus === 'GRADUATED' ? `Graduate${s.school ? ` of ${s.school}` : ''}` : `Current student${where}`;
  }
  if (candidate.standings.length === 0) return 'Parent or guardian (no student linked)';
  const parts = candidate.standings.map(one);
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Parent or guardian of ${list}`;
}

/** What the live region says after a search. */
export function resultsMessage(result: { items: unknown[]; more: boolean } | null): string {
  if (!result) return '';
  const n = result.items.length;
  if (n === 0) return 'No student or parent found with that name.';
  const found = `${n} ${n === 1 ? 'person' : 'people'} found`;
  return result.more ? `${found}; more match, type more of the name to narrow it.` : `${found}.`;
}

/** The verdict as a short heading, never colour alone. */
export function verdictLabel(guidance: Pick<ConnectionGuidanceRecord, 'inLine' | 'verdict'>): string {
  if (guidance.inLine) {
    return guidance.verdict === 'GUARDIAN_PRIOR_RELATIONSHIP'
      ? 'In line with §VI: prior relationship recorded'
      : 'In line with §VI';
  }
  return 'Refrain from accepting (§VI)';
}

/** The domain's check of an attestation's text (VI), as the API applies it. */
export function statementProblem(statement: string): string | null {
  return attestationProblem(statement ?? '');
}

/**
 * What the list shows for an attestation's words: the API gives them to the author and their
 * supervising administrator only, so district IT and auditors see that it exists, and why not more.
 */
export function statementShown(attestation: Pick<ConnectionAttestationRecord, 'statement'>): string {
  return attestation.statement ?? 'Not shown: only the staff member and their supervising administrator read it (§VI).';
}

/** `2030-05-24` as the viewer reads dates, without a time-zone shift. */
export function formatDay(day: string): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { dateStyle: 'long' });
}

/** Connection guidance (VI): a search, a question, and the attestations; actions, not CRUD. */
export const connectionMethods = {
  async searchConnectionCandidates(search: string): Promise<{ items: ConnectionCandidateRecord[]; more: boolean }> {
    const data = await graphqlRequest<{ connectionCandidates: { items: ConnectionCandidateRecord[]; more: boolean } }>(
      CONNECTION_CANDIDATES,
      { search },
    );
    return data.connectionCandidates;
  },
  async getConnectionGuidance(person: ConnectionPerson): Promise<ConnectionGuidanceRecord> {
    const data = await graphqlRequest<{ connectionGuidance: ConnectionGuidanceRecord }>(CONNECTION_GUIDANCE, {
      person: { kind: person.kind, id: person.id },
    });
    return data.connectionGuidance;
  },
  async attestPriorRelationship(person: ConnectionPerson, statement: string): Promise<ConnectionAttestationRecord> {
    const data = await graphqlRequest<{ attestPriorRelationship: ConnectionAttestationRecord }>(
      ATTEST_PRIOR_RELATIONSHIP,
      { input: { person: { kind: person.kind, id: person.id }, statement: statement.trim() } },
    );
    return data.attestPriorRelationship;
  },
  async withdrawConnectionAttestation(id: string): Promise<ConnectionAttestationRecord> {
    const data = await graphqlRequest<{ withdrawConnectionAttestation: ConnectionAttestationRecord }>(
      WITHDRAW_CONNECTION_ATTESTATION,
      { id },
    );
    return data.withdrawConnectionAttestation;
  },
  async getConnectionAttestations(params: {
    includeWithdrawn?: boolean;
    page?: number;
    perPage?: number;
  }): Promise<{ data: ConnectionAttestationRecord[]; total: number }> {
    const data = await graphqlRequest<{
      connectionAttestations: { items: ConnectionAttestationRecord[]; total: number };
    }>(CONNECTION_ATTESTATIONS, {
      filter: { includeWithdrawn: params.includeWithdrawn ?? false },
      page: { page: params.page ?? 1, perPage: params.perPage ?? 25 },
    });
    return { data: data.connectionAttestations.items, total: data.connectionAttestations.total };
  },
};

export type ConnectionMethods = typeof connectionMethods;
