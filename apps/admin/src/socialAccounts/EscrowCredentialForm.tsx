import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';
import { useStewardDataProvider } from '../dataProvider';

/**
 * Hands the login of a school-affiliated account to the district (XI). Plain component state,
 * not a react-admin form: the password must not linger in a form store, and it is cleared as
 * soon as the API has it (encrypted at rest there).
 */
export function EscrowCredentialForm({
  accountId,
  replacing,
}: {
  accountId: string;
  replacing: boolean;
}) {
  const dataProvider = useStewardDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !secret) return;
    setBusy(true);
    try {
      await dataProvider.escrowCredential({ accountId, username: username.trim(), secret });
      setSecret('');
      setUsername('');
      notify('Credentials escrowed (encrypted).', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error)?.message || 'Escrow failed.', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={onSubmit} aria-label="Escrow credentials" sx={{ mt: 2 }}>
      <Typography variant="subtitle2" gutterBottom>
        {replacing ? 'Replace escrowed credentials' : 'Escrow credentials'}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label="Username"
          size="small"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
          required
        />
        <TextField
          label="Password"
          size="small"
          type="password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          // Not the user's own password: keep the browser from offering to save it.
          autoComplete="new-password"
          required
        />
        <Button type="submit" variant="contained" disabled={busy || !username.trim() || !secret}>
          {replacing ? 'Replace credentials' : 'Escrow credentials'}
        </Button>
      </Stack>
    </Box>
  );
}
