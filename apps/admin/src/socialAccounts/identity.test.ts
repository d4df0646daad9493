import { checkContentFields } from '@steward/domain';
import { describe, expect, it } from 'vitest';
import { identityProblem, identityValidator } from './identity';
import { registerInput, updateInput } from './queries';

describe("the form's check of what identifies an entry is the domain's (XXIX)", () => {
  it.each<[string, Record<string, unknown>, 'url' | 'platform' | 'handle', string]>([
    ['a web page over plain http', { contentKind: 'WEB_PAGE', url: 'http://north.example.org/music' }, 'url', 'A web page is registered by its https:// address.'],
    ['a web page without its address', { contentKind: 'WEB_PAGE' }, 'url', 'A web page is registered by its address: give its url.'],
    ['other content without its address', { contentKind: 'OTHER_CONTENT', url: '  ' }, 'url', 'Other digital content is registered by its address: give its url.'],
    ['a long address without a short name', { contentKind: 'WEB_PAGE', url: `https://a.example/${'p'.repeat(120)}` }, 'handle', 'The address is longer than 100 characters: give a short handle for the register.'],
    ['an account without its platform', { contentKind: 'SOCIAL_ACCOUNT', handle: 'rams' }, 'platform', 'Choose the platform the social media account is on.'],
    ['a microblog on WEB', { contentKind: 'MICROBLOG', platform: 'WEB', handle: 'rams' }, 'platform', 'WEB is for web pages: register a web page as the kind "web page", or choose the platform the microblog is on.'],
    ['a page without its handle', { contentKind: 'SOCIAL_MEDIA_PAGE', platform: 'FACEBOOK', handle: '@' }, 'handle', 'A social media page is registered by its handle: give it.'],
    ['an address that is none', { contentKind: 'WEB_PAGE', url: 'ftp://north.example.org' }, 'url', 'url must be an http(s) address'],
    ['a handle with a space', { contentKind: 'HANDLE', platform: 'X', handle: 'ralston rams' }, 'handle', 'handle must be at most 100 characters, without spaces'],
  ])('%s: on %s, in the words the API uses', (_what, values, field, message) => {
    expect(identityProblem(values)).toMatchObject({ field, message });
    expect(identityValidator(field)('', values)).toBe(message);
    // Shown on its own input only.
    for (const other of (['url', 'platform', 'handle'] as const).filter((f) => f !== field)) {
      expect(identityValidator(other)('', values)).toBeUndefined();
    }
  });

  it('agrees with checkContentFields itself on the https rule', () => {
    const domain = checkContentFields({ kind: 'WEB_PAGE', platform: null, handle: null, url: 'http://a.example/' });
    expect(identityProblem({ contentKind: 'WEB_PAGE', url: 'http://a.example' })?.message).toBe(domain.ok ? '' : domain.message);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a web page by its https address', { contentKind: 'WEB_PAGE', url: ' https://north.example.org/music ' }],
    ['an account by platform and @handle', { contentKind: 'SOCIAL_ACCOUNT', platform: 'INSTAGRAM', handle: '@rams_band' }],
    ['other content over http', { contentKind: 'OTHER_CONTENT', url: 'http://podcast.example.org/rams' }],
    // An account turned web page keeps its old platform in the form, which has no platform input
    // for it: the form does not send it, so it is no problem.
    ['an account turned web page', { contentKind: 'WEB_PAGE', platform: 'INSTAGRAM', handle: '', url: 'https://a.example/x' }],
  ])('accepts %s', (_what, values) => {
    expect(identityProblem(values)).toBeNull();
  });

  it('marks the inputs the kind requires', () => {
    expect(identityValidator('url', true).isRequired).toBe(true);
    expect(identityValidator('url').isRequired).toBe(false);
  });

  it('sends no leftover platform for an entry known by its address', () => {
    const data = { contentKind: 'WEB_PAGE', platform: 'INSTAGRAM', url: 'https://a.example/x', signals: [] };
    expect(registerInput(data).platform).toBeNull();
    expect(updateInput({ id: 'a1', data: { ...data, version: 3 }, previousData: { id: 'a1' } }).platform).toBeNull();
    expect(registerInput({ ...data, contentKind: 'MICROBLOG' }).platform).toBe('INSTAGRAM');
  });
});
