import type { EntityManager } from '@mikro-orm/postgresql';
import {
  excerptAround,
  REMOVAL_REASON_INFO,
  studentMentionFlags,
  type RosterStudent,
  type TriageFlag,
} from '@steward/domain';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { query } from '../server/rows.js';

/**
 * Triage at opening: suggestions only, a person decides (README "Moderation: triage"). Nothing
 * here removes or refuses anything; the flags are stored on the case with why each was raised.
 */

// The maintained English word list of `obscenity` (derived from the `cuss` project) with its
// recommended transformers (look-alike characters, leetspeak, repeated letters). Built once.
const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/**
 * XXXI and XXXIII: profanity and slurs. The library's list mixes both without saying which is
 * which, so every match is raised as OBSCENE (XXXI) and the reason says that a slur aimed at a
 * person or group is also XXXIII; the administrator chooses the reasons.
 */
export function profanityFlags(text: string): TriageFlag[] {
  const seen = new Set<string>();
  const flags: TriageFlag[] = [];
  for (const match of matcher.getAllMatches(text, true)) {
    const { phraseMetadata } = englishDataset.getPayloadWithPhraseMetadata(match);
    const word = phraseMetadata?.originalWord ?? text.slice(match.startIndex, match.endIndex + 1);
    if (seen.has(word)) continue;
    seen.add(word);
    flags.push({
      reason: 'OBSCENE',
      section: REMOVAL_REASON_INFO.OBSCENE.section,
      why:
        `Contains "${text.slice(match.startIndex, match.endIndex + 1)}", matched as "${word}" by the ` +
        'obscenity word list: obscene or lewd (XXXI); if it is a slur aimed at a person or group, ' +
        'also discriminatory (XXXIII).',
      excerpt: excerptAround(text, match.startIndex, match.endIndex + 1),
    });
  }
  return flags;
}

/**
 * XXXII: enrolled students of the district whose full name the text contains. The family name
 * narrows the roster in SQL (so only a handful of rows leave the database), the domain does the
 * exact word match. No roster yet (no SIS sync): no flags, quietly.
 */
export async function rosterFlags(em: EntityManager, text: string): Promise<TriageFlag[]> {
  const rows = await query<{
    id: string;
    given_name: string;
    family_name: string;
    preferred_name: string | null;
    school_name: string | null;
  }>(
    em,
    `select s.id, s.given_name, s.family_name, s.preferred_name, o.name as school_name
       from student s left join organization o on o.id = s.school_id
      where s.active and not s.graduated and s.enrollment_status = 'ENROLLED'
        and length(s.family_name) > 1 and strpos(lower(?), lower(s.family_name)) > 0
      limit 5000`,
    [text],
  );
  const roster: RosterStudent[] = rows.map((r) => ({
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    preferredName: r.preferred_name,
    schoolName: r.school_name,
  }));
  return studentMentionFlags(text, roster);
}

export async function triage(em: EntityManager, text: string): Promise<TriageFlag[]> {
  return [...(await rosterFlags(em, text)), ...profanityFlags(text)];
}
