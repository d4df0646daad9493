import { describe, expect, it } from 'vitest';
import { gradeLabel, listName, standingLabel, studentName } from './labels';
import { studentsApi } from './queries';
import { standingColor } from './ReleaseChip';

describe('standingLabel', () => {
  it('says "Release current" when a current release is on file', () => {
    expect(
      standingLabel({ current: true, problem: null, message: 'A current media release is on file.', sections: ['XIV'] }),
    ).toBe('Release current');
  });

  it('gives the problem in words with its section (XIV)', () => {
    expect(
      standingLabel({
        current: false,
        problem: 'EXPIRED',
        message: 'The media release expired on 2026-06-30.',
        sections: ['XIV'],
      }),
    ).toBe('Release expired · §XIV');
    expect(
      standingLabel({
        current: false,
        problem: 'NO_RELEASE',
        message: 'No media release is on file for this student.',
        sections: ['XIV'],
      }),
    ).toBe('No release on file · §XIV');
  });

  it("falls back to the API's sentence for a problem it does not know", () => {
    expect(
      standingLabel({ current: false, problem: 'SOMETHING_NEW', message: 'Something new.', sections: ['XIV'] }),
    ).toBe('Something new. · §XIV');
  });
});

describe('standingColor', () => {
  const standing = (problem: string | null, current = false) => ({
    current,
    problem,
    message: '',
    sections: ['XIV'],
  });

  it('is green when current, red for a refusal, amber for what the office can fix', () => {
    expect(standingColor(standing(null, true))).toBe('success');
    expect(standingColor(standing('DENIED'))).toBe('error');
    expect(standingColor(standing('REVOKED'))).toBe('error');
    expect(standingColor(standing('NO_RELEASE'))).toBe('warning');
    expect(standingColor(standing('EXPIRED'))).toBe('warning');
  });
});

describe('names and grades', () => {
  it('lists by family name, with the name a student goes by', () => {
    expect(listName({ givenName: 'Thanh', familyName: 'Nguyen', preferredName: 'Tom' })).toBe(
      'Nguyen, Thanh (Tom)',
    );
    expect(listName({ givenName: 'Ada', familyName: 'Lovelace', preferredName: null })).toBe(
      'Lovelace, Ada',
    );
    expect(studentName({ givenName: 'Thanh', familyName: 'Nguyen', preferredName: 'Tom' })).toBe(
      'Tom Nguyen',
    );
  });

  it("reads OneRoster's grade codes, and shows others as they are", () => {
    expect(gradeLabel('09')).toBe('Grade 9');
    expect(gradeLabel('KG')).toBe('Kindergarten');
    expect(gradeLabel('UG')).toBe('UG');
    expect(gradeLabel(null)).toBe('—');
  });
});

describe('studentsApi', () => {
  it('filters by name, school, grade and removed students, and adds schoolId', () => {
    expect(studentsApi.list.filters).toEqual(['q', 'schoolId', 'grade', 'includeInactive']);
    // The API lists students by family name only: no sort argument is sent.
    expect(studentsApi.list.sortFields).toBeUndefined();
    expect(studentsApi.normalize?.({ id: 's1', school: { id: 'high', name: 'High' } })).toMatchObject({
      schoolId: 'high',
    });
  });
});
