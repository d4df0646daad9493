import AssignIcon from '@mui/icons-material/AssignmentInd';
import CloseIcon from '@mui/icons-material/TaskAlt';
import DismissIcon from '@mui/icons-material/DoNotDisturbOn';
import HoldIcon from '@mui/icons-material/Gavel';
import NoteIcon from '@mui/icons-material/NoteAdd';
import QuestionIcon from '@mui/icons-material/ContactSupport';
import RemoveIcon from '@mui/icons-material/RemoveCircle';
import RestoreIcon from '@mui/icons-material/SettingsBackupRestore';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
} from '@mui/material';
import { MIN_EXPLANATION } from '@steward/domain';
import { type ReactNode, useId, useState } from 'react';
import { TopToolbar, useGetIdentity, useRecordContext } from 'react-admin';
import { useViewer } from '../socialAccounts/useViewer';
import { assigneeChoices, caseActions } from './actions';
import { caseName } from './labels';
import { RemoveDialog } from './RemoveDialog';
import { TextDialog } from './TextDialog';
import type { CaseNoteVisibility, ModerationCaseRecord } from './types';
import { useServerAction } from '../common/useServerAction';

/** A button that opens its dialog; named for what it acts on (2.4.6), starting with its label (2.5.3). */
function OpenButton(props: {
  label: string;
  name: string;
  icon: ReactNode;
  color?: 'primary' | 'error';
  variant?: 'contained' | 'outlined';
  onClick(): void;
}) {
  return (
    <Button
      variant={props.variant ?? 'outlined'}
      color={props.color ?? 'primary'}
      startIcon={props.icon}
      aria-label={`${props.label} ${props.name}`}
      aria-haspopup="dialog"
      onClick={props.onClick}
    >
      {props.label}
    </Button>
  );
}

const NOTE_MIN = `At least ${MIN_EXPLANATION} characters; it stays on the case.`;

/** Assign the case to someone who may work it (an administrator or the owner of the account, or the Director). */
function AssignDialog(props: {
  open: boolean;
  record: ModerationCaseRecord;
  busy: boolean;
  onConfirm(assigneeId: string | null): void;
  onClose(): void;
}) {
  const viewer = useViewer();
  const { identity } = useGetIdentity();
  const choices = assigneeChoices(
    { id: viewer.id, roles: viewer.roles, fullName: identity?.fullName ?? null },
    props.record.account,
  );
  const [value, setValue] = useState<string>(props.record.assignee?.id ?? '');
  const titleId = useId();
  const textId = useId();
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby={titleId} aria-describedby={textId}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          props.onConfirm(value || null);
        }}
      >
        <DialogTitle id={titleId}>Assign {caseName(props.record)}</DialogTitle>
        <DialogContent>
          <DialogContentText id={textId} sx={{ mb: 1 }}>
            A case is worked by an administrator or the owner of the account, or by the Director of
            External Relations.
          </DialogContentText>
          <FormControl component="fieldset">
            <FormLabel component="legend">Assign to</FormLabel>
            <RadioGroup name="assignee" value={value} onChange={(event) => setValue(event.target.value)}>
              {choices.map((c, i) => (
                <FormControlLabel
                  key={c.id}
                  value={c.id}
                  control={<Radio autoFocus={i === 0 && !value} />}
                  label={c.name}
                />
              ))}
              <FormControlLabel value="" control={<Radio />} label="Nobody (unassigned)" />
            </RadioGroup>
          </FormControl>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={props.busy}>
            Confirm assignment
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** A note: internal (working the case) or part of the record (sent with the notices). */
function NoteDialog(props: {
  open: boolean;
  record: ModerationCaseRecord;
  busy: boolean;
  onConfirm(body: string, visibility: CaseNoteVisibility): void;
  onClose(): void;
}) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<CaseNoteVisibility>('INTERNAL');
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const textId = useId();
  const close = () => {
    setBody('');
    setError(null);
    setVisibility('INTERNAL');
    props.onClose();
  };
  return (
    <Dialog open={props.open} onClose={close} fullWidth maxWidth="sm" aria-labelledby={titleId} aria-describedby={textId}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!body.trim()) {
            setError('Write the note.');
            return;
          }
          props.onConfirm(body.trim(), visibility);
        }}
      >
        <DialogTitle id={titleId}>Add a note to {caseName(props.record)}</DialogTitle>
        <DialogContent>
          <DialogContentText id={textId} sx={{ mb: 1 }}>
            Internal notes are for the people working the case. Notes for the record go out with
            the notices and stay with the evidence.
          </DialogContentText>
          <TextField
            label="Note"
            value={body}
            onChange={(event) => {
              setBody(event.target.value);
              if (error) setError(null);
            }}
            error={error !== null}
            helperText={error ?? 'Kept on the case with your name and the time.'}
            required
            multiline
            minRows={3}
            fullWidth
            autoFocus
            margin="dense"
          />
          <FormControl component="fieldset" sx={{ mt: 1 }}>
            <FormLabel component="legend">Who reads it</FormLabel>
            <RadioGroup
              name="visibility"
              value={visibility}
              onChange={(event) => setVisibility(event.target.value as CaseNoteVisibility)}
            >
              <FormControlLabel value="INTERNAL" control={<Radio />} label="Internal (people working the case)" />
              <FormControlLabel value="RECORD" control={<Radio />} label="Part of the record (sent with the notices)" />
            </RadioGroup>
          </FormControl>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={props.busy}>
            Add note
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

type Open =
  | null
  | 'remove'
  | 'dismiss'
  | 'assign'
  | 'note'
  | 'question'
  | 'restore'
  | 'close'
  | 'placeHold'
  | 'releaseHold';

/**
 * The steps the viewer may take on the case now, from the permission matrix and the state
 * machine (the API refuses anyway). Each opens a dialog that asks for what the step needs.
 */
export function CaseActions() {
  const record = useRecordContext<ModerationCaseRecord>();
  const viewer = useViewer();
  const { run, busy } = useServerAction();
  const [open, setOpen] = useState<Open>(null);
  if (!record || viewer.isPending) return <TopToolbar />;
  const may = caseActions(viewer, record);
  const name = caseName(record);
  const caseId = String(record.id);
  const done = (ok: boolean) => {
    if (ok) setOpen(null);
  };
  return (
    <TopToolbar sx={{ gap: 1, flexWrap: 'wrap', justifyContent: 'flex-start' }}>
      {may.remove ? (
        <OpenButton label="Remove" name={name} icon={<RemoveIcon />} color="error" variant="contained" onClick={() => setOpen('remove')} />
      ) : null}
      {may.dismiss ? (
        <OpenButton label="Dismiss" name={name} icon={<DismissIcon />} onClick={() => setOpen('dismiss')} />
      ) : null}
      {may.assign ? (
        <OpenButton label="Assign" name={name} icon={<AssignIcon />} onClick={() => setOpen('assign')} />
      ) : null}
      {may.addNote ? (
        <OpenButton label="Add note" name={`to ${name}`} icon={<NoteIcon />} onClick={() => setOpen('note')} />
      ) : null}
      {may.recordQuestion ? (
        <OpenButton label="Record a question" name={`about ${name}`} icon={<QuestionIcon />} onClick={() => setOpen('question')} />
      ) : null}
      {may.restore ? (
        <OpenButton label="Restore" name={name} icon={<RestoreIcon />} color="error" onClick={() => setOpen('restore')} />
      ) : null}
      {may.close ? (
        <OpenButton label="Close" name={name} icon={<CloseIcon />} onClick={() => setOpen('close')} />
      ) : null}
      {may.placeHold ? (
        <OpenButton label="Place legal hold" name={`on ${name}`} icon={<HoldIcon />} onClick={() => setOpen('placeHold')} />
      ) : null}
      {may.releaseHold ? (
        <OpenButton label="Release legal hold" name={`on ${name}`} icon={<HoldIcon />} color="error" onClick={() => setOpen('releaseHold')} />
      ) : null}

      <RemoveDialog
        open={open === 'remove'}
        title={`Remove ${name}`}
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async ({ reasons, explanation }) =>
          done(
            await run(
              (dp) => dp.removeModeratedContent({ caseId, reasons, explanation }),
              'Content removed. Both notices are queued.',
            ),
          )
        }
      />
      <TextDialog
        open={open === 'dismiss'}
        title={`Dismiss ${name}`}
        explanation="The content stays up and nothing is sent. Say why; the note stays on the case."
        fields={[{ name: 'note', label: 'Note', helperText: NOTE_MIN, required: true, minLength: MIN_EXPLANATION, multiline: true }]}
        confirmLabel="Confirm dismissal"
        destructive
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async ({ note = '' }) =>
          done(await run((dp) => dp.dismissModerationCase({ caseId, note }), 'Case dismissed.'))
        }
      />
      {open === 'assign' ? (
        <AssignDialog
          open
          record={record}
          busy={busy}
          onClose={() => setOpen(null)}
          onConfirm={async (assigneeId) =>
            done(
              await run(
                (dp) => dp.assignModerationCase({ caseId, assigneeId }),
                assigneeId ? 'Case assigned.' : 'Case unassigned.',
              ),
            )
          }
        />
      ) : null}
      <NoteDialog
        open={open === 'note'}
        record={record}
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async (body, visibility) =>
          done(await run((dp) => dp.addCaseNote({ caseId, body, visibility }), 'Note added.'))
        }
      />
      <TextDialog
        open={open === 'question'}
        title={`Record a question about ${name}`}
        explanation="Anyone may ask about a removal; the Director of External Relations answers (XXX)."
        fields={[
          { name: 'askerName', label: 'Who asks', helperText: 'Their name, as they gave it', required: true, missing: 'Write who asks.' },
          { name: 'askerContact', label: 'How to reach them (optional)', helperText: 'An email address or a phone number' },
          { name: 'question', label: 'Question', helperText: 'In their words', required: true, missing: 'Write the question.', multiline: true },
        ]}
        confirmLabel="Record question"
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async (v) =>
          done(
            await run(
              (dp) =>
                dp.askAboutRemoval({
                  caseId,
                  askerName: v.askerName ?? '',
                  askerContact: v.askerContact,
                  question: v.question ?? '',
                }),
              'Question recorded for the Director of External Relations.',
            ),
          )
        }
      />
      <TextDialog
        open={open === 'restore'}
        title={`Restore ${name}`}
        explanation="The content goes back up, as the Director of External Relations orders. Say why; the note stays on the case."
        fields={[{ name: 'note', label: 'Note', helperText: NOTE_MIN, required: true, minLength: MIN_EXPLANATION, multiline: true }]}
        confirmLabel="Confirm restoration"
        destructive
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async ({ note = '' }) =>
          done(await run((dp) => dp.restoreModeratedContent({ caseId, note }), 'Content restored.'))
        }
      />
      <TextDialog
        open={open === 'close'}
        title={`Close ${name}`}
        explanation="Both notices were delivered; closing ends the work on the case. The evidence is kept until its retention date."
        fields={[{ name: 'note', label: 'Note (optional)', helperText: 'Kept on the case' , multiline: true }]}
        confirmLabel="Confirm closing"
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async ({ note }) =>
          done(await run((dp) => dp.closeModerationCase({ caseId, note }), 'Case closed.'))
        }
      />
      <TextDialog
        open={open === 'placeHold'}
        title={`Place a legal hold on ${name}`}
        explanation="A legal hold keeps the evidence past its retention date until it is released."
        fields={[{ name: 'reason', label: 'Reason', helperText: 'E.g. the litigation or records request it is for', required: true, missing: 'Write the reason for the hold.', multiline: true }]}
        confirmLabel="Place hold"
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async ({ reason = '' }) =>
          done(await run((dp) => dp.placeLegalHold({ caseId, reason }), 'Legal hold placed.'))
        }
      />
      <TextDialog
        open={open === 'releaseHold'}
        title={`Release the legal hold on ${name}`}
        explanation="Once released, the evidence is purged after its retention date."
        fields={[{ name: 'reason', label: 'Reason', helperText: 'Why the hold is no longer needed', required: true, missing: 'Write why the hold is released.', multiline: true }]}
        confirmLabel="Release hold"
        destructive
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async ({ reason = '' }) =>
          done(await run((dp) => dp.releaseLegalHold({ caseId, reason }), 'Legal hold released.'))
        }
      />
    </TopToolbar>
  );
}
