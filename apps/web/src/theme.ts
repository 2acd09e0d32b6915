import { Anchor, createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 in light mode: white on indigo 6 (the default) is 4.3:1, under WCAG AA's 4.5:1.
  primaryShade: { light: 7, dark: 8 },
  defaultRadius: 'md',
  // System fonts only: the server's CSP allows no font host, and nothing is downloaded.
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // Links in running text are told apart from it by more than colour (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

/**
 * The chosen scheme ('light', 'dark', or 'auto' to follow the OS) lives in localStorage under this
 * key. public/color-scheme.js reads the same key before the first paint, so keep them in step.
 */
export const COLOR_SCHEME_KEY = 'textai-color-scheme';
export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_KEY });
