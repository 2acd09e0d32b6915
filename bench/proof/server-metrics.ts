/**
 * The server's own view of what it holds open, from its Prometheus /metrics (prom-client's
 * default metrics): active handles (sockets, timers, servers), active requests, open file
 * descriptors. Each scrape uses a fresh connection that closes after it, so that the scrape
 * itself counts the same (one socket) every time.
 */
import http from 'node:http';

export interface OpenResources {
  handles: number;
  requests: number;
  fds: number;
  /** V8's live heap and the memory outside it (buffers), in MB: where RSS growth would come from. */
  heapUsedMb: number;
  externalMb: number;
}

export function scrapeMetrics(base: string, token?: string): Promise<{ status: number; text: string }> {
  const headers: http.OutgoingHttpHeaders = { connection: 'close' };
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/metrics`, { headers, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function gauge(text: string, name: string): number {
  const line = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)`, 'm').exec(text);
  if (line?.[1] === undefined) throw new Error(`/metrics has no ${name}`);
  return Number(line[1]);
}

export async function openResources(base: string, token: string): Promise<OpenResources> {
  const { status, text } = await scrapeMetrics(base, token);
  if (status !== 200) throw new Error(`/metrics answered ${status}`);
  return {
    handles: gauge(text, 'nodejs_active_handles_total'),
    requests: gauge(text, 'nodejs_active_requests_total'),
    fds: gauge(text, 'process_open_fds'),
    heapUsedMb: gauge(text, 'nodejs_heap_size_used_bytes') / 2 ** 20,
    externalMb: gauge(text, 'nodejs_external_memory_bytes') / 2 ** 20,
  };
}
