/**
 * Request and response types of the public API, inferred from the shared zod schemas. Type-only
 * imports: nothing from zod or the contracts package ends up in the bundle.
 */
import type {
  ErrorEnvelope,
  fakeNewsRequest,
  fakeNewsResponse,
  jobMatchRequest,
  jobMatchResponse,
  loginRequest,
  meResponse,
  sentimentRequest,
  sentimentResponse,
  sessionResponse,
  signupRequest,
  summarizeRequest,
  summarizeResponse,
  userView,
} from '@textai/contracts';
import type { z } from 'zod';

export type { ErrorEnvelope };

export type User = z.infer<typeof userView>;
export type SessionResponse = z.infer<typeof sessionResponse>;
export type MeResponse = z.infer<typeof meResponse>;
export type SignupRequest = z.infer<typeof signupRequest>;
export type LoginRequest = z.infer<typeof loginRequest>;

export type SentimentRequest = z.infer<typeof sentimentRequest>;
export type SentimentResult = z.infer<typeof sentimentResponse>;
export type SummarizeRequest = z.infer<typeof summarizeRequest>;
export type SummarizeResult = z.infer<typeof summarizeResponse>;
export type FakeNewsRequest = z.infer<typeof fakeNewsRequest>;
export type FakeNewsResult = z.infer<typeof fakeNewsResponse>;
export type JobMatchRequest = z.infer<typeof jobMatchRequest>;
export type JobMatchResult = z.infer<typeof jobMatchResponse>;

/** One weighted span of the input, as the sentiment and fake-news explanations give them. */
export interface WeightedSpan {
  token: string;
  start: number;
  end: number;
  weight: number;
}
