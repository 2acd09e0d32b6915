import { apiSend } from './client.ts';
import type { ApiResponse } from './client.ts';
import type {
  FakeNewsRequest,
  FakeNewsResult,
  JobMatchRequest,
  JobMatchResult,
  SentimentRequest,
  SentimentResult,
  SummarizeRequest,
  SummarizeResult,
} from './types.ts';

export function analyzeSentiment(input: SentimentRequest): Promise<ApiResponse<SentimentResult>> {
  return apiSend<SentimentResult>('POST', '/sentiment', input);
}

export function summarize(input: SummarizeRequest): Promise<ApiResponse<SummarizeResult>> {
  return apiSend<SummarizeResult>('POST', '/summarize', input);
}

export function checkFakeNews(input: FakeNewsRequest): Promise<ApiResponse<FakeNewsResult>> {
  return apiSend<FakeNewsResult>('POST', '/fake-news', input);
}

/** JSON, or a FormData (multipart) whose `resume` / `job_description` are text fields or files. */
export function matchJob(input: JobMatchRequest | FormData): Promise<ApiResponse<JobMatchResult>> {
  return apiSend<JobMatchResult>('POST', '/job-match', input);
}
