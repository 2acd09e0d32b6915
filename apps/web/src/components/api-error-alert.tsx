import { Alert, Text } from '@mantine/core';
import type { ApiError } from '../api/client.ts';
import { AlertIcon } from './icons.tsx';

function titleFor(error: ApiError): string {
  // Titles name the alert (aria-labelledby): they avoid the words of field labels and buttons.
  if (error.code === 'WEAK_PASSWORD') return 'Not accepted';
  if (error.code === 'INVALID_CREDENTIALS') return 'Not recognised';
  switch (error.status) {
    case 0:
      return 'No connection';
    case 413:
      return 'Too long';
    case 429:
      return 'Rate limit reached';
    case 403:
      return error.code === 'FEATURE_DISABLED' ? 'Not available' : 'Not allowed';
    case 409:
      return 'Already taken';
    case 400:
      return 'Please check your input';
    default:
      return error.status >= 500 ? 'Server error' : 'Something went wrong';
  }
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** The server's message (the envelope's `error`), with how long to wait after a 429. */
export function ApiErrorAlert({ error }: { error: ApiError }) {
  return (
    <Alert color="red" variant="light" title={titleFor(error)} icon={<AlertIcon />} role="alert">
      <Text size="sm">{error.message}</Text>
      {error.status === 429 && error.retryAfter !== undefined && (
        <Text size="sm" mt={4}>
          You can try again in {waitText(error.retryAfter)}.
        </Text>
      )}
      {error.requestId !== undefined && (
        <Text size="xs" c="dimmed" mt={4}>
          Request id: {error.requestId}
        </Text>
      )}
    </Alert>
  );
}
