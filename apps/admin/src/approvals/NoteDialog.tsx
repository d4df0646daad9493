import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useId, useRef, useState } from 'react';

interface NoteDialogProps {
  open: boolean;
  title: string;
  explanation: string;
  confirmLabel: string;
  /** Said under the field, and to a screen reader, when the note is missing. */
  missingNote?: string;
  busy: boolean;
  onConfirm(note: string): void;
  onClose(): void;
}

/**
 * Asks for the written note a denial or a revocation needs (the requester is told why; the note
 * is kept in the request's history). Confirming without a note says so under the field (tied to
 * it with aria-describedby, aria-invalid) and puts the keyboard back in it. The dialog takes the
 * focus (the note field), keeps it inside, and gives it back to the button that opened it.
 */
export function NoteDialog(props: NoteDialogProps) {
  const { open, title, explanation, confirmLabel, busy, onConfirm, onClose } = props;
  const missingNote = props.missingNote ?? 'Write a note: it is required.';
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const explanationId = useId();
  const close = () => {
    setNote('');
    setError(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      fullWidth
      maxWidth="sm"
      aria-labelledby={titleId}
      aria-describedby={explanationId}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!note.trim()) {
            setError(missingNote);
            field.current?.focus();
            return;
          }
          onConfirm(note.trim());
        }}
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <DialogContentText id={explanationId} sx={{ mb: 2 }}>
            {explanation}
          </DialogContentText>
          <TextField
            label="Note"
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
              if (error) setError(null);
            }}
            inputRef={field}
            error={error !== null}
            helperText={error ?? 'Shown to the requester.'}
            required
            multiline
            minRows={3}
            fullWidth
            autoFocus
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" color="error" disabled={busy}>
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
