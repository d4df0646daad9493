import CheckIcon from '@mui/icons-material/PlaylistAddCheck';
import { Card, CardContent, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  DateInput,
  Loading,
  RadioButtonGroupInput,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  SaveButton,
  SimpleForm,
  Title,
  Toolbar,
  useNotify,
} from 'react-admin';
import { canOpenPage } from '../access/access';
import { useStewardDataProvider } from '../dataProvider';
import { isSignedOut } from '../graphql/errors';
import { SectionList } from '../policy/SectionList';
import { CLASSIFICATION_LABELS, platformLabel } from '../socialAccounts/labels';
import type { SocialAccountRecord } from '../socialAccounts/types';
import { useViewer } from '../socialAccounts/useViewer';
import { gradeLabel, listName, MEDIA_KIND_LABELS } from '../students/labels';
import type { StudentRecord } from '../students/types';
import { CheckResult } from './CheckResult';
import { todayIso } from './queries';
import { RecentChecks, recentChecksKey } from './RecentChecks';
import type { CheckFormValues, PublicationCheckRecord } from './types';

/** The page's path (App.tsx's CustomRoutes, and the menu entry `check-post`). */
export const CHECK_POST_PATH = '/check-post';

const MEDIA_KIND_CHOICES = (Object.keys(MEDIA_KIND_LABELS) as (keyof typeof MEDIA_KIND_LABELS)[]).map(
  (id) => ({ id, name: MEDIA_KIND_LABELS[id] }),
);

function accountText(a: SocialAccountRecord) {
  if (!a?.handle) return '';
  const kind = CLASSIFICATION_LABELS[a.classification] ?? a.classification;
  return `@${a.handle} · ${platformLabel(a.platform)} · ${kind}`;
}

function studentText(s: StudentRecord) {
  if (!s?.familyName) return '';
  const where = [s.grade ? gradeLabel(s.grade) : null, s.school?.name].filter(Boolean).join(', ');
  return where ? `${listName(s)} — ${where}` : listName(s);
}

/** Tells the page which account is picked, for its recent checks below the form. */
function WatchAccount({ onChange }: { onChange(accountId: string | null): void }) {
  const accountId = useWatch({ name: 'accountId' }) as string | null | undefined;
  useEffect(() => onChange(accountId ? String(accountId) : null), [accountId, onChange]);
  return null;
}

function CheckToolbar() {
  return (
    <Toolbar>
      {/* Enabled at once: the same post may be checked again, e.g. with fewer students. */}
      <SaveButton label="Check" icon={<CheckIcon />} alwaysEnable />
    </Toolbar>
  );
}

/**
 * "Check a post" (IV, XIV): before a post shows students, the person picks the account, the
 * students and how they appear; the API answers ALLOWED or BLOCKED with a reason per student and
 * records the check. The account's recent checks are listed below.
 */
export function CheckPostPage() {
  const viewer = useViewer();
  const dataProvider = useStewardDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [accountId, setAccountId] = useState<string | null>(null);
  const [check, setCheck] = useState<PublicationCheckRecord | null>(null);

  if (viewer.isPending) return <Loading />;
  if (!canOpenPage(viewer.roles, 'check-post')) {
    return (
      <Card sx={{ mt: 2 }}>
        <Title title="Check a post" />
        <CardContent>
          <Typography>
            Checking a post is for the people who publish them and their supervisors; your role
            does not check posts.
          </Typography>
        </CardContent>
      </Card>
    );
  }

  const submit = async (values: CheckFormValues) => {
    try {
      const { data } = await dataProvider.checkPublication(values);
      setCheck(data);
      if (values.accountId) {
        await queryClient.invalidateQueries({ queryKey: recentChecksKey(String(values.accountId)) });
      }
    } catch (error) {
      if (isSignedOut(error)) throw error;
      notify((error as Error)?.message || 'The check could not be made.', { type: 'error' });
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Check a post" />
      <CardContent>
        <Typography variant="body1">
          Before a post shows students, check that each of them may be shown. On a
          school-affiliated account every student needs a current, properly completed media
          release covering district social media; a personal account shows no students. Each
          check is recorded.
        </Typography>
        <SectionList ids={['IV', 'XIV']} dense />
      </CardContent>
      <SimpleForm
        onSubmit={submit}
        defaultValues={{ mediaKind: 'PHOTO', plannedOn: todayIso(), students: [] }}
        toolbar={<CheckToolbar />}
      >
        <ReferenceInput
          source="accountId"
          reference="socialAccounts"
          sort={{ field: 'handle', order: 'ASC' }}
        >
          <AutocompleteInput
            label="Account"
            optionText={accountText}
            filterToQuery={(q) => ({ q })}
            validate={required('Choose the account the post goes on')}
            helperText="Where the post goes (your accounts, or your staff's)"
          />
        </ReferenceInput>
        <ReferenceArrayInput source="students" reference="students" perPage={20}>
          <AutocompleteArrayInput
            label="Students shown"
            optionText={studentText}
            filterToQuery={(q) => ({ q })}
            validate={required('Pick at least one student')}
            helperText="Search by name; pick every student who appears"
          />
        </ReferenceArrayInput>
        <RadioButtonGroupInput
          source="mediaKind"
          label="How they appear"
          choices={MEDIA_KIND_CHOICES}
          validate={required()}
        />
        <DateInput source="plannedOn" label="Planned date" validate={required()} />
        <WatchAccount onChange={setAccountId} />
      </SimpleForm>
      <CardContent>
        <CheckResult check={check} />
        {accountId ? <RecentChecks accountId={accountId} /> : null}
      </CardContent>
    </Card>
  );
}
