import AdviceIcon from '@mui/icons-material/TipsAndUpdates';
import EnforcedIcon from '@mui/icons-material/Gavel';
import GuidanceIcon from '@mui/icons-material/InfoOutlined';
import HeadingIcon from '@mui/icons-material/Title';
import WorkflowIcon from '@mui/icons-material/AccountTree';
import { Box, Card, CardContent, Chip, Link, Stack, Typography } from '@mui/material';
import { POLICY } from '@steward/domain';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useEffect } from 'react';
import { Loading, Title, useLogoutIfAccessDenied } from 'react-admin';
import { Link as RouterLink, useLocation } from 'react-router';
import { canOpenPage } from '../access/access';
import { graphqlRequest } from '../graphql/client';
import { isSignedOut } from '../graphql/errors';
import { useViewer } from '../socialAccounts/useViewer';
import {
  canOpenScreen,
  coverageKindLabel,
  kindCounts,
  POLICY_COVERAGE,
  type PolicyRuleRecord,
  type PolicySectionRecord,
  RULE_KIND_LABELS,
  sectionAnchorId,
  sectionFromHash,
  sectionLink,
} from './queries';

export const policyCoverageKey = ['steward', 'policyCoverage'];

const KIND_ICONS: Record<string, ReactElement> = {
  ENFORCED: <EnforcedIcon />,
  WORKFLOW: <WorkflowIcon />,
  GUIDANCE: <GuidanceIcon />,
  HEADING: <HeadingIcon />,
  ADVISORY: <AdviceIcon />,
};

/** The kind as text with an icon: never colour alone (docs/accessibility.md). */
function KindChip({ kind, label }: { kind: string; label: string }) {
  return <Chip size="small" variant="outlined" icon={KIND_ICONS[kind]} label={label} />;
}

function RuleItem({ rule, roles }: { rule: PolicyRuleRecord; roles: Parameters<typeof canOpenScreen>[0] }) {
  const screen = rule.screen;
  return (
    <Typography component="li" variant="body2" sx={{ mb: 0.75 }}>
      <KindChip kind={rule.kind} label={RULE_KIND_LABELS[rule.kind] ?? rule.kind} /> {rule.name}.
      {screen ? (
        <>
          {' '}
          Where:{' '}
          {canOpenScreen(roles, screen.path) ? (
            <Link component={RouterLink} to={screen.path}>
              {screen.label}
            </Link>
          ) : (
            <>{screen.label} (not among your screens)</>
          )}
          .
        </>
      ) : null}
    </Typography>
  );
}

function SectionItem({
  section,
  targeted,
  roles,
}: {
  section: PolicySectionRecord;
  targeted: boolean;
  roles: Parameters<typeof canOpenScreen>[0];
}) {
  const anchor = sectionAnchorId(section.id);
  return (
    <Box
      component="section"
      id={anchor}
      aria-labelledby={`${anchor}-title`}
      data-kind={section.kind}
      sx={{
        py: section.heading ? 1 : 2,
        px: 1.5,
        borderTop: 1,
        borderColor: 'divider',
        // The app bar would cover a section scrolled to the top.
        scrollMarginTop: 72,
        borderLeft: 4,
        borderLeftColor: targeted ? 'primary.main' : 'transparent',
      }}
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography
          id={`${anchor}-title`}
          variant={section.heading ? 'subtitle1' : 'h6'}
          component="h2"
          tabIndex={-1}
          sx={{ fontWeight: 'bold', '&:focus': { outline: 'none' } }}
        >
          §{section.id} {section.title}
        </Typography>
        <KindChip kind={section.kind} label={coverageKindLabel(section.kind)} />
      </Stack>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {section.summary}
      </Typography>
      {section.kind === 'GUIDANCE' && section.reason ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          <strong>Why Steward does not decide it: </strong>
          {section.reason}
        </Typography>
      ) : null}
      {section.planned ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          <strong>Planned, not built yet: </strong>
          {section.planned}
        </Typography>
      ) : null}
      {section.rules.length > 0 ? (
        <>
          <Typography variant="subtitle2" component="h3" sx={{ mt: 1 }}>
            {section.kind === 'GUIDANCE' ? 'What helps' : 'How Steward handles it'}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5, listStyle: 'none' }}>
            {section.rules.map((rule) => (
              <RuleItem key={rule.id} rule={rule} roles={roles} />
            ))}
          </Box>
        </>
      ) : null}
    </Box>
  );
}

/**
 * "Policy" (issue 13): every numbered section of Policy 4051, its summary in our words, and how
 * Steward handles it (enforced, tracked by a workflow, guidance with the reason, or a heading),
 * with links to the screens that do. Each section is an anchor (`#/policy#XIV`): every list of
 * cited sections in the dashboard links here.
 */
export function PolicyPage() {
  const viewer = useViewer();
  const location = useLocation();
  const target = sectionFromHash(location.hash);
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const allowed = !viewer.isPending && canOpenPage(viewer.roles, 'policy');
  const { data, error, isPending } = useQuery({
    queryKey: policyCoverageKey,
    queryFn: () => graphqlRequest<{ policyCoverage: PolicySectionRecord[] }>(POLICY_COVERAGE),
    enabled: allowed,
    // The map changes only with a new release of the API.
    staleTime: 60 * 60 * 1000,
  });

  useEffect(() => {
    if (error && isSignedOut(error)) void logoutIfAccessDenied(error);
  }, [error, logoutIfAccessDenied]);

  // A link such as #/policy#XIV: bring that section into view and move focus to its title, so
  // keyboard and screen-reader users land where sighted users do.
  useEffect(() => {
    if (!target || !data) return;
    const element = document.getElementById(sectionAnchorId(target));
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    document.getElementById(`${sectionAnchorId(target)}-title`)?.focus({ preventScroll: true });
  }, [target, data]);

  if (viewer.isPending) return <Loading />;
  if (!allowed) {
    return (
      <Card sx={{ mt: 2 }}>
        <Title title="Policy" />
        <CardContent>
          <Typography>The policy page is for people signed in to the district.</Typography>
        </CardContent>
      </Card>
    );
  }

  const sections = data?.policyCoverage ?? [];
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Policy" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          Policy {POLICY.number}: {POLICY.title}
        </Typography>
        <Typography variant="body1">
          Every numbered section of the policy (revised {POLICY.revised}, reviewed {POLICY.reviewed}),
          summarized in our words, and how Steward handles it: enforced by its rules, tracked by a
          workflow, or guidance that software cannot decide, with the reason. The district's policy
          text stays the source of truth.
        </Typography>
        {isPending ? (
          <Typography sx={{ mt: 2 }}>Loading the sections…</Typography>
        ) : error ? (
          <Typography sx={{ mt: 2 }} role="alert">
            {(error as Error).message}
          </Typography>
        ) : (
          <>
            <Box
              component="ul"
              aria-label="Sections by how Steward handles them"
              sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, my: 2 }}
            >
              {kindCounts(sections).map((k) => (
                <li key={k.kind}>
                  <KindChip kind={k.kind} label={`${k.label}: ${k.count}`} />
                </li>
              ))}
            </Box>
            <Box component="nav" aria-label="Go to a section" sx={{ mb: 2 }}>
              <Typography variant="body2" component="p">
                Go to:{' '}
                {sections.map((s, i) => (
                  <span key={s.id}>
                    {i > 0 ? ' · ' : ''}
                    <Link component={RouterLink} to={sectionLink(s.id)} aria-label={`Section ${s.id}: ${s.title}`}>
                      {s.id}
                    </Link>
                  </span>
                ))}
              </Typography>
            </Box>
            {sections.map((section) => (
              <SectionItem key={section.id} section={section} targeted={section.id === target} roles={viewer.roles} />
            ))}
          </>
        )}
      </CardContent>
    </Card>
  );
}
