import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@mui/material';
import { APPROVAL_KIND_INFO } from '@steward/domain';
import { useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useDistrictProfile } from '../organization/hooks';
import { visuallyHidden } from '../common/visuallyHidden';
import { SectionList } from '../policy/SectionList';
import { CLASSIFICATION_LABELS, signalLabel } from './labels';
import { previewClassification } from './preview';

/**
 * The classification the account will get, recomputed in the browser on every change with the
 * domain's own rules (VIII, IX); the API decides again when the form is saved. Suggestions come
 * from the handle, display name and bio matched against the district profile (IX, XIX, XXIX).
 */
export function ClassificationPreview() {
  const [handle, displayName, bio, signals] = useWatch({
    name: ['handle', 'displayName', 'bio', 'signals'],
  });
  const profile = useDistrictProfile();
  const { setValue } = useFormContext();
  const {
    decision,
    suggestions,
    approvals,
    willBeReviewed,
    signals: current,
  } = useMemo(
    () => previewClassification({ handle, displayName, bio, signals }, profile),
    [handle, displayName, bio, signals, profile],
  );
  const affiliated = decision.classification === 'SCHOOL_AFFILIATED';

  const apply = (signal: (typeof current)[number]) =>
    setValue('signals', [...current, signal], { shouldDirty: true, shouldTouch: true });

  return (
    <Card
      variant="outlined"
      data-testid="classification-preview"
      component="section"
      aria-labelledby="classification-preview-title"
      sx={{ width: { xs: '100%', md: 380 }, flexShrink: 0, alignSelf: 'flex-start' }}
    >
      <CardContent>
        <Typography id="classification-preview-title" variant="overline">
          Classification preview
        </Typography>
        {/* Announced politely when it changes: "Would be classified as: School-affiliated". */}
        <Box role="status" aria-live="polite" aria-atomic="true" sx={{ mb: 1 }}>
          <Box component="span" sx={visuallyHidden}>
            Would be classified as:{' '}
          </Box>
          <Chip
            data-testid="classification-preview-result"
            color={affiliated ? 'secondary' : 'default'}
            label={CLASSIFICATION_LABELS[decision.classification]}
          />
        </Box>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {decision.explanation}
        </Typography>
        {decision.reasons.length > 0 && (
          <List dense disablePadding>
            {decision.reasons.map((reason) => (
              <ListItem key={reason.signal} disableGutters>
                <ListItemText primary={signalLabel(reason.signal)} secondary={reason.explanation} />
              </ListItem>
            ))}
          </List>
        )}
        <SectionList ids={decision.sections} dense />
        {approvals.length > 0 && (
          <Alert severity="info" sx={{ mt: 1 }}>
            Needs your supervising administrator's approval:{' '}
            {approvals.map((kind) => APPROVAL_KIND_INFO[kind].label.toLowerCase()).join('; ')}
            {affiliated
              ? '. It stays pending until approved (XXIX); its login may be escrowed (XI).'
              : '.'}
          </Alert>
        )}

        {willBeReviewed && (
          <Alert severity="warning" sx={{ mt: 1 }} data-testid="classification-preview-review">
            The profile text strongly suggests this account is school-affiliated. You may save it
            as it is, but then your supervising administrator will review it: they may apply these
            signals (the account then needs approval, XXIX) or confirm it as personal (IX).
          </Alert>
        )}
        {suggestions.length > 0 && (
          <Box sx={{ mt: 2 }}>
            <Typography variant="subtitle2">Suggested from the profile text</Typography>
            <List dense disablePadding>
              {suggestions.map((s) => (
                <ListItem
                  key={`${s.signal}-${s.field}-${s.matched}`}
                  disableGutters
                  sx={{ gap: 1 }}
                >
                  <ListItemText
                    primary={`${signalLabel(s.signal)}${s.confidence === 'STRONG' ? '' : ' (possible)'}`}
                    secondary={`${s.reason} (“${s.matched}” in ${s.field})`}
                  />
                  {s.confidence === 'STRONG' && (
                    <Button
                      size="small"
                      aria-label={`Apply: ${signalLabel(s.signal)}`}
                      onClick={() => apply(s.signal)}
                      sx={{ flexShrink: 0 }}
                    >
                      Apply
                    </Button>
                  )}
                </ListItem>
              ))}
            </List>
          </Box>
        )}
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 2 }}>
          Steward decides again when you save, with the same rules.
        </Typography>
      </CardContent>
    </Card>
  );
}
