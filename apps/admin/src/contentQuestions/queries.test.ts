import { describe, expect, it } from 'vitest';
import { excerpt } from './labels';
import { askInput, contentQuestionsApi } from './queries';

describe('askInput (XVIII)', () => {
  it('trims the texts and leaves blank optional fields out', () => {
    expect(askInput({ question: '  May I use this song?  ', plannedText: 'Concert tonight!', mediaDescription: '  ', accountId: '' })).toEqual({
      question: 'May I use this song?',
      plannedText: 'Concert tonight!',
      mediaDescription: null,
      accountId: null,
    });
  });

  it('keeps the media description and the account when given', () => {
    expect(askInput({ question: 'q', plannedText: 'p', mediaDescription: 'A choir video', accountId: 'a1' })).toMatchObject({
      mediaDescription: 'A choir video',
      accountId: 'a1',
    });
  });

  it('sends the list filters the API knows: status, mine, waitingForMe, accountId', () => {
    expect(contentQuestionsApi.list.filters).toEqual(['status', 'mine', 'waitingForMe', 'accountId']);
  });
});

describe('excerpt', () => {
  it('puts a text on one line and cuts it with an ellipsis', () => {
    expect(excerpt('one\n two   three', 80)).toBe('one two three');
    expect(excerpt('abcdefghij', 5)).toBe('abcd…');
  });
});
