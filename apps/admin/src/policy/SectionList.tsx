import { Box, Link, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { sectionLink } from './queries';
import { citedSections } from './sections';

/**
 * The policy sections behind a decision, each with a one-line summary of what it says and a
 * link to the section on the Policy page (how Steward handles it).
 */
export function SectionList({ ids, dense = false }: { ids: readonly string[]; dense?: boolean }) {
  const sections = citedSections(ids);
  if (sections.length === 0) return null;
  return (
    <Box component="ul" aria-label="Policy sections" sx={{ m: 0, pl: 2.5, my: dense ? 0.5 : 1 }}>
      {sections.map((s) => (
        <Typography component="li" variant={dense ? 'caption' : 'body2'} key={s.id}>
          <Link component={RouterLink} to={sectionLink(s.id)} sx={{ fontWeight: 'bold' }}>
            Policy 4051 §{s.id}
          </Link>
          {s.summary ? `: ${s.summary}` : ''}
        </Typography>
      ))}
    </Box>
  );
}
