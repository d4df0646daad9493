import { Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Create, maxLength, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar } from 'react-admin';
import { useStewardDataProvider } from '../dataProvider';
import { SectionList } from '../policy/SectionList';
import { useViewer } from '../socialAccounts/useViewer';

/** The accounts the viewer owns, for the optional "planned for" account. */
function useMyAccounts() {
  const dataProvider = useStewardDataProvider();
  const viewer = useViewer();
  const query = useQuery({
    queryKey: ['steward', 'myAccountsForQuestions', viewer.id],
    queryFn: async () => (await dataProvider.getMyAccounts(viewer.id as string)).data,
    enabled: !!viewer.id,
  });
  return (query.data ?? []).map((a) => ({ id: a.id, name: `@${a.handle} (${a.platform})` }));
}

/** Always enabled: a click on an empty form says what is missing, under each field. */
function AskToolbar() {
  return (
    <Toolbar>
      <SaveButton label="Send the question" alwaysEnable />
    </Toolbar>
  );
}

/**
 * "Ask your supervising administrator" (XVIII): a question about a planned post, which goes to
 * the asker's supervising administrator (a district admin when there is none).
 */
export function ContentQuestionCreate() {
  const accounts = useMyAccounts();
  return (
    <Create title="Ask your supervising administrator" redirect="show">
      <SimpleForm toolbar={<AskToolbar />}>
        <Typography variant="body2" component="div" sx={{ mb: 2 }}>
          Questions about appropriate content (copyright, disclosure laws, the use of district
          resources) go to your supervising administrator, who answers here; you can ask further.
          <SectionList ids={['XVIII']} dense />
        </Typography>
        <TextInput
          source="question"
          label="Your question"
          multiline
          minRows={2}
          fullWidth
          validate={[required(), maxLength(5000)]}
          helperText="What you want to know, e.g. whether you may use a song or a photo."
        />
        <TextInput
          source="plannedText"
          label="Text of the planned post"
          multiline
          minRows={3}
          fullWidth
          validate={[required(), maxLength(5000)]}
        />
        <TextInput
          source="mediaDescription"
          label="Media (optional)"
          multiline
          fullWidth
          validate={maxLength(2000)}
          helperText="Describe any photos, video or music the post would carry."
        />
        <SelectInput
          source="accountId"
          label="Account (optional)"
          choices={accounts}
          emptyText="None"
          helperText="The account you plan to post on, if any."
        />
      </SimpleForm>
    </Create>
  );
}
