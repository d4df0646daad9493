import { Box, Stack } from '@mui/material';
import { CheckboxGroupInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useSchoolChoices } from '../organization/hooks';
import { ClassificationPreview } from './ClassificationPreview';
import { identityValidator } from './identity';
import {
  CONTENT_KIND_CHOICES,
  contentKindLabel,
  identifiedByAddress,
  PLATFORM_CHOICES,
  SIGNAL_CHOICES,
} from './labels';

// The domain's checkContentFields, per input: the API's rule and words (identity.ts).
const addressRequired = identityValidator('url', true);
const addressOptional = identityValidator('url');
const shortName = identityValidator('handle');
const platformRequired = identityValidator('platform', true);
const handleRequired = identityValidator('handle', true);

/**
 * What identifies the entry depends on its kind (XXIX): an account, page, microblog or handle by
 * its platform and handle; a web page or other content by its address (the API files it under
 * WEB, with the address as its handle unless one is given). The API checks the same again.
 */
function IdentityInputs() {
  const kind = useWatch({ name: 'contentKind' }) as string | undefined;
  const byAddress = identifiedByAddress(kind);
  const label = contentKindLabel(kind).toLowerCase();
  if (byAddress) {
    return (
      <>
        <TextInput
          source="url"
          label="Address"
          type="url"
          validate={addressRequired}
          helperText={kind === 'WEB_PAGE' ? 'https://…' : 'http(s)://…'}
        />
        <TextInput
          source="handle"
          label="Short name (optional)"
          validate={shortName}
          helperText="Left empty, the address without https:// is used"
        />
      </>
    );
  }
  return (
    <>
      <SelectInput source="platform" choices={PLATFORM_CHOICES} validate={platformRequired} />
      <TextInput source="handle" validate={handleRequired} helperText="Without the @" />
      <TextInput
        source="url"
        label={label === 'social media account' ? 'Profile address' : 'Address'}
        type="url"
        validate={addressOptional}
        helperText="https://…"
      />
    </>
  );
}

/**
 * Register or edit an entry. The owner ticks what is true of it; the preview beside the form
 * shows at once what that makes it. The server classifies again on save.
 */
export function SocialAccountForm({ isCreate = false }: { isCreate?: boolean }) {
  const schools = useSchoolChoices();
  return (
    <SimpleForm
      defaultValues={isCreate ? { signals: [], contentKind: 'SOCIAL_ACCOUNT' } : undefined}
    >
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ width: '100%' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <SelectInput
            source="contentKind"
            label="What is it?"
            choices={CONTENT_KIND_CHOICES}
            validate={required()}
            helperText="Web pages, microblogs and handles need the same permission as accounts (policy 4051, XXIX)."
          />
          <IdentityInputs />
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
            label="What is true of it?"
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
