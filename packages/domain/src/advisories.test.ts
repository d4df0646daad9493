import { describe, expect, it } from 'vitest';
import { type AdvisoryCode, personalAccountAdvisories } from './advisories.js';
import { type DistrictProfile, type ProfileText, suggestAffiliationSignals } from './classification.js';

const RALSTON: DistrictProfile = {
  names: ['Ralston Public Schools', 'Ralston'],
  abbreviations: ['RPS'],
  mascots: ['Rams'],
  schoolNames: ['Ralston High School', 'Ralston North Elementary'],
};

function advise(profile: ProfileText, classification: 'PERSONAL' | 'SCHOOL_AFFILIATED' = 'PERSONAL') {
  const { suggestions } = suggestAffiliationSignals(profile, RALSTON);
  return personalAccountAdvisories({ classification, suggestions });
}

describe('personalAccountAdvisories (IV, V, VI)', () => {
  type Row = [behaviour: string, profile: ProfileText, first: AdvisoryCode, mentions: RegExp | null];
  it.each<Row>([
    [
      'names the school a personal account tags, and says where',
      { bio: '3rd grade teacher at Ralston North Elementary. Opinions my own.' },
      'NAMES_DISTRICT_OR_SCHOOL',
      /^Your bio names "ralston north elementary"\./,
    ],
    [
      'points at a handle that carries the district name',
      { handle: 'RalstonHighTeacherJo' },
      'NAMES_DISTRICT_OR_SCHOOL',
      /^Your handle names "ralston high/,
    ],
    [
      'says "may be" when the word could be a town or a surname',
      { handle: 'tomcooks', bio: 'Cooking in Ralston' },
      'NAMES_DISTRICT_OR_SCHOOL',
      /mentions "ralston", which may be the district's name/,
    ],
    [
      'only reminds when nothing names the district',
      { handle: 'tom.kitchen.notes', bio: 'Recipes from my kitchen' },
      'NO_DISTRICT_TAGS',
      null,
    ],
  ])('%s', (_behaviour, profile, first, mentions) => {
    const advisories = advise(profile);
    expect(advisories.map((a) => a.code)).toEqual([first, 'NO_STUDENT_PHOTOS', 'NO_STUDENT_CONNECTIONS']);
    expect(advisories[0]?.sections).toEqual(first === 'NAMES_DISTRICT_OR_SCHOOL' ? ['V', 'IX'] : ['V']);
    if (mentions) expect(advisories[0]?.message).toMatch(mentions);
    expect(advisories[0]?.message).toMatch(/\(V\)/);
  });

  it('reminds of IV and VI on every personal account, in words a teacher can act on', () => {
    const [, photos, connections] = advise({ handle: 'tom.kitchen.notes' });
    expect(photos).toMatchObject({ code: 'NO_STUDENT_PHOTOS', sections: ['IV'] });
    expect(photos?.message).toMatch(/photos of students/);
    expect(connections).toMatchObject({ code: 'NO_STUDENT_CONNECTIONS', sections: ['VI'] });
    expect(connections?.message).toMatch(/until they have graduated/);
    expect(connections?.message).toMatch(/knew them personally outside school first/);
  });

  it('gives no advice to a school-affiliated account: its rules apply instead', () => {
    expect(advise({ bio: 'Official account of Ralston High School' }, 'SCHOOL_AFFILIATED')).toEqual([]);
  });
});
