import { registerEnumType } from 'type-graphql';
import { ROLE_LABELS, ROLES, type Role } from '@steward/domain';

/** GraphQL enums built from the domain's lists, so the two never drift apart. */
export function enumFrom<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const RoleEnum = enumFrom<Role>(ROLES);
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'What a person (or the SIS) may do in Steward; see the permission matrix.',
  valuesConfig: Object.fromEntries(
    ROLES.map((r) => [r, { description: ROLE_LABELS[r] }]),
  ) as Record<Role, { description: string }>,
});
