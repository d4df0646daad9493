import type { ThemeOptions } from '@mui/material/styles';
import { defaultDarkTheme, defaultLightTheme } from 'react-admin';

/**
 * The dashboard's light and dark themes: react-admin's defaults with colors that meet WCAG 2.1 AA
 * (docs/accessibility.md). Every text color here has at least 4.5:1 against the surfaces it is
 * drawn on, including the chips (classification, state, attention, approval state), the app bar,
 * links, disabled buttons' labels and the notifications; focus indicators have at least 3:1
 * against what surrounds them. theme.test.ts checks the numbers.
 *
 * `contrastThreshold: 4.5` makes MUI pick each color's text (white or black) by the AA ratio
 * rather than its default of 3, for any color computed from these.
 */

/** The colors, kept apart from the MUI options so that the contrast test can read them. */
export const LIGHT = {
  background: '#fafafb',
  paper: '#ffffff',
  text: 'rgba(0, 0, 0, 0.87)',
  textSecondary: 'rgba(0, 0, 0, 0.66)',
  /** Disabled labels still say something ("Sign in with your district account"): AA too. */
  disabled: '#5c5c5c',
  disabledBackground: 'rgba(0, 0, 0, 0.08)',
  /** Forms' bottom toolbar (Save). */
  toolbar: '#ececef',
  primary: '#1565c0',
  primaryDark: '#0d47a1',
  /** The app bar, and the "School-affiliated" chip. */
  secondary: '#1a4480',
  success: '#1b5e20',
  warning: '#9a4d00',
  error: '#c62828',
  info: '#0263a3',
  focus: '#1565c0',
  /** react-admin's filled inputs. */
  filledInput: 'rgba(0, 0, 0, 0.04)',
  control: 'rgba(0, 0, 0, 0.6)',
  white: '#ffffff',
} as const;

export const DARK = {
  background: '#121212',
  /** Flat papers (no elevation overlay), so that every contrast can be measured. */
  paper: '#1e1e1e',
  text: '#ffffff',
  textSecondary: 'rgba(255, 255, 255, 0.74)',
  disabled: 'rgba(255, 255, 255, 0.62)',
  disabledBackground: 'rgba(255, 255, 255, 0.1)',
  toolbar: '#2a2a2a',
  appBar: '#1a2a3f',
  primary: '#90caf9',
  secondary: '#b39ddb',
  success: '#81c784',
  warning: '#ffb74d',
  error: '#f28b82',
  info: '#81d4fa',
  focus: '#90caf9',
  filledInput: 'rgba(255, 255, 255, 0.09)',
  control: 'rgba(255, 255, 255, 0.7)',
  black: 'rgba(0, 0, 0, 0.87)',
} as const;

/** A ring that shows where the keyboard is, drawn outside the element (2.4.7, 1.4.11). */
function focusRing(color: string, offset = 2) {
  return { outline: `3px solid ${color}`, outlineOffset: offset };
}

interface Surfaces {
  focus: string;
  primary: string;
  toolbar: string;
  /** Text on the app bar, and so the focus ring there. */
  onAppBar: string;
  /** Text on a primary-colored surface (the skip link). */
  onPrimary: string;
  textSecondary: string;
  filledInput: string;
  /** Non-text indicators (1.4.11): an input's underline, a switch's track when off. */
  control: string;
}

function quiet(c: Surfaces) {
  return { opacity: 1, color: c.textSecondary };
}

function components(c: Surfaces): ThemeOptions['components'] {
  return {
    MuiCssBaseline: {
      styleOverrides: {
        // Links, and anything focusable that MUI does not style itself.
        'a:focus-visible, [tabindex]:focus-visible, summary:focus-visible': focusRing(c.focus),
      },
    },
    MuiButtonBase: {
      defaultProps: { disableRipple: false },
      styleOverrides: {
        root: { '&.Mui-focusVisible': focusRing(c.focus) },
      },
    },
    // Inside the menu and lists the ring is drawn inside, where nothing clips it.
    MuiMenuItem: {
      styleOverrides: { root: { '&.Mui-focusVisible': focusRing(c.focus, -3) } },
    },
    MuiListItemButton: {
      styleOverrides: { root: { '&.Mui-focusVisible': focusRing(c.focus, -3) } },
    },
    MuiAppBar: {
      styleOverrides: {
        root: {
          // On the app bar the ring takes the bar's text color (white), not the page's blue.
          '& .Mui-focusVisible, & a:focus-visible': { outlineColor: c.onAppBar },
        },
      },
    },
    MuiPaper: { styleOverrides: { root: { backgroundImage: 'none' } } },
    // Non-text contrast (1.4.11): MUI's filled-input underline (about 3.0:1) and switch track
    // (2.7:1 when off) are darkened well past 3:1.
    MuiFilledInput: {
      styleOverrides: {
        root: {
          backgroundColor: c.filledInput,
          '&::before': { borderBottomColor: c.control },
        },
      },
    },
    MuiSwitch: {
      styleOverrides: {
        track: { opacity: 0.62 },
        switchBase: { '&.Mui-checked + .MuiSwitch-track': { opacity: 0.62 } },
      },
    },
    // react-admin's "not found", "access denied" and error pages fade their text to half
    // opacity (3.2:1 and less): secondary text color instead, which is AA.
    RaNotFound: { styleOverrides: { root: { '& .RaNotFound-message': quiet(c) } } },
    RaAccessDenied: { styleOverrides: { root: { '& .RaAccessDenied-message': quiet(c) } } },
    RaAuthenticationError: {
      styleOverrides: { root: { '& .RaAuthenticationError-message': quiet(c) } },
    },
    RaAuthError: { styleOverrides: { root: { '& .RaAuthError-message': quiet(c) } } },
    RaError: { styleOverrides: { root: { opacity: 1 } } },
    // Reflow (1.4.10): at 320 CSS px a wide table scrolls inside its own box, and the page
    // around it (search, buttons, pagination) stays as wide as the window.
    RaLayout: {
      styleOverrides: {
        root: { minWidth: 0, '& .RaLayout-content': { minWidth: 0 } },
      },
    },
    RaList: {
      styleOverrides: { root: { '& .RaList-main': { minWidth: 0, maxWidth: '100%' } } },
    },
    RaDatagrid: {
      styleOverrides: { root: { '& .RaDatagrid-tableWrapper': { overflowX: 'auto' } } },
    },
    MuiLink: { defaultProps: { underline: 'always' } },
    RaToolbar: { styleOverrides: { root: { backgroundColor: c.toolbar } } },
    // react-admin's skip link ("Skip to content", the first Tab stop): readable when it shows.
    RaSkipNavigationButton: {
      styleOverrides: {
        root: {
          backgroundColor: c.primary,
          color: c.onPrimary,
          '&:hover': { backgroundColor: c.primary, opacity: 1 },
          // It shows over the app bar: the ring takes the bar's text color.
          '&:focus': focusRing(c.onAppBar),
        },
      },
    },
  };
}

export const lightTheme: ThemeOptions = {
  ...defaultLightTheme,
  palette: {
    mode: 'light',
    contrastThreshold: 4.5,
    background: { default: LIGHT.background, paper: LIGHT.paper },
    text: { primary: LIGHT.text, secondary: LIGHT.textSecondary, disabled: LIGHT.disabled },
    action: { disabled: LIGHT.disabled, disabledBackground: LIGHT.disabledBackground },
    primary: { main: LIGHT.primary, dark: LIGHT.primaryDark, contrastText: LIGHT.white },
    secondary: { main: LIGHT.secondary, contrastText: LIGHT.white },
    success: { main: LIGHT.success, contrastText: LIGHT.white },
    warning: { main: LIGHT.warning, contrastText: LIGHT.white },
    error: { main: LIGHT.error, contrastText: LIGHT.white },
    info: { main: LIGHT.info, contrastText: LIGHT.white },
  },
  components: {
    ...defaultLightTheme.components,
    ...components({ ...LIGHT, onAppBar: LIGHT.white, onPrimary: LIGHT.white }),
  },
};

export const darkTheme: ThemeOptions = {
  ...defaultDarkTheme,
  palette: {
    mode: 'dark',
    contrastThreshold: 4.5,
    background: { default: DARK.background, paper: DARK.paper },
    text: { primary: DARK.text, secondary: DARK.textSecondary, disabled: DARK.disabled },
    action: { disabled: DARK.disabled, disabledBackground: DARK.disabledBackground },
    primary: { main: DARK.primary, contrastText: DARK.black },
    secondary: { main: DARK.secondary, contrastText: DARK.black },
    success: { main: DARK.success, contrastText: DARK.black },
    warning: { main: DARK.warning, contrastText: DARK.black },
    error: { main: DARK.error, contrastText: DARK.black },
    info: { main: DARK.info, contrastText: DARK.black },
  },
  components: {
    ...defaultDarkTheme.components,
    ...components({ ...DARK, onAppBar: DARK.text, onPrimary: DARK.black }),
    MuiAppBar: {
      styleOverrides: {
        root: {
          backgroundColor: DARK.appBar,
          color: DARK.text,
          '& .Mui-focusVisible, & a:focus-visible': { outlineColor: DARK.text },
        },
      },
    },
  },
};
