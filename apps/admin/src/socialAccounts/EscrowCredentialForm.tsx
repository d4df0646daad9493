import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';
import { useStewardDataProvider } from '../dataProvider';
import type { SocialAccountRecord } from './types';

/**
 * Hands the login of a school-affiliated account to the district (XI). Plain component state,
 * not a react-admin form: the password must not linger in a form store, and it is cleared as
 * soon as the API has it (encrypted at rest there). A missing field is said under it (tied with
 * aria-describedby, aria-invalid) and the keyboard goes back to it.
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
  const account = useRecordContext<SocialAccountRecord>();
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ username?: string; secret?: string }>({});
  const usernameField = useRef<HTMLInputElement>(null);
  const secretField = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const action = replacing ? 'Replace escrowed credentials' : 'Escrow credentials';
  const of = account?.handle ? ` of @${account.handle}` : '';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = {
      username: username.trim() ? undefined : 'Enter the username of the account.',
      secret: secret ? undefined : 'Enter the password of the account.',
    };
    setErrors(missing);
    if (missing.username || missing.secret) {
      (missing.username ? usernameField : secretField).current?.focus();
      return;
    }
    setBusy(true);
    try {
      await dataProvider.escrowCredential({ accountId, username: username.trim(), secret });
      setSecret('');
      setUsername('');
      notify('Credentials escrowed (encrypted).', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error)?.message || 'Escrow failed.', {
        type: 'error',
        autoHideDuration: null,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      component="form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={headingId}
      sx={{ mt: 2 }}
    >
      <Typography id={headingId} variant="subtitle2" component="h3" gutterBottom>
        {action}
        {of}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label="Username"
          size="small"
          value={username}
          onChange={(e) => {
            setUsername(e.target.value);
            setErrors((current) => ({ ...current, username: undefined }));
          }}
          inputRef={usernameField}
          error={!!errors.username}
          helperText={errors.username}
          autoComplete="off"
          required
        />
        <TextField
          label="Password"
          size="small"
          type="password"
          value={secret}
          onChange={(e) => {
            setSecret(e.target.value);
            setErrors((current) => ({ ...current, secret: undefined }));
          }}
          inputRef={secretField}
          error={!!errors.secret}
          helperText={errors.secret}
          // Not the user's own password: keep the browser from offering to save it.
          autoComplete="new-password"
          required
        />
        <Button
          type="submit"
          variant="contained"
          disabled={busy}
          aria-label={`${replacing ? 'Replace credentials' : 'Escrow credentials'}${of}`}
        >
          {replacing ? 'Replace credentials' : 'Escrow credentials'}
        </Button>
      </Stack>
    </Box>
  );
}
