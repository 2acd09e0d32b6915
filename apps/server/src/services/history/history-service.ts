import type { ToolName } from '@textai/contracts';
import type {
  HistoryEntry,
  HistoryQuery,
  HistoryRepository,
  HistorySource,
  Page,
  User,
} from '../../storage/repositories.ts';
import type { Principal } from '../accounts/principal.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { HistoryRecorder } from './history-recorder.ts';

export interface ToolCall {
  tool: ToolName;
  source: HistorySource;
  /** The text the excerpt is cut from (the job description is appended for job-match). */
  input: string;
  /** The result of a single call, or null for a batch call. */
  result: Record<string, unknown> | null;
  model: { name: string; version: string } | null;
  latencyMs: number;
  items: number;
  failed: number;
}

/** Fields not worth keeping in history: large, and derivable by running the text again. */
const DROPPED_FIELDS = new Set(['explanation', 'explanation_bias', 'raw_score', 'sentences', 'warnings']);

/** What a result's headline label is, per tool, for analytics' label distributions. */
function labelOf(tool: ToolName, result: Record<string, unknown> | null): string | null {
  if (result === null) return null;
  const key =
    tool === 'sentiment'
      ? 'label'
      : tool === 'fake-news'
        ? 'prediction'
        : tool === 'job-match'
          ? 'recommendation'
          : null;
  const value = key === null ? undefined : result[key];
  return typeof value === 'string' ? value : null;
}

/**
 * History of tool calls: every call is recorded (guests' calls without input or result, for the
 * admin's totals only); a user who turned off "store inputs" keeps labels and figures but no text.
 */
export class HistoryService {
  constructor(
    private readonly repo: HistoryRepository,
    private readonly recorder: HistoryRecorder,
    private readonly clock: Clock,
    private readonly settings: { excerptChars: number; retentionDays: number },
  ) {}

  record(principal: Principal, call: ToolCall): void {
    const user = principal.kind === 'guest' ? null : principal.user;
    const keepText = user !== null && user.storeInputs;
    this.recorder.add({
      id: crypto.randomUUID(),
      userId: user?.id ?? null,
      tool: call.tool,
      source: call.source,
      inputExcerpt: keepText ? excerpt(call.input, this.settings.excerptChars) : null,
      result: user === null ? null : storedResult(call.result, keepText),
      label: labelOf(call.tool, call.result),
      modelName: call.model?.name ?? null,
      modelVersion: call.model?.version ?? null,
      latencyMs: Math.round(call.latencyMs * 1000) / 1000,
      items: call.items,
      failed: call.failed,
      createdAt: this.clock.now(),
    });
  }

  async list(user: User, query: HistoryQuery): Promise<Page<HistoryEntry>> {
    await this.recorder.flush();
    return this.repo.list(user.id, query);
  }

  async get(user: User, id: string): Promise<HistoryEntry> {
    await this.recorder.flush();
    const entry = await this.repo.get(user.id, id);
    if (!entry) throw notFound('history entry');
    return entry;
  }

  async delete(user: User, id: string): Promise<void> {
    await this.recorder.flush();
    if (!(await this.repo.delete(user.id, id))) throw notFound('history entry');
  }

  async deleteAll(user: User): Promise<number> {
    await this.recorder.flush();
    return this.repo.deleteAll(user.id);
  }

  /** Every entry of the user, newest first, page by page (for exports of any size). */
  async *all(user: User, query: Omit<HistoryQuery, 'limit' | 'offset'> = {}): AsyncGenerator<HistoryEntry> {
    await this.recorder.flush();
    const pageSize = 500;
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.repo.list(user.id, { ...query, limit: pageSize, offset });
      yield* page.items;
      if (page.items.length < pageSize) return;
    }
  }

  purgeExpired(): Promise<number> {
    return this.repo.purgeOlderThan(this.clock.now() - this.settings.retentionDays * 86_400_000);
  }

  flush(): Promise<void> {
    return this.recorder.flush();
  }
}

function excerpt(text: string, chars: number): string | null {
  if (chars === 0) return null;
  const cut = [...text.slice(0, chars * 2)].slice(0, chars).join('');
  return cut.length < text.length ? `${cut}…` : cut;
}

function storedResult(
  result: Record<string, unknown> | null,
  keepText: boolean,
): Record<string, unknown> | null {
  if (result === null) return null;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result)) {
    if (DROPPED_FIELDS.has(key)) continue;
    // A summary and keywords are the user's text; skills lists are not.
    if (!keepText && (key === 'summary' || key === 'keywords')) continue;
    kept[key] = value;
  }
  return kept;
}
