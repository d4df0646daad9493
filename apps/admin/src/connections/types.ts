/** The API's connection guidance types (VI), as the page selects them. */

export type ConnectionPersonKind = 'STUDENT' | 'GUARDIAN';

export interface ConnectionPerson {
  kind: ConnectionPersonKind;
  id: string;
}

export interface ConnectionCandidateRecord extends ConnectionPerson {
  name: string;
  standings: { school: string | null; graduationStatus: 'CURRENT' | 'GRADUATED' }[];
}

export interface ConnectionAttestationRecord {
  id: string;
  guardianId: string;
  guardianName: string;
  /** Null unless the viewer is its author or the author's supervising administrator (VI). */
  statement: string | null;
  attestedAt: string;
  withdrawnAt: string | null;
  standing: boolean;
  canWithdraw: boolean;
  staff: { id: string; fullName: string } | null;
}

export interface ConnectionGuidanceRecord {
  verdict:
    | 'STUDENT_NOT_GRADUATED'
    | 'STUDENT_GRADUATED'
    | 'GUARDIAN_OF_CURRENT_STUDENT'
    | 'GUARDIAN_PRIOR_RELATIONSHIP'
    | 'GUARDIAN_NO_CURRENT_STUDENT';
  inLine: boolean;
  explanation: string;
  sections: string[];
  refrainUntil: string | null;
  attestationApplies: boolean;
  person: ConnectionCandidateRecord;
  attestation: ConnectionAttestationRecord | null;
}
