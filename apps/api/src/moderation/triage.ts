import type { EntityManager } from '@mikro-orm/postgresql';
import {
  excerptAround,
  REMOVAL_REASON_INFO,
  studentMentionFlags,
  type RosterStudent,
  type TriageFlag,
} from '@steward/domain';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import type { Actor } from '../auth/actor.js';
import { actorMayAttempt } from '../auth/auth-checker.js';
import { staffActor } from '../auth/authenticate.js';
import { scopeSql } from '../auth/scope.js';
import { query } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { ModerationCase } from './moderation.entities.js';

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
 * XXXII: enrolled students whose full name the text contains, among those the case's opener may
 * read (`student.read`: their school's, or the district's for a district role). The flag is read
 * by everyone who may read the case, so a wider roster would let anyone learn by guessing names
 * which students are enrolled, and where (README "Moderation: triage"). The family name narrows
 * the roster in SQL (so only a handful of rows leave the database), the domain does the exact word
 * match and words the flag from the text alone. No roster yet (no SIS sync): no flags, quietly.
 */
export async function rosterFlags(em: EntityManager, text: string, opener: Actor | null): Promise<TriageFlag[]> {
  if (!opener || !actorMayAttempt(opener, 'student.read')) return [];
  const scope = scopeSql(opener, 'student.read', {
    owner: 'null::uuid',
    ownerSupervisor: 'null::uuid',
    school: 's.school_id',
  });
  const rows = await query<{ id: string; given_name: string; family_name: string; preferred_name: string | null }>(
    em,
    `select s.id, s.given_name, s.family_name, s.preferred_name
       from student s
      where s.active and not s.graduated and s.enrollment_status = 'ENROLLED'
        and length(s.family_name) > 1 and strpos(lower(?), lower(s.family_name)) > 0
        ${scope ? `and (${scope.sql})` : ''}
      limit 5000`,
    [text, ...(scope?.params ?? [])],
  );
  const roster: RosterStudent[] = rows.map((r) => ({
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    preferredName: r.preferred_name,
  }));
  return studentMentionFlags(text, roster);
}

/**
 * Who opens the case being triaged. The caller may pass them; when it does not, they are the
 * opener of the case this transaction is creating (created, not yet flushed, so in the unit of
 * work rather than the database), loaded as a staff member with their roles. Nobody found:
 * no roster flags, rather than a roster wider than the opener may read.
 */
async function openerOf(em: EntityManager): Promise<Actor | null> {
  let staffId: string | null = null;
  for (const entity of em.getUnitOfWork().getPersistStack()) {
    if (entity instanceof ModerationCase && entity.openedBy) staffId = entity.openedBy.id;
  }
  if (!staffId) return null;
  const staff = await em.findOne(Staff, { id: staffId });
  return staff ? staffActor(staff) : null;
}

export async function triage(em: EntityManager, text: string, opener?: Actor | null): Promise<TriageFlag[]> {
  const who = opener === undefined ? await openerOf(em) : opener;
  return [...(await rosterFlags(em, text, who)), ...profanityFlags(text)];
}
