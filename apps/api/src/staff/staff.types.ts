import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import type { Role } from '@steward/domain';
import { RoleEnum } from '../server/enums.js';
import { PageOf, SortDirection } from '../server/pagination.js';
import { Staff } from './staff.entity.js';

export enum StaffSortField {
  FAMILY_NAME = 'familyName',
  GIVEN_NAME = 'givenName',
  EMAIL = 'email',
  POSITION = 'position',
  CREATED_AT = 'createdAt',
}
registerEnumType(StaffSortField, { name: 'StaffSortField', description: 'Staff list sort keys.' });

@InputType({ description: 'Narrows the staff list. Every field is optional; they combine with AND.' })
export class StaffFilter {
  @Field(() => String, { nullable: true, description: 'Matches name, email or position.' })
  q?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only staff of this school.' })
  schoolId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only staff of this supervising administrator.' })
  supervisorId?: string | null;

  @Field(() => RoleEnum, { nullable: true, description: 'Only staff holding this role.' })
  role?: Role | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or departed (false).' })
  active?: boolean | null;
}

@InputType({ description: 'Staff list ordering.' })
export class StaffSort {
  @Field(() => StaffSortField, { defaultValue: StaffSortField.FAMILY_NAME, description: 'Key.' })
  field: StaffSortField = StaffSortField.FAMILY_NAME;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction.' })
  direction: SortDirection = SortDirection.ASC;
}

export const StaffPage = PageOf(Staff, 'Staff');
