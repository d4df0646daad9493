import DenyIcon from '@mui/icons-material/ThumbDown';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useRecordContext } from 'react-admin';
import { requestName } from './labels';
import { NoteDialog } from './NoteDialog';
import type { ApprovalRequestRecord } from './types';
import { useServerAction } from '../common/useServerAction';

/** A denial always says why: the note is required and shown to the requester. */
export function DenyButton() {
  const record = useRecordContext<ApprovalRequestRecord>();
  const { run, busy } = useServerAction();
  const [open, setOpen] = useState(false);
  if (!record?.canDecide) return null;
  return (
    <>
      <Button
        variant="outlined"
        color="error"
        startIcon={<DenyIcon />}
        aria-label={`Deny ${requestName(record)}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Deny
      </Button>
      <NoteDialog
        open={open}
        title={`Deny ${requestName(record)}`}
        explanation="Tell the requester why. The note is kept in the request's history."
        missingNote="Write a note for the requester: a denial always says why."
        confirmLabel="Confirm denial"
        busy={busy}
        onClose={() => setOpen(false)}
        onConfirm={async (note) => {
          const done = await run(
            (dp) => dp.decideApprovalRequest({ id: record.id, decision: 'DENY', note }),
            'Request denied.',
          );
          if (done) setOpen(false);
        }}
      />
    </>
  );
}
