import { List, ListItem, ListItemText, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { SectionList } from '../policy/SectionList';
import { signalLabel } from './labels';
import { isFullRecord } from './subject';
import type { SocialAccountRecord } from './types';

/** Why the account is classified as it is: the signals, and what each cited section says. */
export function ClassificationDetails(_props: { label?: string }) {
  const record = useRecordContext<SocialAccountRecord>();
  if (!isFullRecord(record)) return null;
  const reasons = record.classificationReasons ?? [];
  return (
    <div>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {record.classificationExplanation}
      </Typography>
      {reasons.length > 0 && (
        <List dense disablePadding>
          {reasons.map((reason) => (
            <ListItem key={reason.signal} disableGutters>
              <ListItemText primary={signalLabel(reason.signal)} secondary={reason.explanation} />
            </ListItem>
          ))}
        </List>
      )}
      <SectionList ids={record.classificationSections ?? []} />
    </div>
  );
}
