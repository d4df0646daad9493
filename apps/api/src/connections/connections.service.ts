import type { EntityManager } from '@mikro-orm/postgresql';
import {
  attestationProblem,
  type ConnectionGuidance,
  type ConnectionPersonKind,
  connectionGuidance,
  type GraduationFacts,
  graduationStatus,
  isoDate,
  MAX_CANDIDATES,
  MIN_SEARCH_LENGTH,
  mayAttestPriorRelationship,
} from '@steward/domain';
import type { Actor } from '../auth/actor.js';
import { assertInScope, scopeSql } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { existingId, filterId } from '../obligations/text.js';
import { badInput, conflict, forbidden, notFound, policyViolation } from '../server/errors.js';
import { type PageInput, pageWindow } from '../server/pagination.js';
import {
  columns,
  containsPattern,
  countRows,
  instanceOf,
  type ListPage,
  listPage,
  query,
  SqlWhere,
  STAFF_COLUMNS,
  staffFrom,
} from '../server/rows.js';
import {
  ConnectionAttestation,
  type ConnectionCandidate,
  type ConnectionPersonKindEnum,
  type GraduationStatusEnum,
} from './connections.types.js';

type Row = Record<string, unknown>;

// MIN_SEARCH_LENGTH and MAX_CANDIDATES come from the domain, shared with the dashboard.
const MAX_SEARCH_LENGTH = 100;

/** One student's facts as the statements below return them (jsonb), never sent as they are. */
interface StandingRow {
  school: string | null;
  graduated: boolean;
  status: string;
  expected: string | null;
}

interface PersonRow {
  kind: ConnectionPersonKind;
  id: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  standings: StandingRow[];
}

/** A student's facts (or each of a guardian's active students') as jsonb, with the school's name. */
const STANDING_JSON = (s: string, o: string) =>
  `jsonb_build_object('school', ${o}.name, 'graduated', ${s}.graduated, 'status', ${s}.enrollment_status,
                      'expected', ${s}.expected_graduation::text)`;

/**
 * The students connection guidance knows (one `?`: today, `YYYY-MM-DD`): the active ones, and the
 * graduates the SIS has since retired (tobedeleted), since "a graduate" is the answer VI gives
 * for them, not "not found". The graduated part is the domain's isGraduated (flag, status, or a
 * past expected date), so a retired student listed here always shows as GRADUATED; one retired
 * for any other reason (moved away, withdrawn) stays out of the roster staff can search.
 */
const STUDENT_KNOWN = (s: string) =>
  `(${s}.active or ${s}.graduated or ${s}.enrollment_status = 'GRADUATED' or ${s}.expected_graduation < ?::date)`;

const STUDENT_SELECT = `select 'STUDENT' as kind, s.id, s.given_name, s.family_name, s.preferred_name,
       jsonb_build_array(${STANDING_JSON('s', 'o')}) as standings
  from student s left join organization o on o.id = s.school_id`;

/** One `?` (today, in the linked students' condition), before any of the caller's. */
const GUARDIAN_SELECT = `select 'GUARDIAN' as kind, g.id, g.given_name, g.family_name, null::text as preferred_name,
       (select coalesce(jsonb_agg(${STANDING_JSON('s', 'o')} order by s.expected_graduation nulls last, s.id), '[]'::jsonb)
          from student_guardian l join student s on s.id = l.student_id and ${STUDENT_KNOWN('s')}
          left join organization o on o.id = s.school_id
         where l.guardian_id = g.id) as standings
  from guardian g`;

function facts(row: StandingRow): GraduationFacts {
  return { graduated: row.graduated, enrollmentStatus: row.status, expectedGraduation: row.expected };
}

/**
 * The person as staff may see them: the name and, per student concerned, the school and whether
 * they have graduated. Built field by field, so nothing else of the row can leak into it.
 */
function candidateFrom(row: PersonRow, today: string): ConnectionCandidate {
  const given = row.kind === 'STUDENT' && row.preferred_name?.trim() ? row.preferred_name.trim() : row.given_name;
  return {
    id: row.id,
    kind: row.kind as ConnectionPersonKindEnum,
    name: `${given} ${row.family_name}`,
    standings: row.standings.map((s) => ({
      school: s.school,
      graduationStatus: graduationStatus(facts(s), today) as GraduationStatusEnum,
    })),
  };
}

const ATTESTATION_COLUMNS = ['id', 'staff_id', 'guardian_id', 'statement', 'attested_at', 'withdrawn_at'] as const;

/**
 * An attestation row as the GraphQL type. `authorSupervisorId` is the author's supervising
 * administrator, the one reader besides the author of the statement (the resolver's `statement`).
 */
export function attestationFrom(row: Row, authorSupervisorId: string | null): ConnectionAttestation {
  return instanceOf(ConnectionAttestation, {
    id: row.id,
    staffId: row.staff_id,
    guardianId: row.guardian_id,
    guardianName: row.guardian_name,
    statementText: row.statement,
    authorSupervisorId,
    attestedAt: new Date(row.attested_at as string),
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at as string) : null,
  });
}

/** The caller's staff id: guidance and attestations are a person's own (never a machine's). */
function staffIdOf(actor: Actor): string {
  if (actor.kind !== 'STAFF') throw forbidden('Connection guidance is for people, not for the SIS.');
  return actor.staffId;
}

export interface GuidanceResult extends ConnectionGuidance {
  person: ConnectionCandidate;
  attestation: ConnectionAttestation | null;
}

export interface AttestationListFilter {
  staffId?: string | null;
  guardianId?: string | null;
  includeWithdrawn?: boolean | null;
}

/**
 * Connection guidance (VI): a roster search that shows only names, schools and graduation
 * status; the domain's answer for one person; and the attestations of a prior personal
 * relationship with a family, which the staff member records and their supervisor reads.
 */
export class ConnectionsService {
  /**
   * Students and guardians whose name contains `search`, district-wide (a follower can be at any
   * school), active ones and retired graduates (STUDENT_KNOWN), at most MAX_CANDIDATES, in one
   * statement.
   */
  async candidates(
    em: EntityManager,
    actor: Actor,
    search: string,
    today = isoDate(new Date()),
  ): Promise<{ items: ConnectionCandidate[]; more: boolean }> {
    staffIdOf(actor);
    const text = (search ?? '').trim().replace(/\s+/g, ' ');
    if (text.length < MIN_SEARCH_LENGTH) {
      throw badInput(`Type at least ${MIN_SEARCH_LENGTH} letters of the name.`, 'search');
    }
    if (text.length > MAX_SEARCH_LENGTH) throw badInput(`At most ${MAX_SEARCH_LENGTH} characters.`, 'search');
    const pattern = containsPattern(text);
    const cap = MAX_CANDIDATES + 1;
    // The name expressions are those of the trigram indexes (student_name_trgm, guardian_name_trgm).
    const rows = await query<PersonRow>(
      em,
      `(${STUDENT_SELECT}
         where ${STUDENT_KNOWN('s')} and (s.given_name || ' ' || s.family_name || ' ' || coalesce(s.preferred_name, '')) ilike ?
         order by s.family_name, s.given_name, s.id limit ?)
       union all
       (${GUARDIAN_SELECT}
         where g.active and (g.given_name || ' ' || g.family_name) ilike ?
         order by g.family_name, g.given_name, g.id limit ?)
       order by family_name, given_name, kind desc, id
       limit ?`,
      [today, pattern, cap, today, pattern, cap, cap],
    );
    return {
      items: rows.slice(0, MAX_CANDIDATES).map((row) => candidateFrom(row, today)),
      more: rows.length > MAX_CANDIDATES,
    };
  }

  /**
   * The person's row (an active one, or a retired graduate), or NOT_FOUND: the roster no longer
   * lists them.
   */
  private async person(em: EntityManager, kind: ConnectionPersonKind, id: string, today: string): Promise<PersonRow> {
    // A strict UUID check: anything else would reach PostgreSQL and fail there as an internal error.
    filterId(id, 'person.id');
    const [row] = await query<PersonRow>(
      em,
      kind === 'STUDENT'
        ? `${STUDENT_SELECT} where s.id = ? and ${STUDENT_KNOWN('s')}`
        : `${GUARDIAN_SELECT} where g.id = ? and g.active`,
      kind === 'STUDENT' ? [id, today] : [today, id],
    );
    if (!row) throw notFound(kind === 'STUDENT' ? 'Student' : 'Guardian', id);
    return row;
  }

  private async standingAttestation(em: EntityManager, staffId: string, guardianId: string) {
    const [row] = await query<Row>(
      em,
      `select ${columns('a', ATTESTATION_COLUMNS)}, g.given_name || ' ' || g.family_name as guardian_name,
              st.supervisor_id as staff_supervisor_id
         from connection_attestation a join guardian g on g.id = a.guardian_id join staff st on st.id = a.staff_id
        where a.staff_id = ? and a.guardian_id = ? and a.withdrawn_at is null`,
      [staffId, guardianId],
    );
    return row ? attestationFrom(row, (row.staff_supervisor_id as string | null) ?? null) : null;
  }

  /** The answer of VI for one person, for the caller (whose attestation counts, nobody else's). */
  async guidance(
    em: EntityManager,
    actor: Actor,
    person: { kind: ConnectionPersonKind; id: string },
    today = isoDate(new Date()),
  ): Promise<GuidanceResult> {
    const me = staffIdOf(actor);
    const row = await this.person(em, person.kind, person.id, today);
    const attestation = person.kind === 'GUARDIAN' ? await this.standingAttestation(em, me, row.id) : null;
    const answer = connectionGuidance(
      person.kind === 'STUDENT'
        ? { kind: 'STUDENT', student: facts(row.standings[0] as StandingRow) }
        : { kind: 'GUARDIAN', students: row.standings.map(facts), attested: attestation !== null },
      today,
    );
    return { ...answer, person: candidateFrom(row, today), attestation };
  }

  /** Records the caller's attestation of a prior personal relationship with a guardian (VI). */
  async attest(
    em: EntityManager,
    actor: Actor,
    input: { person: { kind: ConnectionPersonKind; id: string }; statement: string },
    requestId: string,
  ): Promise<ConnectionAttestation> {
    const me = staffIdOf(actor);
    const may = mayAttestPriorRelationship(input.person.kind);
    if (!may.ok) throw policyViolation(may.message, may.sections);
    const problem = attestationProblem(input.statement ?? '');
    if (problem) throw badInput(problem, 'statement');
    const statement = input.statement.trim();
    return em.transactional(async (tx) => {
      const guardian = await this.person(tx, 'GUARDIAN', input.person.id, isoDate(new Date()));
      // The partial unique index decides a race; this check gives the usual case a clear answer.
      if (await this.standingAttestation(tx, me, guardian.id)) {
        throw conflict('You have already recorded a prior relationship with this person; withdraw it to record a new one.');
      }
      const [row] = await query<Row>(
        tx,
        `insert into connection_attestation (staff_id, guardian_id, statement) values (?, ?, ?)
         on conflict do nothing
         returning ${ATTESTATION_COLUMNS.join(', ')}`,
        [me, guardian.id, statement],
      );
      if (!row) throw conflict('You have already recorded a prior relationship with this person.');
      const guardianName = `${guardian.given_name} ${guardian.family_name}`;
      await recordAudit(tx, actor, requestId, {
        action: 'connection.attest',
        targetType: 'ConnectionAttestation',
        targetId: row.id as string,
        // The guardian by id and name only (no statement, no students): the audit trail is
        // append-only and read by more people than the supervisor.
        change: { guardian: guardian.id, guardianName, statementLength: statement.length, sections: ['VI'] },
      });
      // The author is the caller: their supervisor is the one other reader of the statement.
      return attestationFrom({ ...row, guardian_name: guardianName }, actor.kind === 'STAFF' ? actor.supervisorId : null);
    });
  }

  /** Withdraws one of the caller's own standing attestations. */
  async withdraw(em: EntityManager, actor: Actor, id: string, requestId: string): Promise<ConnectionAttestation> {
    staffIdOf(actor);
    existingId('Connection attestation', id);
    return em.transactional(async (tx) => {
      const [row] = await query<Row>(
        tx,
        `select ${columns('a', ATTESTATION_COLUMNS)}, g.given_name || ' ' || g.family_name as guardian_name,
                st.supervisor_id as staff_supervisor_id, st.school_id as staff_school_id
           from connection_attestation a join guardian g on g.id = a.guardian_id join staff st on st.id = a.staff_id
          where a.id = ? for update of a`,
        [id],
      );
      if (!row) throw notFound('Connection attestation', id);
      // Only its author withdraws it: a supervisor reads attestations, never rewrites them.
      assertInScope(
        actor,
        'connection.attest',
        {
          ownerId: row.staff_id as string,
          ownerSupervisorId: (row.staff_supervisor_id as string | null) ?? null,
          schoolId: (row.staff_school_id as string | null) ?? null,
        },
        'this attestation',
      );
      if (row.withdrawn_at) throw conflict('This attestation was already withdrawn.');
      const [updated] = await query<Row>(
        tx,
        `update connection_attestation set withdrawn_at = now() where id = ? returning withdrawn_at`,
        [id],
      );
      await recordAudit(tx, actor, requestId, {
        action: 'connection.withdraw',
        targetType: 'ConnectionAttestation',
        targetId: id,
        change: { guardian: row.guardian_id, guardianName: row.guardian_name, sections: ['VI'] },
      });
      return attestationFrom({ ...row, withdrawn_at: updated?.withdrawn_at }, (row.staff_supervisor_id as string | null) ?? null);
    });
  }

  /**
   * Attestations in the caller's scope (own; a supervisor's staff's; the district's), newest
   * first, one statement with the staff member joined (primed into the loader).
   */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: AttestationListFilter | null | undefined,
    page: PageInput | null | undefined,
  ): Promise<ListPage<ConnectionAttestation>> {
    const { clause } = pageWindow(page);
    const where = new SqlWhere();
    const scope = scopeSql(actor, 'connection.read', {
      owner: 'a.staff_id',
      ownerSupervisor: 'st.supervisor_id',
      school: 'st.school_id',
    });
    if (scope) where.add(scope.sql, ...scope.params);
    if (!filter?.includeWithdrawn) where.add('a.withdrawn_at is null');
    for (const [field, column] of [
      ['staffId', 'a.staff_id'],
      ['guardianId', 'a.guardian_id'],
    ] as const) {
      const value = filter?.[field];
      if (!value) continue;
      where.add(`${column} = ?`, filterId(value, `filter.${field}`));
    }
    const rows = await query<Row>(
      em,
      `select ${columns('a', ATTESTATION_COLUMNS)}, g.given_name || ' ' || g.family_name as guardian_name,
              ${columns('st', STAFF_COLUMNS, 'st_')}
         from connection_attestation a
         join staff st on st.id = a.staff_id
         join guardian g on g.id = a.guardian_id
         ${where}
        order by a.attested_at desc, a.id desc
        ${clause.sql}`,
      [...where.params, ...clause.params],
    );
    return listPage(
      rows.map((row) => attestationFrom(row, (row.st_supervisor_id as string | null) ?? null)),
      { staff: rows.map((row) => staffFrom(row, 'st_')) },
      () =>
        countRows(
          em,
          `select count(*)::int as total from connection_attestation a join staff st on st.id = a.staff_id ${where}`,
          where.params,
        ),
    );
  }
}
