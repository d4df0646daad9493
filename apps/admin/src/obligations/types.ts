import type { InteractionState } from '@steward/domain';

export type { InteractionState };

export interface StaffRef {
  id: string;
  fullName: string;
}

export interface RequiredInteractionRecord {
  id: string;
  accountId: string;
  accountHandle: string;
  accountPlatform: string;
  description: string;
  target: string | null;
  state: InteractionState;
  requiredAt: string;
  requiredBy: StaffRef | null;
  retiredAt: string | null;
  retiredBy: StaffRef | null;
  retireNote: string | null;
  confirmations: { confirmedAt: string; confirmedBy: StaffRef | null }[];
  awaitingConfirmationFrom: StaffRef[];
  canConfirm: boolean;
  canRetire: boolean;
  /** Whether the viewer may open the account's page (an administrator who is not its owner may not). */
  canOpenAccount: boolean;
  version: number;
}

export interface AccountInteractions {
  canRequireInteraction: boolean;
  requiredInteractions: RequiredInteractionRecord[];
}
