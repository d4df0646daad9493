import { Box } from '@mui/material';
import { useListContext } from 'react-admin';
import { visuallyHidden } from './visuallyHidden';

/**
 * Says how many records a list shows, to screen readers only, politely when it changes: after a
 * filter or a search the new count is announced without moving the focus (4.1.3 Status
 * Messages). Rendered from the start, so that assistive technology follows its changes.
 */
export function ResultsStatus({ noun }: { noun: [one: string, many: string] }) {
  const { total, isPending } = useListContext();
  let text = '';
  if (!isPending && typeof total === 'number') {
    text = total === 0 ? `No ${noun[1]} found.` : `${total} ${total === 1 ? noun[0] : noun[1]}.`;
  }
  return (
    <Box role="status" sx={visuallyHidden}>
      {text}
    </Box>
  );
}
