import { Alert, Box, Stack, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { mayAttempt, mayRevealCredential, type Role } from '@steward/domain';
import { mayActOn } from '../access/access';
import { EscrowCredentialForm } from './EscrowCredentialForm';
import { RevealCredentialButton } from './RevealCredentialButton';
import { accountSubject, isFullRecord } from './subject';
import type { SocialAccountRecord } from './types';
import { useViewer } from './useViewer';

/**
 * The reveal rule itself (XI, XXIX): the owner's supervising administrator, not the owner, or
 * the district admin. The reason is asked for in the dialog, so only "who" is checked here.
 */
function canReveal(roles: Role[], viewerId: string | null, record: SocialAccountRecord): boolean {
  if (!mayAttempt(roles, 'credential.reveal')) return false;
  const decision = mayRevealCredential({
    actorId: viewerId,
    actorRoles: roles,
    ownerId: record.owner.id,
    ownerSupervisorId: record.owner.supervisor?.id ?? null,
    reason: null,
  });
  return decision.ok || decision.code !== 'FORBIDDEN';
}

function when(value: string | null | undefined): string {
  return value ? new Date(value).toLocaleString() : '—';
}

/**
 * Credential escrow for one account. Only school-affiliated accounts have one (XI); the
 * district never asks for a personal account's password (III), so none is offered there.
 */
export function CredentialPanel(_props: { label?: string }) {
  const record = useRecordContext<SocialAccountRecord>();
  const viewer = useViewer();
  if (!isFullRecord(record) || viewer.isPending) return null;

  if (record.classification !== 'SCHOOL_AFFILIATED') {
    return (
      <Alert severity="info">
        Personal account: the district does not hold its username or password (III).
      </Alert>
    );
  }
  const subject = accountSubject(record);
  const credential = record.credential ?? null;
  const escrowedBy = credential?.escrowedBy?.fullName ?? credential?.escrowedByName ?? null;
  const mayEscrow = mayActOn(viewer.roles, viewer.id, 'credential.escrow', subject);
  const mayReveal = credential !== null && canReveal(viewer.roles, viewer.id, record);

  return (
    <Box>
      {credential ? (
        <Stack spacing={0.5} sx={{ mb: 1 }}>
          <Typography variant="body2">
            Escrowed {when(credential.escrowedAt)}
            {escrowedBy ? ` by ${escrowedBy}` : ''} · key {credential.keyId}
          </Typography>
          <Typography variant="body2">
            Revealed {credential.revealCount} time{credential.revealCount === 1 ? '' : 's'}
            {credential.lastRevealedAt ? `, last ${when(credential.lastRevealedAt)}` : ''}
          </Typography>
        </Stack>
      ) : (
        <Typography variant="body2" sx={{ mb: 1 }}>
          No credentials escrowed yet. Staff may be required to provide them to their supervising
          administrator (XI).
        </Typography>
      )}
      {mayReveal && <RevealCredentialButton accountId={record.id} />}
      {mayEscrow && <EscrowCredentialForm accountId={record.id} replacing={credential !== null} />}
    </Box>
  );
}
