import { describe, expect, it } from 'vitest';
import { MAIL_FOOTER, dashboardLink, escapeHtml, renderMail } from './templates.js';

describe('mail templates', () => {
  const mail = renderMail(
    {
      heading: 'Removal of a comment on @north_high',
      blocks: [
        { kind: 'paragraph', text: 'A comment was removed.\nSee below.' },
        { kind: 'fields', rows: [['Reasons', 'Obscene or lewd (XXXI)'], ['Removed by', 'Pat <pat@x>']] },
        { kind: 'quote', label: 'The comment', text: '<img src=x onerror=alert(1)>\nsecond line' },
        { kind: 'link', label: 'Open the case', path: '/moderation/cases/42?x="y"' },
      ],
    },
    'https://steward.example.org',
  );

  it('renders the same content as text and HTML, with the common footer', () => {
    expect(mail.text).toContain('Removal of a comment on @north_high\n===');
    expect(mail.text).toContain('Reasons:    Obscene or lewd (XXXI)\nRemoved by: Pat <pat@x>');
    expect(mail.text).toContain('> <img src=x onerror=alert(1)>\n> second line');
    expect(mail.text).toContain('Open the case: https://steward.example.org/moderation/cases/42?x="y"');
    expect(mail.text.trimEnd().endsWith(`${MAIL_FOOTER}\nhttps://steward.example.org`)).toBe(true);
    expect(MAIL_FOOTER).toBe('Sent by Steward for policy 4051.');
    expect(mail.html).toContain('A comment was removed.<br>See below.');
    expect(mail.html).toContain(MAIL_FOOTER);
  });

  it('escapes every piece of text in the HTML (no way to pass markup in)', () => {
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('Pat &lt;pat@x&gt;');
    expect(mail.html).toContain('href="https://steward.example.org/moderation/cases/42?x=&quot;y&quot;"');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('links only into the dashboard', () => {
    expect(dashboardLink('https://s.example/', '/a')).toBe('https://s.example/a');
    expect(() => dashboardLink('https://s.example', 'https://evil.example')).toThrow();
    expect(() => dashboardLink('https://s.example', '//evil.example/x')).toThrow();
  });
});
