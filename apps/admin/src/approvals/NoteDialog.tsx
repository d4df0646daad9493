import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';

interface NoteDialogProps {
  open: boolean;
  title: string;
  explanation: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm(note: string): void;
  onClose(): void;
}

/**
 * Asks for the written note a denial or a revocation needs (the requester is told why; the note
 * is kept in the request's history). Confirming is impossible until the note has text.
 */
export function NoteDialog(props: NoteDialogProps) {
  const { open, title, explanation, confirmLabel, busy, onConfirm, onClose } = props;
  const [note, setNote] = useState('');
  const close = () => {
    setNote('');
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (note.trim()) onConfirm(note.trim());
        }}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{explanation}</DialogContentText>
          <TextField
            label="Note"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            required
            multiline
            minRows={3}
            fullWidth
            autoFocus
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" color="error" disabled={busy || !note.trim()}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
