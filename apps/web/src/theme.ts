import { createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  // System fonts only: the server's CSP allows no font host, and nothing is downloaded.
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
});

/**
 * The chosen scheme ('light', 'dark', or 'auto' to follow the OS) lives in localStorage under this
 * key. public/color-scheme.js reads the same key before the first paint, so keep them in step.
 */
export const COLOR_SCHEME_KEY = 'textai-color-scheme';
export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_KEY });
