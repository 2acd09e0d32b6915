import type { ErrorCode } from '@textai/contracts';

/**
 * A failure the client can act on: an HTTP status, an error code from the contract and a message
 * safe to show. Services throw it; the error-handler plugin turns it into the envelope.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'resource'): AppError => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'not allowed'): AppError => new AppError(403, 'FORBIDDEN', message);
export const unauthorized = (message = 'log in first'): AppError =>
  new AppError(401, 'UNAUTHORIZED', message);
export const featureDisabled = (feature: string): AppError =>
  new AppError(403, 'FEATURE_DISABLED', `${feature} is turned off on this server`);
