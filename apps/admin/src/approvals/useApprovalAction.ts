import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { type StewardDataProvider, useStewardDataProvider } from '../dataProvider';

/**
 * Runs one inbox action against the API, then reloads the record: the server's answer (new
 * state, history, and what the viewer may do next) is what the page shows, never a guess.
 */
export function useApprovalAction() {
  const dataProvider = useStewardDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);

  const run = async (
    action: (dp: StewardDataProvider) => Promise<unknown>,
    success: string,
  ): Promise<boolean> => {
    setBusy(true);
    try {
      await action(dataProvider);
      notify(success, { type: 'success' });
      refresh();
      return true;
    } catch (error) {
      // A refusal (often citing the policy) stays until dismissed with Escape or a click
      // elsewhere: read at any pace (2.2.1), and announced as an alert.
      notify((error as Error)?.message || 'The request failed.', {
        type: 'error',
        autoHideDuration: null,
      });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { run, busy };
}
