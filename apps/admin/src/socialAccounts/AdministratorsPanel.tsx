import {
  Alert,
  Autocomplete,
  Box,
  Button,
  List,
  ListItem,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useGetList, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { mayActOn } from '../access/access';
import { CitedMessage } from '../policy/CitedMessage';
import { entryName } from './labels';
import { type AdministratorChoice, administratorMethods, administratorsInput } from './queries';
import { accountSubject, isFullRecord } from './subject';
import type { AdministratorRecord, SocialAccountRecord } from './types';
import { useViewer } from './useViewer';

interface StaffOption {
  id: string;
  fullName: string;
  email: string;
}

/** Staff matching what is typed, for the picker (people the viewer may list; others by email). */
function useStaffOptions(q: string): StaffOption[] {
  const { data } = useGetList<StaffOption>(
    'staff',
    { filter: { q, active: true }, pagination: { page: 1, perPage: 10 }, sort: { field: 'familyName', order: 'ASC' } },
    { enabled: q.trim().length >= 2 },
  );
  return data ?? [];
}

/**
 * Who administers a school-affiliated account besides its owner (XXIX): active staff only. The
 * owner (or a district admin) adds someone by picking them or typing their work email, and
 * removes them. The API decides: a student's or volunteer's address, anyone outside the district
 * or a former staff member is refused, and the refusal is shown here with its sections, linked
 * to the Policy page, until the next try.
 */
export function AdministratorsPanel(_props: { label?: string }) {
  const record = useRecordContext<SocialAccountRecord>();
  const viewer = useViewer();
  const notify = useNotify();
  const refresh = useRefresh();
  const [typed, setTyped] = useState('');
  const [picked, setPicked] = useState<StaffOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const errorId = useId();
  const options = useStaffOptions(typed);

  if (!isFullRecord(record) || viewer.isPending) return null;
  const administrators: AdministratorRecord[] = record.administrators ?? [];
  const name = entryName(record);
  if (record.classification !== 'SCHOOL_AFFILIATED') {
    return (
      <Typography variant="body2">
        None: a personal account is its owner's alone and has no administrators (VIII, IX, XXIX).
      </Typography>
    );
  }
  const mayManage = mayActOn(viewer.roles, viewer.id, 'socialAccount.update', accountSubject(record));

  const save = async (change: { add?: AdministratorChoice; remove?: string }, success: string) => {
    setBusy(true);
    setError(null);
    try {
      await administratorMethods.setAccountAdministrators({
        accountId: record.id,
        administrators: administratorsInput(administrators, change),
      });
      notify(success, { type: 'success' });
      setTyped('');
      setPicked(null);
      refresh();
    } catch (e) {
      setError((e as Error)?.message || 'The change was refused.');
      field.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    const text = typed.trim();
    if (picked && picked.fullName === text) {
      void save({ add: { staffId: picked.id } }, `${picked.fullName} now administers ${name}.`);
    } else if (text.includes('@')) {
      void save({ add: { email: text } }, `${text} now administers ${name}.`);
    } else {
      setError('Pick a member of staff from the list, or type their work email.');
      field.current?.focus();
    }
  };

  return (
    <Box data-testid="account-administrators">
      <Typography id={headingId} variant="subtitle2" component="h3" sx={{ mt: 1 }}>
        Administrators besides the owner
      </Typography>
      {administrators.length === 0 ? (
        <Typography variant="body2">None yet.</Typography>
      ) : (
        <List dense aria-labelledby={headingId} sx={{ maxWidth: 640 }}>
          {administrators.map((a) => (
            <ListItem
              key={a.id}
              disableGutters
              secondaryAction={
                mayManage ? (
                  <Button
                    size="small"
                    color="error"
                    disabled={busy}
                    onClick={() => void save({ remove: a.id }, `${a.fullName} no longer administers ${name}.`)}
                    aria-label={`Remove ${a.fullName} as administrator of ${name}`}
                  >
                    Remove
                  </Button>
                ) : undefined
              }
            >
              <ListItemText
                primary={a.fullName}
                secondary={`${a.email ?? ''}${a.active === false ? ' — no longer active' : ''}`}
              />
            </ListItem>
          ))}
        </List>
      )}
      {mayManage && (
        <Box component="form" onSubmit={onAdd} noValidate aria-label={`Add an administrator to ${name}`}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start', mt: 1 }}>
            <Autocomplete<StaffOption, false, false, true>
              freeSolo
              options={options}
              filterOptions={(x) => x}
              getOptionLabel={(o) => (typeof o === 'string' ? o : o.fullName)}
              renderOption={({ key: _key, ...props }, o) => (
                <li {...props} key={o.id}>
                  {o.fullName} ({o.email})
                </li>
              )}
              inputValue={typed}
              onInputChange={(_e, value) => {
                setTyped(value);
                setError(null);
              }}
              onChange={(_e, value) => setPicked(value && typeof value !== 'string' ? value : null)}
              sx={{ minWidth: 320 }}
              renderInput={(params) => (
                <TextField
                  {...params}
                  inputRef={field}
                  size="small"
                  label="Staff member or work email"
                  error={!!error}
                  slotProps={{
                    ...params.slotProps,
                    htmlInput: {
                      ...params.slotProps.htmlInput,
                      'aria-describedby': error ? errorId : undefined,
                      'aria-invalid': !!error,
                    },
                  }}
                />
              )}
            />
            <Button type="submit" variant="outlined" disabled={busy || typed.trim() === ''}>
              Add administrator
            </Button>
          </Stack>
          <Typography variant="caption" component="p" sx={{ mt: 0.5 }}>
            Active staff only: students, volunteers and people outside the district may not be
            given access to a school-affiliated account (policy 4051, XXIX).
          </Typography>
        </Box>
      )}
      {error && (
        <Alert id={errorId} severity="error" role="alert" sx={{ mt: 1 }}>
          <CitedMessage message={error} />
        </Alert>
      )}
    </Box>
  );
}
