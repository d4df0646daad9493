import { createTheme, decomposeColor, getContrastRatio, type Theme } from '@mui/material/styles';
import { describe, expect, it } from 'vitest';
import { DARK, darkTheme, LIGHT, lightTheme } from './theme';

/**
 * The themes' colors against WCAG 2.1 AA, as numbers (the browser tests check the rendered pages
 * with axe-core; this says which pair broke when a color is changed). Text needs 4.5:1 (1.4.3),
 * focus rings and other non-text indicators 3:1 (1.4.11).
 */

/** A color with alpha, composited over an opaque one (getContrastRatio ignores alpha). */
function over(color: string, background: string): string {
  const fg = decomposeColor(color);
  const bg = decomposeColor(background);
  const a = fg.values[3] ?? 1;
  const mix = [0, 1, 2].map((i) =>
    Math.round((fg.values[i] as number) * a + (bg.values[i] as number) * (1 - a)),
  );
  return `rgb(${mix.join(', ')})`;
}

function ratio(text: string, background: string): number {
  const bg = over(background, '#000');
  return getContrastRatio(over(text, bg), bg);
}

const AA_TEXT = 4.5;
const AA_NON_TEXT = 3;
const INTENTS = ['primary', 'secondary', 'success', 'warning', 'error', 'info'] as const;

describe.each([
  ['light', createTheme(lightTheme), LIGHT.toolbar],
  ['dark', createTheme(darkTheme), DARK.toolbar],
] as [string, Theme, string][])('the %s theme', (_name, theme, toolbar) => {
  const { palette } = theme;
  const surfaces = {
    background: palette.background.default,
    paper: palette.background.paper,
    toolbar,
  };

  it.each(INTENTS)('%s: its text on it (filled chips, contained buttons, notifications)', (c) => {
    expect(ratio(palette[c].contrastText, palette[c].main)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it.each(INTENTS)('%s: as text on every surface (outlined chips, text buttons, links)', (c) => {
    for (const [surface, color] of Object.entries(surfaces)) {
      expect(ratio(palette[c].main, color), `${c} on ${surface}`).toBeGreaterThanOrEqual(AA_TEXT);
    }
  });

  it('body, secondary and disabled text on every surface, and on a disabled button', () => {
    for (const [surface, color] of Object.entries(surfaces)) {
      expect(ratio(palette.text.primary, color), surface).toBeGreaterThanOrEqual(AA_TEXT);
      expect(ratio(palette.text.secondary, color), surface).toBeGreaterThanOrEqual(AA_TEXT);
      expect(ratio(palette.text.disabled, color), surface).toBeGreaterThanOrEqual(AA_TEXT);
      const disabledButton = over(palette.action.disabledBackground, over(color, '#000'));
      expect(ratio(palette.action.disabled, disabledButton), surface).toBeGreaterThanOrEqual(
        AA_TEXT,
      );
    }
  });

  it('a default (grey) chip', () => {
    // MUI's default chip: text.primary on action.selected over the surface.
    for (const color of Object.values(surfaces)) {
      const chip = over(palette.action.selected, over(color, '#000'));
      expect(ratio(palette.text.primary, chip)).toBeGreaterThanOrEqual(AA_TEXT);
    }
  });

  it("inputs' underlines stand out from the input and the page", () => {
    const c = palette.mode === 'dark' ? DARK : LIGHT;
    for (const color of Object.values(surfaces)) {
      const input = over(c.filledInput, over(color, '#000'));
      expect(ratio(c.control, input)).toBeGreaterThanOrEqual(AA_NON_TEXT);
    }
  });

  it('focus rings stand out from the page and from the app bar', () => {
    const focus = palette.mode === 'dark' ? DARK.focus : LIGHT.focus;
    for (const color of Object.values(surfaces)) {
      expect(ratio(focus, color)).toBeGreaterThanOrEqual(AA_NON_TEXT);
    }
    const appBar = palette.mode === 'dark' ? DARK.appBar : palette.secondary.main;
    const onAppBar = palette.mode === 'dark' ? DARK.text : palette.secondary.contrastText;
    expect(ratio(onAppBar, appBar), 'app bar text').toBeGreaterThanOrEqual(AA_TEXT);
  });

  it('picks text colors by the AA ratio', () => {
    expect(palette.contrastThreshold).toBe(AA_TEXT);
  });
});
