import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { type StewardDataProvider, useStewardDataProvider } from '../dataProvider';

/**
 * Runs one case step against the API, then reloads the case: the server's answer (new state,
 * notices, thread) is what the page shows, never a guess. A refusal (often citing the policy,
 * with its sections) stays until dismissed and is announced as an alert.
 */
export function useCaseAction() {
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
