import { MIN_SEARCH_LENGTH } from '@steward/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canOpenScreen } from '../policy/queries';
import {
  connectionMethods,
  resultsMessage,
  searchText,
  standingText,
  statementProblem,
  statementShown,
  verdictLabel,
} from './queries';

describe('searchText', () => {
  it('sends the name trimmed, with single spaces, and nothing under 2 characters', () => {
    expect(searchText('  Ada   Quill ')).toBe('Ada Quill');
    expect(searchText('Ng')).toBe('Ng');
    expect(searchText(' a ')).toBeNull();
    expect(searchText('')).toBeNull();
    // The bound is the domain's, the one the API enforces.
    expect(searchText('x'.repeat(MIN_SEARCH_LENGTH))).not.toBeNull();
    expect(searchText(` ${'x'.repeat(MIN_SEARCH_LENGTH - 1)} `)).toBeNull();
  });
});

describe('standingText: only the school and graduation status (VI)', () => {
  it('describes a student', () => {
    expect(standingText({ kind: 'STUDENT', standings: [{ school: 'Ralston High School', graduationStatus: 'CURRENT' }] })).toBe(
      'Current student at Ralston High School',
    );
    expect(standingText({ kind: 'STUDENT', standings: [{ school: 'Ralston High School', graduationStatus: 'GRADUATED' }] })).toBe(
      'Graduate of Ralston High School',
    );
    expect(standingText({ kind: 'STUDENT', standings: [{ school: null, graduationStatus: 'CURRENT' }] })).toBe('Current student');
  });

  it('describes a guardian by their students, without names', () => {
    expect(
      standingText({
        kind: 'GUARDIAN',
        standings: [
          { school: 'Ralston High School', graduationStatus: 'CURRENT' },
          { school: 'Ralston North Elementary', graduationStatus: 'CURRENT' },
          { school: 'Ralston High School', graduationStatus: 'GRADUATED' },
        ],
      }),
    ).toBe(
      'Parent or guardian of a current student at Ralston High School, a current student at Ralston North Elementary and a graduate of Ralston High School',
    );
    expect(standingText({ kind: 'GUARDIAN', standings: [] })).toBe('Parent or guardian (no student linked)');
  });
});

describe('resultsMessage: what the live region says', () => {
  it('counts, says when there are more, and when there is none', () => {
    expect(resultsMessage(null)).toBe('');
    expect(resultsMessage({ items: [], more: false })).toBe('No student or parent found with that name.');
    expect(resultsMessage({ items: [1], more: false })).toBe('1 person found.');
    expect(resultsMessage({ items: [1, 2], more: true })).toBe('2 people found; more match, type more of the name to narrow it.');
  });
});

describe('verdictLabel and statementProblem', () => {
  it('says refrain or in line in words, never by colour alone', () => {
    expect(verdictLabel({ inLine: false, verdict: 'STUDENT_NOT_GRADUATED' })).toBe('Refrain from accepting (§VI)');
    expect(verdictLabel({ inLine: true, verdict: 'STUDENT_GRADUATED' })).toBe('In line with §VI');
    expect(verdictLabel({ inLine: true, verdict: 'GUARDIAN_PRIOR_RELATIONSHIP' })).toMatch(/prior relationship recorded/);
  });

  it('checks the statement as the API does (10 to 500 characters)', () => {
    expect(statementProblem('friend')).toMatch(/at least 10/);
    expect(statementProblem('Neighbours since 2015.')).toBeNull();
    expect(statementProblem('x'.repeat(501))).toMatch(/at most 500/);
  });
});

describe('the Policy page links VI to this page', () => {
  it('for people who ask, not for the auditor', () => {
    expect(canOpenScreen(['STAFF'], '/connections')).toBe(true);
    expect(canOpenScreen(['AUDITOR'], '/connections')).toBe(false);
  });
});

describe('connectionMethods send what the API expects', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks with the kind and id only, and attests with the statement trimmed', async () => {
    const bodies: { query: string; variables: Record<string, unknown> }[] = [];
    // Signed out (no token stored): the request still shows what it sends.
    vi.stubGlobal('localStorage', { getItem: () => null, setItem() {}, removeItem() {}, clear() {}, key: () => null, length: 0 });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: { body: string }) => {
        bodies.push(JSON.parse(init.body));
        return new Response(
          JSON.stringify({ data: { connectionGuidance: { verdict: 'X' }, attestPriorRelationship: { id: 'a1' } } }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      }),
    );
    await connectionMethods.getConnectionGuidance({ kind: 'GUARDIAN', id: 'g1', name: 'Pat' } as never);
    await connectionMethods.attestPriorRelationship({ kind: 'GUARDIAN', id: 'g1' }, '  Neighbours since 2015.  ');
    expect(bodies[0]?.variables).toEqual({ person: { kind: 'GUARDIAN', id: 'g1' } });
    expect(bodies[1]?.variables).toEqual({
      input: { person: { kind: 'GUARDIAN', id: 'g1' }, statement: 'Neighbours since 2015.' },
    });
    expect(bodies[1]?.query).toMatch(/attestPriorRelationship\(input: \$input\)/);
  });
});

describe('statementShown: the words for their author and supervisor only (VI)', () => {
  it('shows the statement, or says why an overseer does not see it', () => {
    expect(statementShown({ statement: 'Neighbours since 2015.' })).toBe('Neighbours since 2015.');
    expect(statementShown({ statement: null })).toMatch(/only the staff member and their supervising administrator/);
  });
});
