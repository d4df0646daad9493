import { Box, Stack } from '@mui/material';
import { CheckboxGroupInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { useSchoolChoices } from '../organization/hooks';
import { ClassificationPreview } from './ClassificationPreview';
import { PLATFORM_CHOICES, SIGNAL_CHOICES } from './labels';

/**
 * Register or edit an account. The owner ticks what is true of the account; the preview beside
 * the form shows at once what that makes it. The server classifies again on save.
 */
export function SocialAccountForm({ isCreate = false }: { isCreate?: boolean }) {
  const schools = useSchoolChoices();
  return (
    <SimpleForm defaultValues={isCreate ? { signals: [] } : undefined}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ width: '100%' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <SelectInput source="platform" choices={PLATFORM_CHOICES} validate={required()} />
          <TextInput source="handle" validate={required()} helperText="Without the @" />
          <TextInput source="url" label="Profile address" type="url" helperText="https://…" />
          <TextInput source="displayName" label="Display name" />
          <TextInput source="bio" label="Bio" multiline minRows={3} />
          <SelectInput
            source="schoolId"
            label="School or program"
            choices={schools}
            emptyText={isCreate ? 'My school' : 'None'}
          />
          <CheckboxGroupInput
            source="signals"
            label="What is true of this account?"
            choices={SIGNAL_CHOICES}
            row={false}
            helperText="Tick each that applies (policy 4051, VIII and IX)."
          />
        </Box>
        <ClassificationPreview />
      </Stack>
    </SimpleForm>
  );
}
