import { SessionClient } from './session-client.ts';

/** What the server acknowledged during a write load, by the kind of write. */
export interface Acknowledged {
  /** Usernames whose signup was answered 201. */
  users: string[];
  /** Texts of tool calls answered 200 (their history entry is written behind, in batches). */
  toolCalls: string[];
  /** Texts whose history entry a history read showed: committed (reads flush the buffer first). */
  confirmedHistory: Set<string>;
}

export interface WriteLoad {
  acknowledged: Acknowledged;
  /** Requests that got no answer or an error status (the kill cuts some off mid-flight). */
  unanswered: number;
  /** Stops the loops and waits for them. */
  stop(): Promise<void>;
}

/**
 * Concurrent loops of writes against a real server over loopback — signups, tool calls that write
 * history, and history reads that confirm which entries are committed — recording everything the
 * server acknowledged. A loop stops at its first request without an answer (the server died).
 */
export function startWriteLoad(
  url: string,
  apiKey: string,
  options: { loops: number; password: string; prefix: string },
): WriteLoad {
  const acknowledged: Acknowledged = { users: [], toolCalls: [], confirmedHistory: new Set() };
  let stopped = false;
  let unanswered = 0;
  const headers = { 'x-api-key': apiKey, 'content-type': 'application/json' };

  async function loop(id: number): Promise<void> {
    for (let i = 0; !stopped; i++) {
      try {
        const username = `${options.prefix}_${id}_${i}`;
        const signup = await new SessionClient(url).signup(username, options.password);
        if (signup.status === 201) acknowledged.users.push(username);
        else unanswered++;

        const text = `${options.prefix} ${id}-${i}: what a lovely day`;
        const call = await fetch(`${url}/api/v1/sentiment`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ text }),
        });
        await call.arrayBuffer();
        if (call.status === 200) acknowledged.toolCalls.push(text);
        else unanswered++;

        if (i % 4 === 3) {
          const read = await fetch(`${url}/api/v1/history?limit=200`, { headers });
          if (read.status !== 200) unanswered++;
          else {
            const page = (await read.json()) as { data: { input_excerpt: string | null }[] };
            for (const entry of page.data) {
              if (entry.input_excerpt?.startsWith(options.prefix))
                acknowledged.confirmedHistory.add(entry.input_excerpt);
            }
          }
        }
      } catch {
        unanswered++;
        return; // no answer: the server is gone
      }
    }
  }

  const loops = Array.from({ length: options.loops }, (_, id) => loop(id));
  return {
    acknowledged,
    get unanswered() {
      return unanswered;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
