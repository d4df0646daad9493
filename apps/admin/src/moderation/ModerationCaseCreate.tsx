import { Alert, Box, Typography } from '@mui/material';
import { MIN_EXPLANATION, REMOVAL_REASON_INFO, REMOVAL_REASONS } from '@steward/domain';
import { SectionList } from '../policy/SectionList';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import {
  BooleanInput,
  CheckboxGroupInput,
  Create,
  DateTimeInput,
  Loading,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useNotify,
  useRedirect,
} from 'react-admin';
import { useStewardDataProvider } from '../dataProvider';
import { useViewer } from '../socialAccounts/useViewer';
import { mayRecordOn } from './actions';
import { accountText, CONTENT_KIND_CHOICES } from './labels';
import { explanationHelp } from './RemoveDialog';
import { removalErrors } from './actions';
import { REASON_CHOICES } from './labels';
import type { RecordRemovalValues } from './types';

/** The accounts the viewer may record on: school-affiliated ones only (XXX); personal pages are not the district's. */
function useRecordableAccounts() {
  const dataProvider = useStewardDataProvider();
  const viewer = useViewer();
  const query = useQuery({
    queryKey: ['steward', 'recordableAccounts'],
    queryFn: async () => (await dataProvider.getRecordableAccounts()).data,
  });
  const accounts = (query.data ?? []).filter(
    (a) => a.classification === 'SCHOOL_AFFILIATED' && mayRecordOn(viewer, a),
  );
  return { accounts, isPending: query.isPending || viewer.isPending, error: query.error };
}

const LONG = 'x'.repeat(MIN_EXPLANATION);

/** The domain's validateRemoval, for the reasons only (when removing now). */
export function validateReasons(value: unknown, all: RecordRemovalValues): string | undefined {
  if (!all.removeNow) return undefined;
  return removalErrors(Array.isArray(value) ? value : [], LONG).reasons ?? undefined;
}

/** The domain's validateRemoval, for the explanation only (when removing now). */
export function validateExplanation(value: unknown, all: RecordRemovalValues): string | undefined {
  if (!all.removeNow) return undefined;
  return removalErrors(['OBSCENE'], typeof value === 'string' ? value : '').explanation ?? undefined;
}

// Shown only when removing now, and then required: marked so (the asterisk and `required`).
const reasonsRequired = Object.assign(validateReasons, { isRequired: true });
const explanationRequired = Object.assign(validateExplanation, { isRequired: true });

function RemovalInputs() {
  const removeNow = useWatch({ name: 'removeNow' }) as boolean | undefined;
  const explanation = (useWatch({ name: 'explanation' }) as string | undefined) ?? '';
  if (!removeNow) {
    return (
      <Typography variant="body2" sx={{ mb: 2 }}>
        The case opens without a removal; you can remove or dismiss it from the case page.
      </Typography>
    );
  }
  return (
    <>
      <CheckboxGroupInput
        source="reasons"
        label="Reasons for removal (XXXI-XXXV)"
        choices={REASON_CHOICES}
        row={false}
        validate={reasonsRequired}
        helperText="Only these reasons: disagreement or criticism is never one (XXX)."
      />
      <Box sx={{ mb: 2 }}>
        <Typography variant="subtitle2" component="h3">
          What the sections say
        </Typography>
        <SectionList ids={REMOVAL_REASONS.map((r) => REMOVAL_REASON_INFO[r].section)} dense />
      </Box>
      <TextInput
        source="explanation"
        label="Explanation"
        multiline
        minRows={3}
        fullWidth
        validate={explanationRequired}
        helperText={explanationHelp(explanation)}
      />
    </>
  );
}

function RecordToolbar() {
  const removeNow = useWatch({ name: 'removeNow' }) as boolean | undefined;
  return (
    <Toolbar>
      <SaveButton label={removeNow ? 'Open case and remove' : 'Open case'} alwaysEnable />
    </Toolbar>
  );
}

/**
 * An account administrator records third-party content they remove (or may remove) from a
 * district page (XXX): the account, the content as it was (the evidence, captured now), and,
 * in the same step, the reasons and explanation of the removal.
 */
export function ModerationCaseCreate() {
  const { accounts, isPending, error } = useRecordableAccounts();
  const dataProvider = useStewardDataProvider();
  const notify = useNotify();
  const redirect = useRedirect();
  const [refusal, setRefusal] = useState<string | null>(null);
  if (isPending) return <Loading />;

  const submit = async (values: RecordRemovalValues) => {
    setRefusal(null);
    let caseId: string;
    try {
      caseId = String((await dataProvider.openModerationCase(values)).data.id);
    } catch (e) {
      // The API's message with the cited sections (e.g. a personal account: VIII, IX, XXX).
      setRefusal((e as Error)?.message || 'The case could not be opened.');
      return;
    }
    if (values.removeNow) {
      try {
        await dataProvider.removeModeratedContent({
          caseId,
          reasons: values.reasons ?? [],
          explanation: values.explanation ?? '',
        });
        notify('Case opened and content removed. Both notices are queued.', { type: 'success' });
      } catch (e) {
        notify(`The case was opened, but the removal was refused: ${(e as Error)?.message}`, {
          type: 'error',
          autoHideDuration: null,
        });
      }
    } else {
      notify('Case opened.', { type: 'success' });
    }
    redirect('show', 'moderationCases', caseId);
  };

  return (
    <Create title="Record a removal">
      <SimpleForm
        onSubmit={submit as never}
        mode="onChange"
        defaultValues={{ kind: 'COMMENT', removeNow: true, reasons: [] }}
        toolbar={<RecordToolbar />}
      >
        <Box role="alert" sx={{ width: '100%' }} data-testid="record-refusal">
          {refusal ? (
            <Alert severity="error" variant="outlined" onClose={() => setRefusal(null)} role="none">
              {refusal}
            </Alert>
          ) : null}
        </Box>
        {error ? (
          <Alert severity="error" variant="outlined">
            {(error as Error).message}
          </Alert>
        ) : accounts.length === 0 ? (
          <Alert severity="info" variant="outlined">
            You administer no school-affiliated account: removals are recorded by an account's
            owner or administrators, their supervising administrator, the Director of External
            Relations or the district admin (XXX).
          </Alert>
        ) : null}
        <Typography variant="h6" component="h2">
          Where
        </Typography>
        <SelectInput
          source="accountId"
          label="Account"
          choices={accounts.map((a) => ({ id: a.id, name: `${accountText(a)}${a.school ? `, ${a.school.name}` : ''}` }))}
          validate={required('Choose the account the content was on')}
          helperText="School-affiliated accounts you may record on; personal accounts are not the district's"
        />
        <Typography variant="h6" component="h2">
          The content, as it was
        </Typography>
        <SelectInput source="kind" label="Kind" choices={CONTENT_KIND_CHOICES} validate={required()} />
        <TextInput source="authorName" label="Author's name" helperText="As shown on the platform (optional)" />
        <TextInput source="authorHandle" label="Author's handle" helperText="Without the @ (optional)" />
        <TextInput
          source="text"
          label="Text"
          multiline
          minRows={4}
          fullWidth
          validate={required('Paste the text exactly as it was posted')}
          helperText="Paste it exactly; it is kept as evidence and cannot be edited later"
        />
        <TextInput
          source="mediaUrls"
          label="Media addresses"
          multiline
          minRows={2}
          fullWidth
          helperText="One address a line (optional)"
        />
        <TextInput source="permalink" label="Permalink" type="url" fullWidth helperText="The content's own address (optional)" />
        <DateTimeInput source="postedAt" label="Posted at" helperText="When it was posted, if known" />
        <TextInput
          source="platformContentId"
          label="Platform content id"
          validate={required('Give the platform’s id for the content')}
          helperText="The id the platform gives the post or comment"
        />
        <Typography variant="h6" component="h2">
          Removal
        </Typography>
        <BooleanInput source="removeNow" label="Remove it now" helperText="The reasons and the explanation go to the Director of External Relations" />
        <RemovalInputs />
      </SimpleForm>
    </Create>
  );
}
