import { describe, expect, it } from 'vitest';
import { durationLabel, syncKindLabel, syncRunsApi, syncSourceLabel } from './queries';

describe('sync run labels', () => {
  it('says what was synced and how, in words', () => {
    expect(syncKindLabel('mediaReleases')).toBe('Media releases');
    expect(syncKindLabel('organizations')).toBe('Schools');
    expect(syncKindLabel('something')).toBe('something');
    expect(syncSourceLabel('oneroster')).toBe('OneRoster import');
    expect(syncSourceLabel('graphql')).toBe('SIS API');
  });

  it('gives durations at a readable scale', () => {
    expect(durationLabel(42)).toBe('42 ms');
    expect(durationLabel(4_230)).toBe('4.2 s');
    expect(durationLabel(125_000)).toBe('2 min 5 s');
    expect(durationLabel(-1)).toBe('—');
  });
});

describe('syncRunsApi', () => {
  it('is a list only: no filter, no sort, no single read (the API has none)', () => {
    expect(syncRunsApi.list.filters).toEqual([]);
    expect(syncRunsApi.list.sortFields).toBeUndefined();
    expect(syncRunsApi.one).toBeUndefined();
  });
});
