import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router';
import { sectionLink, splitCitations } from './queries';

/**
 * A message with each cited section ("Policy 4051 §III, §XI") as a link to the Policy page.
 * Used for refusals shown in notifications, whose colours it inherits (underlined, so the link
 * is not told by colour alone).
 */
export function CitedMessage({ message }: { message: string }) {
  return (
    <>
      {splitCitations(message).map((part, i) =>
        'section' in part ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed message
          <Link key={i} component={RouterLink} to={sectionLink(part.section)} color="inherit" underline="always">
            §{part.section}
          </Link>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
