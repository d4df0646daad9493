import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { type StewardDataProvider, useStewardDataProvider } from '../dataProvider';

/**
 * Runs one step against the API (an approval decision, a moderation case step, a review), then
 * reloads the record: the server's answer (new state, history, what the viewer may do next) is
 * what the page shows, never a guess. A refusal (often citing the policy, with its sections) stays
 * until dismissed with Escape or a click elsewhere: read at any pace (2.2.1), announced as an alert.
 */
export function useServerAction() {
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
