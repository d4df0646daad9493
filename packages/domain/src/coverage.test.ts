/// <reference types="node" />
// Reads this package's own sources (the refusals' citations, the rules' test files): the
// tests run in Node, while the package itself stays free of Node APIs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { POLICY_SECTIONS, SECTION_IDS, type SectionId } from './catalog.js';
import {
  type CoverageKind,
  coverageProblems,
  HAND_KEPT_COVERAGE,
  POLICY_RULES,
  policyCoverage,
  sectionCoverage,
} from './coverage.js';
import * as domain from './index.js';
import type { RuleDeclaration } from './rules.js';

const SRC = dirname(fileURLToPath(import.meta.url));

/**
 * Written out by hand on purpose: the map is derived from the rules, so a rule that stops
 * citing a section (or starts citing one) changes what people are told, and this table makes
 * that a visible, reviewed change.
 */
const EXPECTED: Record<SectionId, CoverageKind> = {
  I: 'HEADING',
  II: 'HEADING',
  III: 'ENFORCED',
  IV: 'WORKFLOW',
  V: 'GUIDANCE',
  VI: 'WORKFLOW',
  VII: 'HEADING',
  VIII: 'ENFORCED',
  IX: 'ENFORCED',
  X: 'GUIDANCE',
  XI: 'ENFORCED',
  XII: 'WORKFLOW',
  XIII: 'WORKFLOW',
  XIV: 'ENFORCED',
  XV: 'HEADING',
  XVI: 'HEADING',
  XVII: 'WORKFLOW',
  XVIII: 'WORKFLOW',
  XIX: 'ENFORCED',
  XX: 'WORKFLOW',
  XXI: 'HEADING',
  XXII: 'ENFORCED',
  XXIII: 'GUIDANCE',
  XXIV: 'WORKFLOW',
  XXV: 'HEADING',
  XXVI: 'WORKFLOW',
  XXVII: 'WORKFLOW',
  XXVIII: 'HEADING',
  XXIX: 'ENFORCED',
  XXX: 'ENFORCED',
  XXXI: 'WORKFLOW',
  XXXII: 'WORKFLOW',
  XXXIII: 'WORKFLOW',
  XXXIV: 'WORKFLOW',
  XXXV: 'WORKFLOW',
};

describe('policyCoverage: every numbered section, exactly once', () => {
  const coverage = policyCoverage();

  it('has no problems with the declared rules and hand-kept entries', () => {
    expect(coverageProblems()).toEqual([]);
  });

  it('lists I..XXXV once each, in the policy order', () => {
    expect(coverage.map((c) => c.section.id)).toEqual([...SECTION_IDS]);
  });

  it.each(Object.entries(EXPECTED) as [SectionId, CoverageKind][])('§%s is %s', (id, kind) => {
    expect(sectionCoverage(id).kind).toBe(kind);
  });

  it('marks exactly the headings I, II, VII, XV, XVI, XXI, XXV and XXVIII as headings', () => {
    expect(coverage.filter((c) => c.kind === 'HEADING').map((c) => c.section.id)).toEqual([
      'I',
      'II',
      'VII',
      'XV',
      'XVI',
      'XXI',
      'XXV',
      'XXVIII',
    ]);
  });

  it('gives every heading and guidance entry a reason, and enforced or tracked ones rules', () => {
    for (const c of coverage) {
      if (c.kind === 'HEADING' || c.kind === 'GUIDANCE') {
        expect(c.reason, `§${c.section.id}`).toMatch(/\w{3}/);
      } else {
        expect(c.reason, `§${c.section.id}`).toBeNull();
        expect(c.rules.some((r) => r.kind === c.kind), `§${c.section.id}`).toBe(true);
      }
    }
  });

  it('lists the deciding rules first, then workflows, then advisory ones', () => {
    const ix = sectionCoverage('IX');
    expect(ix.rules.map((r) => r.id)).toEqual([
      'classification.classifyAccount',
      'accounts.affiliationReview',
      'classification.suggestAffiliationSignals',
    ]);
    expect(ix.screens).toEqual([{ path: '/socialAccounts', label: 'Social accounts' }]);
  });

  it('says III is enforced by the escrow rule, on the social accounts screen', () => {
    const iii = sectionCoverage('III');
    expect(iii.rules.map((r) => r.id)).toEqual(['credentials.mayEscrowCredential']);
    expect(iii.rules[0]?.operations).toEqual(['escrowCredential']);
  });

  it('never claims guidance as done: X stays guidance, with its reason and no deciding rule', () => {
    const x = sectionCoverage('X');
    expect(x.kind).toBe('GUIDANCE');
    expect(x.reason).toMatch(/platforms/);
    expect(x.rules).toEqual([]);
    expect(x.screens).toEqual([]);
  });

  it('says XIII is tracked by the acknowledgement rounds, on the Acknowledgements screen', () => {
    const xiii = sectionCoverage('XIII');
    expect(xiii.kind).toBe('WORKFLOW');
    expect(xiii.reason).toBeNull();
    expect(xiii.rules.map((r) => r.id)).toContain('acknowledgements.requiresAcknowledgement');
    expect(xiii.screens).toContainEqual({ path: '/acknowledgements', label: 'Acknowledgements' });
  });
});

describe('coverageProblems: the map fails loudly when it goes wrong', () => {
  it('fails when a section loses its entry', () => {
    const withoutV = HAND_KEPT_COVERAGE.filter((e) => e.section !== 'V');
    expect(coverageProblems(POLICY_RULES, withoutV)).toEqual(['§V has no coverage entry.']);
    expect(() => policyCoverage(POLICY_RULES, withoutV)).toThrow(/§V has no coverage entry/);
  });

  it('fails when the only rule of a section is removed', () => {
    const withoutEscrow = POLICY_RULES.filter((r) => r.id !== 'credentials.mayEscrowCredential');
    expect(coverageProblems(withoutEscrow)).toEqual(['§III has no coverage entry.']);
  });

  it('fails when a section has more than one kind', () => {
    const twice = [...HAND_KEPT_COVERAGE, { section: 'III' as const, kind: 'GUIDANCE' as const, reason: 'x' }];
    expect(coverageProblems(POLICY_RULES, twice)).toEqual(['§III has more than one kind: ENFORCED, GUIDANCE.']);
  });

  it('fails when a hand-kept entry names a rule that does not exist', () => {
    const typo = HAND_KEPT_COVERAGE.map((e) =>
      e.section === 'XXIII' ? { ...e, related: ['classification.clasifyAccount'] } : e,
    );
    expect(coverageProblems(POLICY_RULES, typo)).toEqual([
      '§XXIII names rule classification.clasifyAccount, which does not exist.',
    ]);
  });

  it('fails when a rule cites a section that is not in the catalog, or a heading', () => {
    const bad: RuleDeclaration = { ...(POLICY_RULES[0] as RuleDeclaration), id: 'x.bad', sections: ['XXXVI' as SectionId, 'VII'] };
    expect(coverageProblems([...POLICY_RULES, bad])).toEqual([
      'Rule x.bad cites §XXXVI, which is not in the catalog.',
      'Rule x.bad cites §VII, a heading.',
      '§VII has more than one kind: ENFORCED, HEADING.',
    ]);
  });

  it('fails when a section disappears from the catalog while rules still cite it', () => {
    const without = POLICY_SECTIONS.filter((s) => s.id !== 'XXXV');
    expect(coverageProblems(POLICY_RULES, HAND_KEPT_COVERAGE, without)).toEqual([
      'Rule moderation.validateRemoval cites §XXXV, which is not in the catalog.',
    ]);
  });

  it('fails when the HEADING marks disagree with the catalog', () => {
    const notHeading = HAND_KEPT_COVERAGE.map((e) =>
      e.section === 'XV' ? { ...e, kind: 'GUIDANCE' as const } : e,
    );
    expect(coverageProblems(POLICY_RULES, notHeading)).toEqual([
      '§XV is a heading in the catalog but not marked HEADING.',
    ]);
  });

  it('fails when a rule is declared twice', () => {
    const dup = [...POLICY_RULES, POLICY_RULES[0] as RuleDeclaration];
    expect(coverageProblems(dup)).toEqual(['Rule classification.classifyAccount is declared twice.']);
  });
});

describe('the rule declarations point at real code and tests', () => {
  const exported = domain as unknown as Record<string, unknown>;

  it.each(POLICY_RULES.map((r) => [r.id, r] as const))('%s names exported functions and its test file', (_id, rule) => {
    expect(rule.functions.length).toBeGreaterThan(0);
    const testFile = join(SRC, rule.tests);
    expect(existsSync(testFile)).toBe(true);
    const tests = readFileSync(testFile, 'utf8');
    for (const fn of rule.functions) {
      expect(typeof exported[fn], fn).toBe('function');
      expect(tests.includes(fn), `${rule.tests} exercises ${fn}`).toBe(true);
    }
  });
});

/**
 * Every `refuse(code, message, sections)` in the rule modules: the sections a refusal cites,
 * read from the source (a literal list, or a constant declared in the same file).
 */
function refusalCitations(): { file: string; sections: string[] }[] {
  const found: { file: string; sections: string[] }[] = [];
  for (const file of readdirSync(SRC).filter((f: string) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = readFileSync(join(SRC, file), 'utf8');
    const constants = new Map<string, string>();
    for (const m of source.matchAll(/const (\w+): SectionId\[\] = (\[[^\]]*\])/g)) {
      constants.set(m[1] as string, m[2] as string);
    }
    for (const m of source.matchAll(/\brefuse\(/g)) {
      if (source.slice(Math.max(0, (m.index ?? 0) - 9), m.index).includes('function')) continue;
      // The call's text up to its closing parenthesis.
      let depth = 0;
      let end = (m.index ?? 0) + 'refuse'.length;
      for (; end < source.length; end++) {
        if (source[end] === '(') depth++;
        if (source[end] === ')' && --depth === 0) break;
      }
      const call = source.slice(m.index, end);
      const last = call.trimEnd().replace(/,\s*$/, '');
      const literal = /(\[[^[\]]*\])\s*$/.exec(last)?.[1];
      const name = /(\w+)\s*$/.exec(last)?.[1];
      const list = literal ?? (name ? constants.get(name) : undefined);
      if (!list) throw new Error(`${file}: cannot read the sections of ${call}`);
      found.push({ file, sections: [...list.matchAll(/'([IVXL]+)'/g)].map((s) => s[1] as string) });
    }
  }
  return found;
}

describe('every refusal cites sections the map says are enforced or tracked', () => {
  const citations = refusalCitations();

  it('reads the refusals of every rule module', () => {
    expect(new Set(citations.map((c) => c.file))).toEqual(
      new Set(['accounts.ts', 'approvals.ts', 'credentials.ts', 'moderation.ts', 'obligations.ts']),
    );
    expect(citations.length).toBeGreaterThanOrEqual(20);
    expect(citations.every((c) => c.sections.length > 0)).toBe(true);
  });

  it('covers each cited section with an ENFORCED or WORKFLOW entry', () => {
    const cited = [...new Set(citations.flatMap((c) => c.sections))] as SectionId[];
    const notDecided = cited.filter((id) => !['ENFORCED', 'WORKFLOW'].includes(sectionCoverage(id).kind));
    expect(notDecided).toEqual([]);
  });
});
