/** pino-roll ships no types: its export is an async factory of the SonicBoom stream it rotates. */
declare module 'pino-roll' {
  import type { EventEmitter } from 'node:events';

  interface PinoRollOptions {
    file: string;
    frequency?: 'daily' | 'hourly' | number;
    size?: string | number;
    mkdir?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    /** SonicBoom's: write each line with a blocking write instead of buffering it. */
    sync?: boolean;
  }

  export interface RollingFile extends EventEmitter {
    write(line: string): boolean;
    end(): void;
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<RollingFile>;
}
