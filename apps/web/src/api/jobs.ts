import type { jobListResponse, JobView, ToolName } from '@textai/contracts';
import type { z } from 'zod';
import { API_BASE, apiGet, apiSend } from './client.ts';

export type Job = JobView;
export type JobStatus = Job['status'];
export type JobList = z.infer<typeof jobListResponse>;
export type { ToolName };

/** The text fields of POST /jobs besides the file; empty ones are left out. */
export interface JobFields {
  tool: ToolName;
  column?: string;
  title_column?: string;
  resume_column?: string;
  job_column?: string;
  job_description?: string;
  sentences?: number;
  explain?: boolean;
}

export const isActive = (status: JobStatus): boolean => status === 'queued' || status === 'running';

/** Uploads the file and starts the job (202 with the job; the server checks the file first). */
export async function startJob(file: File, fields: JobFields): Promise<Job> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === '') continue;
    form.append(name, String(value));
  }
  // The file last: the server reads the fields before it streams the file to disk.
  form.append('file', file, file.name);
  const { data } = await apiSend<Job>('POST', '/jobs', form);
  return data;
}

export async function listJobs(limit = 20, offset = 0): Promise<JobList> {
  const { data } = await apiGet<JobList>(`/jobs?limit=${limit}&offset=${offset}`);
  return data;
}

export async function getJob(id: string): Promise<Job> {
  const { data } = await apiGet<Job>(`/jobs/${encodeURIComponent(id)}`);
  return data;
}

export async function cancelJob(id: string): Promise<Job> {
  const { data } = await apiSend<Job>('POST', `/jobs/${encodeURIComponent(id)}/cancel`);
  return data;
}

export async function deleteJob(id: string): Promise<void> {
  await apiSend<null>('DELETE', `/jobs/${encodeURIComponent(id)}`);
}

/** Server-Sent Events: `progress` (the job) whenever it changes, then `end`. */
export function jobEventsUrl(id: string): string {
  return `${API_BASE}/jobs/${encodeURIComponent(id)}/events`;
}

/** The results as a download (the server names the file in Content-Disposition). */
export function jobResultUrl(id: string, format: 'csv' | 'jsonl'): string {
  return `${API_BASE}/jobs/${encodeURIComponent(id)}/result?format=${format}`;
}
