import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { DEFAULT_SERVER_CONFIG, fetchServerConfig } from '../api/server-config.ts';
import type { ServerConfig } from '../api/server-config.ts';
import { ServerConfigContext } from './server-config-context.ts';

/** Reads GET /config once, at start, for every page (the settings only change with a restart). */
export function ServerConfigProvider({ children }: { children: ReactNode }) {
  const [config, setConfig] = useState<ServerConfig | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetchServerConfig().then(
      (loaded) => {
        if (!cancelled) setConfig(loaded);
      },
      // Unreachable, or a server without the route: its defaults. A failing server shows its
      // errors on the calls that matter.
      () => {
        if (!cancelled) setConfig(DEFAULT_SERVER_CONFIG);
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return <ServerConfigContext.Provider value={config}>{children}</ServerConfigContext.Provider>;
}
