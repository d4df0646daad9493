import { graphqlRequest } from '../graphql/client';

export interface School {
  id: string;
  name: string;
  shortName: string | null;
}

/** The words that tie an account to the district (IX, XIX, XXIX). */
export interface DistrictProfile {
  names: string[];
  abbreviations: string[];
  mascots: string[];
  schoolNames: string[];
}

export const SCHOOLS = `
  query Schools {
    schools { id name shortName }
  }
`;

export const DISTRICT_PROFILE = `
  query DistrictProfile {
    districtProfile { names abbreviations mascots schoolNames }
  }
`;

/** Reference data the dashboard adds to the data provider (not react-admin resources). */
export const organizationMethods = {
  async getSchools(): Promise<{ data: School[] }> {
    const data = await graphqlRequest<{ schools: School[] }>(SCHOOLS);
    return { data: data.schools };
  },
  async getDistrictProfile(): Promise<{ data: DistrictProfile }> {
    const data = await graphqlRequest<{ districtProfile: DistrictProfile }>(DISTRICT_PROFILE);
    return { data: data.districtProfile };
  },
};

export type OrganizationMethods = typeof organizationMethods;
