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

export function matchJob(input: JobMatchRequest): Promise<ApiResponse<JobMatchResult>> {
  return apiSend<JobMatchResult>('POST', '/job-match', input);
}
