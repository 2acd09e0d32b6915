// Loads extract-script.ts the way bin/textai.js loads the CLI: tsx registered in-process with
// register(), rather than with `node --import tsx`.
import { register } from 'tsx/esm/api';

register();
await import('./extract-script.ts');
