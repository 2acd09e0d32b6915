import { Alert, Stack, Text } from '@mantine/core';
import type { RateLimit } from '../api/client.ts';
import { InfoIcon } from './icons.tsx';

interface Meta {
  model: { name: string; version: string };
  warnings: { code: string; message: string }[];
  processing_time_ms: number;
}

/** The model's warnings (e.g. NON_ENGLISH) above a result. */
export function ResultWarnings({ warnings }: { warnings: Meta['warnings'] }) {
  if (warnings.length === 0) return null;
  return (
    <Stack gap="xs">
      {warnings.map((warning) => (
        <Alert key={warning.code} color="yellow" variant="light" icon={<InfoIcon />} title="Note">
          {warning.message}
        </Alert>
      ))}
    </Stack>
  );
}

/** Which model answered, how fast, and what is left of the hourly request budget. */
export function ResultFooter({ meta, rateLimit }: { meta: Meta; rateLimit: RateLimit | undefined }) {
  return (
    <Text size="xs" c="dimmed">
      Model {meta.model.name} {meta.model.version} · {meta.processing_time_ms.toFixed(1)} ms
      {rateLimit !== undefined && ` · ${rateLimit.remaining} of ${rateLimit.limit} requests left this hour`}
    </Text>
  );
}
