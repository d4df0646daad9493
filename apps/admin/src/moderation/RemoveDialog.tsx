import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { MIN_EXPLANATION } from '@steward/domain';
import { useId, useRef, useState } from 'react';
import { removalErrors } from './actions';
import { ReasonsFieldset } from './ReasonsFieldset';

/** "At least 20 characters (12 so far)": the explanation's help, before any error. */
export function explanationHelp(explanation: string): string {
  const n = explanation.trim().length;
  return `At least ${MIN_EXPLANATION} characters (${n} so far). The Director of External Relations receives it in writing.`;
}

/**
 * Remove the content: at least one of the five reasons and a written explanation (XXX-XXXV).
 * The domain's validateRemoval runs as the person types once they have tried to confirm, each
 * error under its own field; the API checks again and queues both notices of XXX.
 */
export function RemoveDialog(props: {
  open: boolean;
  title: string;
  busy: boolean;
  onConfirm(values: { reasons: string[]; explanation: string }): void;
  onClose(): void;
}) {
  const [reasons, setReasons] = useState<string[]>([]);
  const [explanation, setExplanation] = useState('');
  const [tried, setTried] = useState(false);
  const firstReason = useRef<HTMLInputElement | null>(null);
  const explanationRef = useRef<HTMLTextAreaElement | null>(null);
  const titleId = useId();
  const textId = useId();
  const errors = tried ? removalErrors(reasons, explanation) : { reasons: null, explanation: null };
  const close = () => {
    setReasons([]);
    setExplanation('');
    setTried(false);
    props.onClose();
  };
  return (
    <Dialog
      open={props.open}
      onClose={close}
      fullWidth
      maxWidth="md"
      aria-labelledby={titleId}
      aria-describedby={textId}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          const found = removalErrors(reasons, explanation);
          if (found.reasons) return firstReason.current?.focus();
          if (found.explanation) return explanationRef.current?.focus();
          props.onConfirm({ reasons, explanation: explanation.trim() });
        }}
      >
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          <DialogContentText id={textId}>
            Content on a district page may be removed only for these reasons. A copy goes to the
            superintendent and the reason, in writing, to the Director of External Relations (XXX).
          </DialogContentText>
          <ReasonsFieldset
            value={reasons}
            onChange={setReasons}
            error={errors.reasons}
            firstRef={(el) => {
              firstReason.current = el;
            }}
          />
          <TextField
            label="Explanation"
            value={explanation}
            onChange={(event) => setExplanation(event.target.value)}
            inputRef={explanationRef}
            error={errors.explanation !== null}
            helperText={errors.explanation ?? explanationHelp(explanation)}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" color="error" disabled={props.busy}>
            Confirm removal
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
