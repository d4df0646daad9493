import {
  CASE_NOTE_VISIBILITIES,
  CONTENT_KINDS,
  MODERATION_STATES,
  REMOVAL_NOTICES,
  REMOVAL_REASON_INFO,
  REMOVAL_REASONS,
  type RemovalReason,
} from '@steward/domain';
import { registerEnumType } from 'type-graphql';
import { enumFrom } from '../server/enums.js';

export const ModerationStateEnum = enumFrom(MODERATION_STATES);
registerEnumType(ModerationStateEnum, {
  name: 'ModerationState',
  description:
    'OPEN -> REMOVED (both notices queued) -> REPORTED (both delivered) -> CLOSED; OPEN -> DISMISSED ' +
    '(kept); RESTORED when the Director of External Relations orders the content back (XXX).',
});

/** The closed list of XXXI-XXXV: anything else is refused before it reaches a resolver. */
export const RemovalReasonEnum = enumFrom(REMOVAL_REASONS);
registerEnumType(RemovalReasonEnum, {
  name: 'RemovalReason',
  description: 'The only reasons content may be removed from a district page (XXXI-XXXV).',
  valuesConfig: Object.fromEntries(
    REMOVAL_REASONS.map((r) => [r, { description: `${REMOVAL_REASON_INFO[r].label} (${REMOVAL_REASON_INFO[r].section})` }]),
  ) as Record<RemovalReason, { description: string }>,
});

export const ContentKindEnum = enumFrom(CONTENT_KINDS);
registerEnumType(ContentKindEnum, { name: 'ContentKind', description: 'What kind of third-party content it is.' });

export const CaseNoteVisibilityEnum = enumFrom(CASE_NOTE_VISIBILITIES);
registerEnumType(CaseNoteVisibilityEnum, {
  name: 'CaseNoteVisibility',
  description: 'INTERNAL: for those who work the case. RECORD: sent with the notices of XXX.',
});

export const RemovalNoticePurposeEnum = enumFrom(REMOVAL_NOTICES);
registerEnumType(RemovalNoticePurposeEnum, {
  name: 'RemovalNoticePurpose',
  description:
    'The two notices of XXX: the copy of the content to the superintendent, the reason in writing ' +
    'to the Director of External Relations.',
});
