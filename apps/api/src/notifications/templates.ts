/**
 * The shared mail layout: every notice Steward sends (moderation notices now; approval and
 * acknowledgement mails later) is a heading and a few blocks, rendered twice, as plain text and
 * as HTML, with the same footer.
 *
 * Written by hand on purpose: a mail here is a fixed shape of four kinds of block, and the only
 * thing that must be right is escaping. A template engine would bring a second language and its
 * own escaping rules for three mails; here every piece of text is escaped by construction, since
 * there is no way to pass raw HTML in.
 */

export type MailBlock =
  /** A paragraph of text (line breaks kept). */
  | { kind: 'paragraph'; text: string }
  /** Label / value pairs, e.g. reason, sections, who removed it and when. */
  | { kind: 'fields'; rows: [label: string, value: string][] }
  /** Quoted content, e.g. the removed comment, shown as is (escaped, never interpreted). */
  | { kind: 'quote'; label?: string; text: string }
  /** A link into the dashboard: `path` is relative to PUBLIC_URL and must start with "/". */
  | { kind: 'link'; label: string; path: string };

export interface MailContent {
  heading: string;
  blocks: MailBlock[];
}

export interface RenderedMail {
  text: string;
  html: string;
}

export const MAIL_FOOTER = 'Sent by Steward for policy 4051.';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** An absolute dashboard link: PUBLIC_URL + path. Refuses anything but a path on that site. */
export function dashboardLink(publicUrl: string, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`mail link path must start with one "/": ${path}`);
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

const nl2br = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

/** Renders a mail as plain text and HTML with the common layout and footer. */
export function renderMail(content: MailContent, publicUrl: string): RenderedMail {
  const text: string[] = [content.heading, '='.repeat(Math.min(content.heading.length, 72)), ''];
  const html: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(content.heading)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 42rem">',
    `<h1 style="font-size: 1.25rem">${escapeHtml(content.heading)}</h1>`,
  ];
  for (const block of content.blocks) {
    switch (block.kind) {
      case 'paragraph':
        text.push(block.text, '');
        html.push(`<p>${nl2br(block.text)}</p>`);
        break;
      case 'fields': {
        const width = Math.max(...block.rows.map(([label]) => label.length)) + 2;
        for (const [label, value] of block.rows) text.push(`${`${label}:`.padEnd(width)}${value}`);
        text.push('');
        html.push('<table role="presentation" style="border-collapse: collapse">');
        for (const [label, value] of block.rows) {
          html.push(
            `<tr><th scope="row" style="text-align: left; padding: 0.125rem 1rem 0.125rem 0; vertical-align: top">${escapeHtml(label)}</th>` +
              `<td style="padding: 0.125rem 0">${nl2br(value)}</td></tr>`,
          );
        }
        html.push('</table>');
        break;
      }
      case 'quote':
        if (block.label) text.push(`${block.label}:`);
        text.push(...block.text.split(/\r?\n/).map((line) => `> ${line}`), '');
        if (block.label) html.push(`<p><strong>${escapeHtml(block.label)}</strong></p>`);
        html.push(
          `<blockquote style="margin: 0 0 1rem; padding: 0.5rem 1rem; border-left: 4px solid #767676; white-space: pre-wrap">${escapeHtml(block.text)}</blockquote>`,
        );
        break;
      case 'link': {
        const href = dashboardLink(publicUrl, block.path);
        text.push(`${block.label}: ${href}`, '');
        html.push(`<p><a href="${escapeHtml(href)}">${escapeHtml(block.label)}</a></p>`);
        break;
      }
    }
  }
  text.push('--', MAIL_FOOTER, publicUrl);
  html.push(
    `<hr><p style="font-size: 0.875rem; color: #595959">${escapeHtml(MAIL_FOOTER)} ` +
      `<a href="${escapeHtml(publicUrl)}">${escapeHtml(publicUrl)}</a></p></body></html>`,
  );
  return { text: `${text.join('\n')}\n`, html: html.join('\n') };
}
