import BlockIcon from '@mui/icons-material/Block';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useRecordContext } from 'react-admin';
import { requestName } from './labels';
import { NoteDialog } from './NoteDialog';
import type { ApprovalRequestRecord } from './types';
import { useServerAction } from '../common/useServerAction';

/** Revoking an approval suspends what it allowed (an affiliated account); the note says why. */
export function RevokeButton() {
  const record = useRecordContext<ApprovalRequestRecord>();
  const { run, busy } = useServerAction();
  const [open, setOpen] = useState(false);
  if (!record?.canRevoke) return null;
  return (
    <>
      <Button
        variant="outlined"
        color="error"
        startIcon={<BlockIcon />}
        aria-label={`Revoke the approval of ${requestName(record)}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Revoke
      </Button>
      <NoteDialog
        open={open}
        title={`Revoke the approval of ${requestName(record)}`}
        missingNote="Write a note for the requester: a revocation always says why."
        explanation={
          record.kind === 'AFFILIATED_ACCOUNT'
            ? 'The account will be suspended. Tell the requester why; the note is kept in the history.'
            : "Tell the requester why; the note is kept in the request's history."
        }
        confirmLabel="Confirm revocation"
        busy={busy}
        onClose={() => setOpen(false)}
        onConfirm={async (note) => {
          const done = await run(
            (dp) => dp.revokeApproval({ id: record.id, note }),
            'Approval revoked.',
          );
          if (done) setOpen(false);
        }}
      />
    </>
  );
}
