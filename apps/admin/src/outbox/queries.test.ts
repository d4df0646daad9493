import { describe, expect, it } from 'vitest';
import { anyPending, notificationPurposeLabel, notificationSubjectLink, notificationsApi, sizeLabel } from './queries';

describe('the outbox', () => {
  it('filters by status and subject', () => {
    expect(notificationsApi.list.filters).toEqual(['status', 'subjectId']);
    expect(notificationsApi.one).toBeUndefined();
  });

  it('names the notices of XXX, and other purposes as the API does', () => {
    expect(notificationPurposeLabel('COPY_TO_SUPERINTENDENT')).toBe('Copy of the content to the superintendent');
    expect(notificationPurposeLabel('REASON_TO_EXTERNAL_RELATIONS')).toBe(
      'Reason in writing to the Director of External Relations',
    );
    expect(notificationPurposeLabel('APPROVAL_DECISION')).toBe('Decision on an approval request, to the requester');
    expect(notificationPurposeLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('links each kind of subject to the page that shows it, and names an unknown one instead', () => {
    expect(notificationSubjectLink('moderation_case', 'c/1')).toEqual({ path: '/moderationCases/c%2F1/show', label: 'The moderation case' });
    expect(notificationSubjectLink('approval_request', 'r1')?.path).toBe('/approvalRequests/r1/show');
    expect(notificationSubjectLink('approval_digest', 'staff-1')?.path).toBe('/approvalRequests');
    expect(notificationSubjectLink('acknowledgement_round', 'round-1')?.path).toBe('/acknowledgements');
    expect(notificationSubjectLink('something_else', 'x')).toBeNull();
  });

  it('looks again while a message is queued or retrying', () => {
    expect(anyPending([{ status: 'DELIVERED' }, { status: 'QUEUED' }])).toBe(true);
    expect(anyPending([{ status: 'DELIVERED' }, { status: 'FAILED' }])).toBe(false);
    expect(anyPending(undefined)).toBe(false);
  });

  it('gives sizes in bytes and kilobytes', () => {
    expect(sizeLabel(512)).toBe('512 B');
    expect(sizeLabel(12_345)).toBe('12.3 kB');
    expect(sizeLabel(-1)).toBe('—');
  });
});
