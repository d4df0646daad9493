import type { AdvisoryRecord } from '../policy/queries';
import type {
  AccountState,
  AffiliatedContentKind,
  AffiliationReviewStatus,
  AffiliationSignal,
  AttentionReason,
  Classification,
  ClassificationReason,
  Platform,
  SignalSuggestion,
} from '@steward/domain';

export type { AccountState, AffiliationReviewStatus, AttentionReason };

/** The review a flagged account gets from its owner's supervising administrator (IX, XXIX). */
export interface AffiliationReviewRecord {
  status: AffiliationReviewStatus;
  signals: AffiliationSignal[];
  flaggedAt: string | null;
  reviewedAt: string | null;
  note: string | null;
  /** What it means and what happens next, for the viewer. */
  message: string;
  canResolve: boolean;
  reviewer: { id: string; fullName: string } | null;
  reviewedBy: { id: string; fullName: string } | null;
}

/** Metadata only: the secret itself never reaches a list or a record (XI). */
export interface CredentialMetadata {
  escrowedAt: string;
  escrowedBy?: { fullName: string } | null;
  escrowedByName?: string | null;
  keyId: string;
  revealCount: number;
  lastRevealedAt: string | null;
}

/** Someone who administers a school-affiliated account beside its owner (XXIX). */
export interface AdministratorRecord {
  id: string;
  fullName: string;
  email?: string;
  active?: boolean;
}

/** A SocialAccount as the dashboard holds it (`schoolId` added for the forms). */
export interface SocialAccountRecord {
  id: string;
  /** What the entry is (XXIX); absent on records from before the kind existed. */
  contentKind?: AffiliatedContentKind;
  platform: Platform;
  handle: string;
  url: string | null;
  displayName: string | null;
  bio?: string | null;
  owner: {
    id: string;
    fullName: string;
    email: string;
    active: boolean;
    supervisor?: { id: string } | null;
  };
  administrators?: AdministratorRecord[];
  school: { id: string; name: string } | null;
  schoolId: string | null;
  signals: AffiliationSignal[];
  classification: Classification;
  // Only on a full record (getOne); a row from the list lacks them.
  classificationSections?: string[];
  classificationExplanation?: string;
  classificationReasons?: ClassificationReason[];
  credential?: CredentialMetadata | null;
  signalSuggestions?: SignalSuggestion[];
  affiliationReview?: AffiliationReviewRecord | null;
  /** Advice for a personal account (IV, V, VI); empty for a school-affiliated one. */
  advisories?: AdvisoryRecord[];
  reclassifiedAt?: string | null;
  state: AccountState;
  version: number;
  attention: AttentionReason[];
  createdAt: string;
  updatedAt: string;
}

export interface RevealedCredential {
  username: string;
  secret: string;
  revealedAt: string;
}
