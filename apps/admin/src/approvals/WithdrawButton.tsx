import UndoIcon from '@mui/icons-material/Undo';
import { Button } from '@mui/material';
import { useState } from 'react';
import { Confirm, useRecordContext } from 'react-admin';
import { requestSubject } from './labels';
import type { ApprovalRequestRecord } from './types';
import { useServerAction } from '../common/useServerAction';

/** The requester takes back a pending request; it cannot be re-opened, hence the confirmation. */
export function WithdrawButton() {
  const record = useRecordContext<ApprovalRequestRecord>();
  const { run, busy } = useServerAction();
  const [open, setOpen] = useState(false);
  if (!record?.canWithdraw) return null;
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<UndoIcon />}
        aria-label={`Withdraw your request for ${requestSubject(record)}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Withdraw
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={`Withdraw your request for ${requestSubject(record)}?`}
        content="Your supervising administrator will no longer see it. You can submit a new one later."
        confirm="Confirm withdrawal"
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          const done = await run(
            (dp) => dp.withdrawApprovalRequest({ id: record.id }),
            'Request withdrawn.',
          );
          if (done) setOpen(false);
        }}
      />
    </>
  );
}
