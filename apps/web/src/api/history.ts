/**
 * History and analytics calls (GET /history, /history/:id, /history/export, /analytics; DELETE
 * /history and /history/:id). Types are inferred from the shared schemas, imported as types only.
 */
import type {
  analyticsResponse,
  historyEntryView,
  historyListResponse,
  ToolName as ContractToolName,
} from '@textai/contracts';
import type { z } from 'zod';
import { API_BASE, apiGet, apiSend } from './client.ts';
import type { ApiResponse } from './client.ts';

export type ToolName = ContractToolName;
export type HistoryEntry = z.infer<typeof historyEntryView>;
export type HistoryList = z.infer<typeof historyListResponse>;
export type Analytics = z.infer<typeof analyticsResponse>;

export interface HistoryFilters {
  tool?: ToolName | undefined;
  /** ISO 8601 time, inclusive. */
  from?: string | undefined;
  /** ISO 8601 time, exclusive. */
  to?: string | undefined;
  /** Words of the input excerpt. */
  q?: string | undefined;
}

export interface HistoryPage extends HistoryFilters {
  limit: number;
  offset: number;
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export function listHistory(page: HistoryPage): Promise<ApiResponse<HistoryList>> {
  return apiGet<HistoryList>(
    `/history${queryString({
      limit: page.limit,
      offset: page.offset,
      tool: page.tool,
      from: page.from,
      to: page.to,
      q: page.q?.trim(),
    })}`,
  );
}

export function getHistoryEntry(id: string): Promise<ApiResponse<HistoryEntry>> {
  return apiGet<HistoryEntry>(`/history/${encodeURIComponent(id)}`);
}

export function deleteHistoryEntry(id: string): Promise<ApiResponse<null>> {
  return apiSend<null>('DELETE', `/history/${encodeURIComponent(id)}`);
}

export function deleteAllHistory(): Promise<ApiResponse<{ deleted: number }>> {
  return apiSend<{ deleted: number }>('DELETE', '/history');
}

/** A link target: the server answers with Content-Disposition: attachment (the session cookie goes along). */
export function historyExportUrl(format: 'csv' | 'json'): string {
  return `${API_BASE}/history/export${queryString({ format })}`;
}

/** Usage figures, per day in the browser's time zone. */
export function getAnalytics(timeZone: string): Promise<ApiResponse<Analytics>> {
  return apiGet<Analytics>(`/analytics${queryString({ tz: timeZone })}`);
}
