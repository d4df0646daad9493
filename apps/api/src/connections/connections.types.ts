import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { PageOf } from '../server/pagination.js';

/**
 * The GraphQL shapes of connection guidance (VI). The roster types here are deliberately narrow:
 * staff asking about a follower see a name, the schools and whether each student has graduated,
 * and an opaque id to ask with, never a grade, a birth date, a guardian's contact details or a
 * SIS identifier. Their fields are all there is; nothing else of the roster can be selected.
 */

export enum ConnectionPersonKindEnum {
  STUDENT = 'STUDENT',
  GUARDIAN = 'GUARDIAN',
}
registerEnumType(ConnectionPersonKindEnum, {
  name: 'ConnectionPersonKind',
  description: 'Whether the person asking to connect is a student or a parent or guardian of one.',
});

export enum GraduationStatusEnum {
  CURRENT = 'CURRENT',
  GRADUATED = 'GRADUATED',
}
registerEnumType(GraduationStatusEnum, {
  name: 'GraduationStatus',
  description: 'Whether a student is current or has graduated (by the SIS flag or a past expected date).',
});

export enum ConnectionVerdictEnum {
  STUDENT_NOT_GRADUATED = 'STUDENT_NOT_GRADUATED',
  STUDENT_GRADUATED = 'STUDENT_GRADUATED',
  GUARDIAN_OF_CURRENT_STUDENT = 'GUARDIAN_OF_CURRENT_STUDENT',
  GUARDIAN_PRIOR_RELATIONSHIP = 'GUARDIAN_PRIOR_RELATIONSHIP',
  GUARDIAN_NO_CURRENT_STUDENT = 'GUARDIAN_NO_CURRENT_STUDENT',
}
registerEnumType(ConnectionVerdictEnum, {
  name: 'ConnectionVerdict',
  description: 'The answer of VI for one friend or follower request.',
  valuesConfig: {
    STUDENT_NOT_GRADUATED: { description: 'A current student: refrain until after they graduate.' },
    STUDENT_GRADUATED: { description: 'A graduate: VI no longer restricts the connection.' },
    GUARDIAN_OF_CURRENT_STUDENT: {
      description: 'A parent or family member of a current student, no prior relationship recorded: refrain.',
    },
    GUARDIAN_PRIOR_RELATIONSHIP: {
      description: 'A parent or family member of a current student with a prior personal relationship recorded by the asker.',
    },
    GUARDIAN_NO_CURRENT_STUDENT: {
      description: 'A parent or guardian whose students have all graduated: VI no longer restricts it.',
    },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A student\'s school and whether they have graduated; nothing else.' })
export class ConnectionStanding {
  @Field(() => String, { nullable: true, description: 'The school\'s name, if the SIS gives one.' })
  school!: string | null;

  @Field(() => GraduationStatusEnum, { description: 'Current or graduated.' })
  graduationStatus!: GraduationStatusEnum;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A student or a parent or guardian found by the connection search: the name, and for each student ' +
    'concerned (the student, or the guardian\'s students) the school and graduation status only.',
})
export class ConnectionCandidate {
  @Field(() => ID, { description: 'An opaque identifier to ask about this person with.' })
  id!: string;

  @Field(() => ConnectionPersonKindEnum, { description: 'Student or parent/guardian.' })
  kind!: ConnectionPersonKindEnum;

  @Field(() => String, { description: 'The name (a student\'s preferred name when they have one).' })
  name!: string;

  @Field(() => [ConnectionStanding], {
    description: 'A student: their own school and status. A guardian: one entry per linked student (no names).',
  })
  standings!: ConnectionStanding[];
}

@ObjectType({ simpleResolvers: true, description: 'The people matching a connection search, capped.' })
export class ConnectionCandidateList {
  @Field(() => [ConnectionCandidate], { description: 'Matches, by family name then given name.' })
  items!: ConnectionCandidate[];

  @Field(() => Boolean, { description: 'True when more people match than are listed: refine the search.' })
  more!: boolean;
}

@InputType({ description: 'The person a connection question is about, as the search gave them.' })
export class ConnectionPersonInput {
  @Field(() => ConnectionPersonKindEnum, { description: 'Student or parent/guardian.' })
  kind!: ConnectionPersonKindEnum;

  @Field(() => ID, { description: 'The id from connectionCandidates.' })
  id!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A staff member\'s record that a personal relationship with a student\'s parent or family member ' +
    'existed before, outside school (VI); their supervising administrator can read it. District IT and ' +
    'auditors see that it exists (who, which guardian, when), not the statement.',
})
export class ConnectionAttestation {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  /** The attesting staff member, resolved through the request's loader. */
  staffId!: string;

  @Field(() => ID, { description: 'The guardian (an opaque id, as in connectionCandidates).' })
  guardianId!: string;

  @Field(() => String, { description: 'The guardian\'s name (the only roster fact kept with it).' })
  guardianName!: string;

  /**
   * How the relationship came about, in the staff member's words. Not a field: the resolver's
   * `statement` shows it to its author and their supervising administrator only.
   */
  statementText!: string;

  /** The author's supervising administrator (staff.supervisor_id) when it was read. */
  authorSupervisorId!: string | null;

  @Field(() => Date, { description: 'When it was recorded.' })
  attestedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was withdrawn; null while it stands.' })
  withdrawnAt!: Date | null;
}

@ObjectType({ description: 'The answer to "may I accept this friend or follower request?" under VI.' })
export class ConnectionGuidanceView {
  @Field(() => ConnectionCandidate, { description: 'Who the question is about (name, schools, graduation status).' })
  person!: ConnectionCandidate;

  @Field(() => ConnectionVerdictEnum, { description: 'The verdict.' })
  verdict!: ConnectionVerdictEnum;

  @Field(() => Boolean, { description: 'Whether accepting the request is in line with VI.' })
  inLine!: boolean;

  @Field(() => String, { description: 'The answer in plain words.' })
  explanation!: string;

  @Field(() => [String], { description: 'The policy sections it rests on (VI; XVII for graduates).' })
  sections!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Refrain until this date (YYYY-MM-DD): the expected graduation, when the SIS knows it.',
  })
  refrainUntil!: string | null;

  @Field(() => Boolean, { description: 'Whether recording a prior personal relationship changes the answer (families only).' })
  attestationApplies!: boolean;

  @Field(() => ConnectionAttestation, {
    nullable: true,
    description: 'Your standing attestation for this guardian, if you recorded one.',
  })
  attestation!: ConnectionAttestation | null;
}

@InputType({ description: 'A prior personal relationship with a parent or family member of a student (VI).' })
export class AttestPriorRelationshipInput {
  @Field(() => ConnectionPersonInput, { description: 'The person, as the search gave them (a guardian).' })
  person!: ConnectionPersonInput;

  @Field(() => String, {
    description: 'How you knew them before, outside school, in a sentence or two (10 to 500 characters).',
  })
  statement!: string;
}

@InputType({ description: 'Which attestations to list.' })
export class ConnectionAttestationFilter {
  @Field(() => ID, { nullable: true, description: 'Only this staff member\'s.' })
  staffId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only those about this guardian.' })
  guardianId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Also withdrawn ones (default: standing ones only).' })
  includeWithdrawn?: boolean | null;
}

export const ConnectionAttestationPage = PageOf(ConnectionAttestation, 'ConnectionAttestation');
