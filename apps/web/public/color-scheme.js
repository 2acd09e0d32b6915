// Sets the colour scheme before the first paint (no flash of the wrong theme). A file, not an
// inline script, because the server's CSP allows scripts from 'self' only. The key and values are
// those of src/theme.ts (Mantine's localStorage colour-scheme manager): 'light', 'dark' or 'auto'.
(function () {
  var scheme = 'auto';
  try {
    var stored = window.localStorage.getItem('textai-color-scheme');
    if (stored === 'light' || stored === 'dark') scheme = stored;
  } catch {
    // localStorage may be disabled: follow the OS.
  }
  if (scheme === 'auto') {
    scheme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
})();
