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

export interface TextDialogField {
  name: string;
  label: string;
  helperText: string;
  required?: boolean;
  /** Shortest accepted length, said in the error. */
  minLength?: number;
  /** Said under the field when it is missing or too short. */
  missing?: string;
  multiline?: boolean;
  type?: string;
}

interface TextDialogProps {
  open: boolean;
  title: string;
  explanation: string;
  fields: readonly TextDialogField[];
  confirmLabel: string;
  busy: boolean;
  /** A red confirmation for steps that take something away (dismiss, restore, release). */
  destructive?: boolean;
  onConfirm(values: Record<string, string>): void;
  onClose(): void;
}

/** The error of one field, or null. */
export function fieldError(field: TextDialogField, value: string): string | null {
  const v = value.trim();
  if (field.required && !v) return field.missing ?? `${field.label} is required.`;
  if (field.minLength && v && v.length < field.minLength) {
    return field.missing ?? `Write at least ${field.minLength} characters (${v.length} so far).`;
  }
  return null;
}

/**
 * A dialog asking for the written text a step needs (a note, a question, an answer, a reason),
 * as the approvals' NoteDialog does: errors are said under their field (aria-describedby,
 * aria-invalid) and the keyboard goes back to the first field in error; the dialog takes the
 * focus, keeps it inside and gives it back to the button that opened it.
 */
export function TextDialog(props: TextDialogProps) {
  const { open, title, explanation, fields, confirmLabel, busy, onConfirm, onClose } = props;
  const empty = () => Object.fromEntries(fields.map((f) => [f.name, '']));
  const [values, setValues] = useState<Record<string, string>>(empty);
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const refs = useRef<Record<string, HTMLInputElement | HTMLTextAreaElement | null>>({});
  const titleId = useId();
  const explanationId = useId();
  const close = () => {
    setValues(empty());
    setErrors({});
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
          const found = Object.fromEntries(
            fields.map((f) => [f.name, fieldError(f, values[f.name] ?? '')]),
          );
          setErrors(found);
          const first = fields.find((f) => found[f.name]);
          if (first) {
            refs.current[first.name]?.focus();
            return;
          }
          onConfirm(Object.fromEntries(fields.map((f) => [f.name, (values[f.name] ?? '').trim()])));
        }}
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <DialogContentText id={explanationId} sx={{ mb: 2 }}>
            {explanation}
          </DialogContentText>
          {fields.map((field, index) => {
            const error = errors[field.name] ?? null;
            return (
              <TextField
                key={field.name}
                label={field.label}
                type={field.type}
                value={values[field.name] ?? ''}
                onChange={(event) => {
                  const value = event.target.value;
                  setValues((v) => ({ ...v, [field.name]: value }));
                  // Once said, an error follows the text as it is typed.
                  if (errors[field.name]) {
                    setErrors((e) => ({ ...e, [field.name]: fieldError(field, value) }));
                  }
                }}
                inputRef={(el: HTMLInputElement | HTMLTextAreaElement | null) => {
                  refs.current[field.name] = el;
                }}
                error={error !== null}
                helperText={error ?? field.helperText}
                required={field.required}
                multiline={field.multiline}
                minRows={field.multiline ? 3 : undefined}
                fullWidth
                margin="dense"
                autoFocus={index === 0}
              />
            );
          })}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button
            type="submit"
            variant="contained"
            color={props.destructive ? 'error' : 'primary'}
            disabled={busy}
          >
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
