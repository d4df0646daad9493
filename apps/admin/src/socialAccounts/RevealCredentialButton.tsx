import KeyIcon from '@mui/icons-material/Key';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { MIN_REVEAL_REASON } from '@steward/domain';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';
import { useStewardDataProvider } from '../dataProvider';
import type { RevealedCredential, SocialAccountRecord } from './types';

/**
 * Reveals escrowed credentials to the owner's supervising administrator or the district admin,
 * with a reason (XI, XXIX); the API audits every reveal and every refused attempt. The secret
 * is held only in this dialog's state (never in react-admin's cache or store) and is dropped
 * when the dialog closes.
 */
export function RevealCredentialButton({ accountId }: { accountId: string }) {
  const dataProvider = useStewardDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [revealed, setRevealed] = useState<RevealedCredential | null>(null);
  // Said under the reason field, tied to it (aria-describedby, aria-invalid); focus goes back there.
  const [error, setError] = useState<string | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const shownCredentials = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // Buttons are named for what they act on: "Reveal credentials of @RPS_band".
  const account = useRecordContext<SocialAccountRecord>();
  const of = account?.handle ? ` of @${account.handle}` : '';

  // Once shown, the keyboard (and a screen reader) goes to the credentials, not the gone form.
  useEffect(() => {
    if (revealed) shownCredentials.current?.focus();
  }, [revealed]);

  const close = () => {
    const wasRevealed = revealed !== null;
    setRevealed(null);
    setReason('');
    setError(null);
    setOpen(false);
    // The reveal count changed; reload the metadata only once the secret is gone.
    if (wasRevealed) refresh();
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < MIN_REVEAL_REASON) {
      setError(`Give a reason of at least ${MIN_REVEAL_REASON} characters.`);
      reasonField.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const { data } = await dataProvider.revealCredential({ accountId, reason: reason.trim() });
      setRevealed(data);
    } catch (error) {
      notify((error as Error)?.message || 'Reveal failed.', {
        type: 'error',
        autoHideDuration: null,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        color="warning"
        startIcon={<KeyIcon />}
        aria-label={`Reveal credentials${of}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Reveal
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby={titleId}>
        <DialogTitle id={titleId}>Reveal escrowed credentials{of}</DialogTitle>
        {revealed ? (
          <>
            <DialogContent>
              <Alert severity="warning" sx={{ mb: 2 }}>
                Shown once. Do not store or forward them (XXIX); this reveal is in the audit trail.
              </Alert>
              <Box
                ref={shownCredentials}
                tabIndex={-1}
                role="group"
                aria-label="Revealed credentials"
                sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
              >
                <Typography variant="body2">Username</Typography>
                <Typography sx={{ fontFamily: 'inherit', mb: 1 }} data-testid="revealed-username">
                  {revealed.username}
                </Typography>
                <Typography variant="body2">Password</Typography>
                <Typography sx={{ fontFamily: 'inherit' }} data-testid="revealed-secret">
                  {revealed.secret}
                </Typography>
              </Box>
            </DialogContent>
            <DialogActions>
              <Button variant="contained" onClick={close}>
                Close
              </Button>
            </DialogActions>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <DialogContent>
              <DialogContentText sx={{ mb: 2 }}>
                Say why you need the login of this school-affiliated account. The reason is recorded
                with your name in the audit trail (XI).
              </DialogContentText>
              <TextField
                label="Reason"
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  if (error) setError(null);
                }}
                inputRef={reasonField}
                error={error !== null}
                required
                multiline
                minRows={2}
                fullWidth
                autoFocus
                helperText={error ?? `At least ${MIN_REVEAL_REASON} characters.`}
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={close}>Cancel</Button>
              <Button
                type="submit"
                variant="contained"
                color="warning"
                disabled={busy}
              >
                Show credentials
              </Button>
            </DialogActions>
          </form>
        )}
      </Dialog>
    </>
  );
}
