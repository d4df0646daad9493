import ApproveIcon from '@mui/icons-material/ThumbUp';
import { Button } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { requestName } from './labels';
import type { ApprovalRequestRecord } from './types';
import { useServerAction } from '../common/useServerAction';

/** Shown only when the server says the viewer may decide (their staff's, not their own: XXIX). */
export function ApproveButton() {
  const record = useRecordContext<ApprovalRequestRecord>();
  const { run, busy } = useServerAction();
  if (!record?.canDecide) return null;
  return (
    <Button
      variant="contained"
      color="success"
      startIcon={<ApproveIcon />}
      aria-label={`Approve ${requestName(record)}`}
      disabled={busy}
      onClick={() =>
        run(
          (dp) => dp.decideApprovalRequest({ id: record.id, decision: 'APPROVE' }),
          'Request approved.',
        )
      }
    >
      Approve
    </Button>
  );
}
