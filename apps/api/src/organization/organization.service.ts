import type { EntityManager } from '@mikro-orm/postgresql';
import type { DistrictProfile } from '@steward/domain';
import { Organization, OrganizationKind } from './organization.entity.js';

/** The district profile as the domain's classifier needs it: the district row plus school names. */
export async function districtProfile(em: EntityManager): Promise<DistrictProfile> {
  const orgs = await em.find(Organization, {}, { orderBy: { name: 'asc' } });
  const district = orgs.find((o) => o.kind === OrganizationKind.DISTRICT);
  return {
    names: district?.profile?.names ?? (district ? [district.name] : []),
    abbreviations: district?.profile?.abbreviations ?? [],
    mascots: district?.profile?.mascots ?? [],
    schoolNames: orgs.filter((o) => o.kind === OrganizationKind.SCHOOL).map((o) => o.name),
  };
}
