import { RingProgress, Text } from '@mantine/core';
import type { MantineColor } from '@mantine/core';

/** A ring gauge with the percentage written in its middle (the number, as text, is what is read aloud). */
export function PercentRing({
  value,
  color,
  label,
  size = 132,
}: {
  /** 0..1 */
  value: number;
  color: MantineColor;
  /** What the percentage is, e.g. "Confidence". */
  label: string;
  size?: number;
}) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 1000) / 10;
  return (
    <RingProgress
      size={size}
      thickness={12}
      roundCaps
      sections={[{ value: percent, color }]}
      label={
        <div className="ring-label">
          <Text fw={700} size="xl" ta="center" lh={1.1}>
            {percent}%
          </Text>
          <Text size="xs" c="dimmed" ta="center">
            {label}
          </Text>
        </div>
      }
    />
  );
}
