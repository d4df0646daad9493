import AddIcon from '@mui/icons-material/AddTask';
import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import { INTERACTION_DESCRIPTION_MAX, INTERACTION_DESCRIPTION_MIN } from '@steward/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useRecordContext } from 'react-admin';
import { useServerAction } from '../common/useServerAction';
import { useStewardDataProvider } from '../dataProvider';
import { TextDialog } from '../moderation/TextDialog';
import { SectionList } from '../policy/SectionList';
import { confirmationText, INTERACTION_STATE_LABELS } from './labels';
import type { RequiredInteractionRecord } from './types';

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });

/** One requirement with its confirmation state and the steps the viewer may take on it. */
function Requirement({ item }: { item: RequiredInteractionRecord }) {
  const { run, busy } = useServerAction();
  const [retiring, setRetiring] = useState(false);
  return (
    <Box component="li" sx={{ mb: 2 }} data-testid="required-interaction">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="subtitle2" component="h3">
          {item.description}
          {item.target ? ` — ${item.target}` : ''}
        </Typography>
        <Chip
          size="small"
          variant={item.state === 'AWAITING_CONFIRMATION' ? 'filled' : 'outlined'}
          color={item.state === 'AWAITING_CONFIRMATION' ? 'warning' : 'default'}
          label={INTERACTION_STATE_LABELS[item.state]}
        />
      </Stack>
      <Typography variant="body2">
        Set {day(item.requiredAt)}
        {item.requiredBy ? ` by ${item.requiredBy.fullName}` : ''}. {confirmationText(item)}
        {item.retiredAt
          ? ` Retired ${day(item.retiredAt)}${item.retiredBy ? ` by ${item.retiredBy.fullName}` : ''}${item.retireNote ? `: ${item.retireNote}` : '.'}`
          : ''}
      </Typography>
      {(item.canConfirm || item.canRetire) && (
        <Stack direction="row" spacing={1} sx={{ mt: 0.5 }}>
          {item.canConfirm && (
            <Button
              size="small"
              variant="contained"
              disabled={busy}
              onClick={() => run((dp) => dp.confirmRequiredInteraction(item.id), 'Confirmed.')}
            >
              Confirm
            </Button>
          )}
          {item.canRetire && (
            <Button size="small" variant="outlined" disabled={busy} onClick={() => setRetiring(true)}>
              Retire
            </Button>
          )}
        </Stack>
      )}
      <TextDialog
        open={retiring}
        title="Retire this required interaction"
        explanation="It stays in the account's history as retired; nobody has to confirm it any more."
        fields={[{ name: 'note', label: 'Why (optional)', helperText: 'Kept with the requirement.', multiline: true }]}
        confirmLabel="Retire"
        destructive
        busy={busy}
        onClose={() => setRetiring(false)}
        onConfirm={async (values) => {
          if (await run((dp) => dp.retireRequiredInteraction(item.id, values.note), 'Retired.')) setRetiring(false);
        }}
      />
    </Box>
  );
}

/**
 * Required interactions of a school-affiliated account (XII): the owner's supervising
 * administrator (or a district admin) adds and retires them; the owner and the administrators
 * confirm each. A personal account takes none.
 */
export function RequiredInteractionsPanel(_props: { label?: string }) {
  const record = useRecordContext<{ id: string; classification?: string }>();
  const dataProvider = useStewardDataProvider();
  const { run, busy } = useServerAction();
  const [adding, setAdding] = useState(false);
  const affiliated = record?.classification === 'SCHOOL_AFFILIATED';
  const { data, error } = useQuery({
    queryKey: ['steward', 'accountInteractions', record?.id],
    queryFn: async () => (await dataProvider.getAccountInteractions(String(record?.id))).data,
    enabled: !!record?.id && affiliated,
  });
  if (!record) return null;
  return (
    <Box component="section" aria-label="Required interactions (XII)" data-testid="required-interactions">
      {!affiliated ? (
        <Typography variant="body2">
          Personal account: the district does not direct whom its owner interacts with (VIII, IX, XII).
        </Typography>
      ) : error ? (
        <Alert severity="error">{(error as Error).message}</Alert>
      ) : (
        <>
          {(data?.requiredInteractions ?? []).length === 0 ? (
            <Typography variant="body2">None set.</Typography>
          ) : (
            <Box component="ul" sx={{ m: 0, pl: 0, listStyle: 'none' }}>
              {(data?.requiredInteractions ?? []).map((item) => (
                <Requirement key={item.id} item={item} />
              ))}
            </Box>
          )}
          {data?.canRequireInteraction && (
            <Button size="small" startIcon={<AddIcon />} disabled={busy} onClick={() => setAdding(true)}>
              Add a required interaction
            </Button>
          )}
          <SectionList ids={['XII']} dense />
          <TextDialog
            open={adding}
            title="Add a required interaction"
            explanation="Say whom this account must interact with and how; its owner and administrators confirm it."
            fields={[
              {
                name: 'description',
                label: 'What the account must do',
                helperText: `e.g. "Follow the district's main account" (${INTERACTION_DESCRIPTION_MIN} to ${INTERACTION_DESCRIPTION_MAX.toLocaleString('en-US')} characters).`,
                required: true,
                minLength: INTERACTION_DESCRIPTION_MIN,
                multiline: true,
              },
              { name: 'target', label: 'Whom (optional)', helperText: 'A handle such as @district, or an address.' },
            ]}
            confirmLabel="Add"
            busy={busy}
            onClose={() => setAdding(false)}
            onConfirm={async (values) => {
              if (await run((dp) => dp.requireInteraction(String(record.id), values), 'Required interaction added.')) {
                setAdding(false);
              }
            }}
          />
        </>
      )}
    </Box>
  );
}
