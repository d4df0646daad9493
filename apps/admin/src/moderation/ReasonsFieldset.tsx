import {
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Typography,
} from '@mui/material';
import { REMOVAL_REASON_INFO, REMOVAL_REASONS } from '@steward/domain';
import { useId } from 'react';
import { sectionText } from './labels';

/**
 * The policy's five removal reasons and no others (XXXI-XXXV), as a group of checkboxes in a
 * fieldset with its legend (1.3.1); each says its section and what the section says. The error
 * is said under the group and tied to it.
 */
export function ReasonsFieldset(props: {
  value: readonly string[];
  onChange(value: string[]): void;
  error: string | null;
  firstRef?: (el: HTMLInputElement | null) => void;
}) {
  const errorId = useId();
  const baseId = useId();
  return (
    <FormControl
      component="fieldset"
      error={props.error !== null}
      required
      aria-describedby={props.error ? errorId : undefined}
      sx={{ mt: 1 }}
    >
      <FormLabel component="legend">Reasons for removal (XXXI-XXXV)</FormLabel>
      <FormGroup>
        {REMOVAL_REASONS.map((reason, index) => {
          const info = REMOVAL_REASON_INFO[reason];
          const checked = props.value.includes(reason);
          const describedBy = `${baseId}-${reason}`;
          return (
            <div key={reason}>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={checked}
                    name="reasons"
                    value={reason}
                    autoFocus={index === 0}
                    slotProps={{
                      input: {
                        ref: index === 0 ? props.firstRef : undefined,
                        'aria-describedby': describedBy,
                        'aria-invalid': props.error ? true : undefined,
                      } as never,
                    }}
                    onChange={(event) => {
                      const next = event.target.checked
                        ? [...props.value, reason]
                        : props.value.filter((r) => r !== reason);
                      props.onChange(REMOVAL_REASONS.filter((r) => next.includes(r)));
                    }}
                  />
                }
                label={`${info.label} (§${info.section})`}
              />
              <Typography
                id={describedBy}
                variant="caption"
                component="p"
                sx={{ ml: 4, mt: -0.5, mb: 0.5 }}
              >
                {sectionText(info.section)}
              </Typography>
            </div>
          );
        })}
      </FormGroup>
      <FormHelperText id={errorId}>
        {props.error ?? 'Only these reasons: disagreement or criticism is never one (XXX).'}
      </FormHelperText>
    </FormControl>
  );
}
