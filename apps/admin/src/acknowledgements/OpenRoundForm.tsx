import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { graphqlRequest } from '../graphql/client';
import { useSchools } from '../organization/hooks';
import {
  OPEN_ACKNOWLEDGEMENT_ROUND,
  type OpenRoundValues,
  openRoundErrors,
  openRoundInput,
  type RoundRecord,
  todayUtc,
} from './queries';

export const acknowledgementKeys = {
  all: ['steward', 'acknowledgements'] as const,
};

/**
 * "Open a round" (district admin): a new revision of the policy, its due date, and who must
 * acknowledge it. The form checks the dates with the API's own rule before sending; the API
 * decides (another admin may have opened a round meanwhile) and its refusal is shown as is.
 */
export function OpenRoundForm({ latestRevisionDate }: { latestRevisionDate: string | null }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<OpenRoundValues>({
    revisionDate: todayUtc(),
    dueDate: '',
    audience: 'ALL',
    schoolId: '',
  });
  const [shownErrors, setShownErrors] = useState<Partial<Record<keyof OpenRoundValues, string>>>({});
  const [opened, setOpened] = useState<RoundRecord | null>(null);
  // The district's schools, from the one shared query (and cache entry) every page uses.
  const schools = useSchools();
  const open = useMutation({
    mutationFn: (v: OpenRoundValues) =>
      graphqlRequest<{ openAcknowledgementRound: RoundRecord }>(OPEN_ACKNOWLEDGEMENT_ROUND, { input: openRoundInput(v) }),
    onSuccess: async (data) => {
      setOpened(data.openAcknowledgementRound);
      await queryClient.invalidateQueries({ queryKey: acknowledgementKeys.all });
    },
  });

  const set = (field: keyof OpenRoundValues) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = openRoundErrors(values, latestRevisionDate);
    setShownErrors(errors);
    setOpened(null);
    if (Object.keys(errors).length === 0) open.mutate(values);
  };

  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby="open-round-title" sx={{ mt: 1 }}>
      <Typography id="open-round-title" variant="h6" component="h2">
        Open a round for a new revision
      </Typography>
      <Typography variant="body2" sx={{ mb: 2 }}>
        Everyone the round asks reads the summaries and acknowledges once. Opening a round replaces the current one;
        reminders go out by mail at most once a week to whoever has not acknowledged.
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField
          id="round-revision-date"
          label="Revision date"
          type="date"
          value={values.revisionDate}
          onChange={set('revisionDate')}
          required
          error={!!shownErrors.revisionDate}
          helperText={shownErrors.revisionDate ?? (latestRevisionDate ? `After ${latestRevisionDate}, the latest round's revision` : 'The date of the policy revision')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          id="round-due-date"
          label="Due date"
          type="date"
          value={values.dueDate}
          onChange={set('dueDate')}
          required
          error={!!shownErrors.dueDate}
          helperText={shownErrors.dueDate ?? 'Not before the revision date, not already past'}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Stack>
      <FormControl component="fieldset" sx={{ mb: 2 }}>
        <FormLabel component="legend">Who must acknowledge</FormLabel>
        <RadioGroup name="audience" value={values.audience} onChange={set('audience')}>
          <FormControlLabel value="ALL" control={<Radio />} label="All active staff" />
          <FormControlLabel value="SCHOOL" control={<Radio />} label="Active staff of one school" />
        </RadioGroup>
      </FormControl>
      {values.audience === 'SCHOOL' ? (
        <Box sx={{ mb: 2 }}>
          <TextField
            id="round-school"
            select
            label="School"
            value={values.schoolId}
            onChange={set('schoolId')}
            required
            error={!!shownErrors.schoolId}
            helperText={shownErrors.schoolId ?? (schools === undefined ? 'Loading the schools…' : ' ')}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            sx={{ minWidth: 280 }}
          >
            <option value="">Choose a school</option>
            {(schools ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </TextField>
        </Box>
      ) : null}
      <Button type="submit" variant="contained" disabled={open.isPending}>
        Open the round
      </Button>
      {open.error ? (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {(open.error as Error).message}
        </Alert>
      ) : null}
      {opened ? (
        <Alert severity="success" sx={{ mt: 2 }}>
          The round for the revision of {opened.revisionDate} is open, due {opened.dueDate}.
        </Alert>
      ) : null}
    </Box>
  );
}
