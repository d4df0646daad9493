import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import sdl from '../../../api/schema.graphql?raw';
import {
  canOpenScreen,
  kindCounts,
  POLICY_COVERAGE,
  type PolicySectionRecord,
  sectionFromHash,
  sectionLink,
  splitCitations,
} from './queries';
import { citedSections } from './sections';

describe('POLICY_COVERAGE', () => {
  it("is valid against the API's published schema", () => {
    expect(validate(buildSchema(sdl), parse(POLICY_COVERAGE)).map((e) => e.message)).toEqual([]);
  });
});

describe('links to a section of the Policy page', () => {
  it('points at /policy with the section as the hash (#/policy#XIV in the address bar)', () => {
    expect(sectionLink('XIV')).toEqual({ pathname: '/policy', hash: '#XIV' });
  });

  it('reads the section back from the hash, and nothing else', () => {
    expect(sectionFromHash('#XIV')).toBe('XIV');
    expect(sectionFromHash('')).toBeNull();
    expect(sectionFromHash('#top')).toBeNull();
    expect(sectionFromHash(undefined)).toBeNull();
  });
});

describe('splitCitations', () => {
  it('finds each cited section in a refusal so it can be a link', () => {
    expect(
      splitCitations("The district never holds the password of a personal account. (Policy 4051 §III, §XI)"),
    ).toEqual([
      { text: 'The district never holds the password of a personal account. (Policy 4051 ' },
      { section: 'III' },
      { text: ', ' },
      { section: 'XI' },
      { text: ')' },
    ]);
  });

  it('leaves a message without a citation as it is', () => {
    expect(splitCitations('The request failed.')).toEqual([{ text: 'The request failed.' }]);
  });
});

describe('canOpenScreen', () => {
  it('links the screens a role can open, and not the others', () => {
    expect(canOpenScreen(['STAFF'], '/check-post')).toBe(true);
    expect(canOpenScreen(['AUDITOR'], '/check-post')).toBe(false);
    expect(canOpenScreen(['AUDITOR'], '/socialAccounts')).toBe(true);
    expect(canOpenScreen(['STAFF'], '/moderationCases')).toBe(true);
    expect(canOpenScreen(['STAFF'], '/nowhere')).toBe(false);
  });
});

describe('kindCounts', () => {
  it('counts the sections of each kind, in the order the page explains them', () => {
    const s = (id: string, kind: PolicySectionRecord['kind']) => ({ id, kind }) as PolicySectionRecord;
    expect(kindCounts([s('I', 'HEADING'), s('III', 'ENFORCED'), s('V', 'GUIDANCE'), s('IV', 'ENFORCED')])).toEqual([
      { kind: 'ENFORCED', label: 'Enforced', count: 2 },
      { kind: 'WORKFLOW', label: 'Tracked by a workflow', count: 0 },
      { kind: 'GUIDANCE', label: 'Guidance only', count: 1 },
      { kind: 'HEADING', label: 'Heading', count: 1 },
    ]);
  });
});

describe('citedSections', () => {
  it('keeps an unknown section with its number alone', () => {
    expect(citedSections(['III', 'XL'])).toEqual([
      { id: 'III', summary: expect.stringContaining('personal account') },
      { id: 'XL', summary: null },
    ]);
  });
});
