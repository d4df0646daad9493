import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, defaultHeaders } from './defaults';

describe('GraphiQL defaults', () => {
  it("fills in the dashboard's token when there is one", () => {
    expect(JSON.parse(defaultHeaders('abc'))).toEqual({ Authorization: 'Bearer abc' });
  });

  it('otherwise sends no header but says where the devLogin token goes', () => {
    const text = defaultHeaders(null);
    expect(text).toContain('"Authorization": "Bearer <token>"');
    // Every hint line is a comment, so an untouched editor sends no (invalid) token.
    const uncommented = text
      .split('\n')
      .filter((line) => !line.trim().startsWith('//'))
      .join('');
    expect(JSON.parse(uncommented)).toEqual({});
  });

  it('explains how to get a token', () => {
    expect(DEFAULT_QUERY).toContain('devLogin');
  });
});
