import { describe, expect, it } from 'vitest';
import { anyPending, notificationPurposeLabel, notificationsApi, sizeLabel } from './queries';

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
    expect(notificationPurposeLabel('APPROVAL_DECIDED')).toBe('APPROVAL_DECIDED');
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
