import { Alert, AlertTitle, Box, Link, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { Link as RouterLink } from 'react-router';
import { useViewer } from '../socialAccounts/useViewer';
import { type AdvisoryRecord, sectionLink } from './queries';

/**
 * The advice the API returns for a personal account (IV, V, VI), shown to its owner on the
 * account's page, which is where registering or saving lands. Advice, not an error: the save
 * went through, so it is a labelled region rather than an alert that interrupts.
 */
export function AdvisoriesPanel() {
  const record = useRecordContext<{ owner?: { id: string } | null; advisories?: AdvisoryRecord[] }>();
  const viewer = useViewer();
  const advisories = record?.advisories ?? [];
  if (advisories.length === 0 || !record?.owner || record.owner.id !== viewer.id) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Alert severity="info" role="region" aria-label="Advice for your personal account" data-testid="advisories">
        <AlertTitle component="h2" sx={{ fontSize: '1rem' }}>
          Advice for your personal account
        </AlertTitle>
        <Typography variant="body2" sx={{ mb: 1 }}>
          Nothing here stops you: the policy says what staff should do on their own accounts.
        </Typography>
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {advisories.map((a) => (
            <Typography component="li" variant="body2" key={a.code} sx={{ mb: 0.5 }}>
              {a.message}{' '}
              {a.sections.map((id, i) => (
                <span key={id}>
                  {i > 0 ? ', ' : '('}
                  <Link component={RouterLink} to={sectionLink(id)} color="inherit" underline="always">
                    §{id}
                  </Link>
                  {i === a.sections.length - 1 ? ')' : ''}
                </span>
              ))}
            </Typography>
          ))}
        </Box>
      </Alert>
    </Box>
  );
}
