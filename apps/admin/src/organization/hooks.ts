import { useQuery } from '@tanstack/react-query';
import { useStewardDataProvider } from '../dataProvider';
import type { DistrictProfile, School } from './queries';

// Reference data changes only with an SIS sync; an hour of cache is plenty. It lives in
// react-admin's QueryClient, which is cleared on logout.
const STALE_MS = 60 * 60 * 1000;

export function useSchools(): School[] | undefined {
  const dataProvider = useStewardDataProvider();
  return useQuery({
    queryKey: ['steward', 'schools'],
    queryFn: async () => (await dataProvider.getSchools()).data,
    staleTime: STALE_MS,
  }).data;
}

export function useDistrictProfile(): DistrictProfile | undefined {
  const dataProvider = useStewardDataProvider();
  return useQuery({
    queryKey: ['steward', 'districtProfile'],
    queryFn: async () => (await dataProvider.getDistrictProfile()).data,
    staleTime: STALE_MS,
  }).data;
}

/** Choices for a react-admin SelectInput. */
export function useSchoolChoices(): { id: string; name: string }[] {
  return (useSchools() ?? []).map((s) => ({ id: s.id, name: s.name }));
}
