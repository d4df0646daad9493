import { describe, expect, it } from 'vitest';
import { profanityFlags } from './triage.js';

/**
 * XXXI / XXXIII triage through the `obscenity` word list: suggestions with why, never a verdict.
 * (The XXXII roster match runs against the database in moderation.test.ts.)
 */
describe('profanityFlags', () => {
  type Row = [behaviour: string, text: string, words: string[]];
  it.each<Row>([
    ['a plain swear word', 'This concert was shit.', ['shit']],
    ['look-alike characters and stretched letters', 'sh1t and fuuuuck', ['shit', 'fuck']],
    ['a slur (the flag says XXXIII may apply)', 'what a retard', ['retard']],
    ['each word once, in text order', 'shit, shit and more shit', ['shit']],
    ['innocent words that contain a bad one are left alone', 'Scunthorpe assessment of the class', []],
    ['criticism is not profanity', 'The new schedule is a terrible decision by the district.', []],
  ])('%s', (_b, text, words) => {
    const flags = profanityFlags(text);
    expect(flags.map((f) => /matched as "([^"]+)"/.exec(f.why)?.[1])).toEqual(words);
    for (const flag of flags) {
      expect(flag).toMatchObject({ reason: 'OBSCENE', section: 'XXXI' });
      expect(flag.why).toMatch(/XXXIII/);
      expect(text.replace(/\s+/g, ' ')).toContain(flag.excerpt.replace(/…/g, ''));
    }
  });
});
