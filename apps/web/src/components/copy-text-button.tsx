import { Button, Text } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { CheckIcon } from './icons.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies a text to the clipboard. The button keeps its name; the outcome is said next to it (a
 * live region), and where the clipboard is not allowed, to select the text instead.
 */
export function CopyTextButton({
  text,
  label,
  ...props
}: { text: string; label: string } & Omit<ButtonProps, 'children'>) {
  const [state, setState] = useState<CopyState>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), state === 'failed' ? 8000 : 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <>
      <Button
        variant="default"
        size="xs"
        leftSection={state === 'copied' ? <CheckIcon size={14} /> : undefined}
        onClick={() => void copy()}
        {...props}
      >
        {label}
      </Button>
      <Text component="span" role="status" size="xs" c={state === 'failed' ? 'red' : 'dimmed'}>
        {state === 'copied'
          ? 'Copied'
          : state === 'failed'
            ? 'Could not copy: select the text and copy it.'
            : ''}
      </Text>
    </>
  );
}
