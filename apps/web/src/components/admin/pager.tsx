import { Button, Group, Text } from '@mantine/core';

/**
 * Previous / next for an API page ({total, limit, offset}), with where we are in words. Plain
 * buttons with text: every control has a name a screen reader can say.
 */
export function Pager({
  total,
  limit,
  offset,
  noun,
  label,
  onChange,
}: {
  total: number;
  limit: number;
  offset: number;
  /** Plural, e.g. "users". */
  noun: string;
  /** The navigation landmark's name, e.g. "Users pages". */
  label: string;
  onChange: (offset: number) => void;
}) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  return (
    <nav aria-label={label}>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {total === 0
            ? `No ${noun}`
            : `${first.toLocaleString()}–${last.toLocaleString()} of ${total.toLocaleString()} ${noun} · page ${page} of ${pages}`}
        </Text>
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            disabled={offset === 0}
            onClick={() => onChange(Math.max(0, offset - limit))}
          >
            Previous page
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={offset + limit >= total}
            onClick={() => onChange(offset + limit)}
          >
            Next page
          </Button>
        </Group>
      </Group>
    </nav>
  );
}
