/** The seeded demo district's people (apps/api/src/seed/demo.ts), offered on the login page. */
export const DEMO_DOMAIN = 'demo.k12.example';

export interface DemoPerson {
  email: string;
  who: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { email: `admin@${DEMO_DOMAIN}`, who: 'District IT administrator' },
  { email: `auditor@${DEMO_DOMAIN}`, who: 'Records auditor (read-only)' },
  { email: `superintendent@${DEMO_DOMAIN}`, who: 'Superintendent' },
  { email: `external.relations@${DEMO_DOMAIN}`, who: 'Director of External Relations' },
  { email: `principal.north@${DEMO_DOMAIN}`, who: 'Principal, supervises North staff' },
  { email: `teacher.north@${DEMO_DOMAIN}`, who: 'Teacher at North' },
  { email: `teacher.south@${DEMO_DOMAIN}`, who: 'Teacher at South' },
];
