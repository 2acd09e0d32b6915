import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ConfirmedAction } from '../hooks/use-confirmed-action.ts';
import { ApiErrorAlert } from './api-error-alert.tsx';

/** Mantine's close button has no name of its own. */
export const CLOSE_BUTTON_PROPS = { 'aria-label': 'Close' } as const;

/**
 * Asks before a destructive action: what will happen (children, for the target), the error of a
 * failed attempt, Cancel and the red confirm button. A form, so that fields inside it (a password)
 * confirm with Enter.
 */
export function ConfirmDialog<T>({
  action,
  title,
  confirmLabel,
  children,
}: {
  action: ConfirmedAction<T>;
  /** The question, e.g. "Delete this job?", or one that names the target. */
  title: string | ((target: T) => string);
  confirmLabel: string;
  children: (target: T) => ReactNode;
}) {
  const { target } = action;
  // Mounted only while asking: once answered it is gone at once, so its closing transition never
  // lies over the page that the answer just changed.
  if (target === null) return null;
  return (
    <Modal
      opened
      onClose={action.cancel}
      title={typeof title === 'string' ? title : title(target)}
      centered
      closeButtonProps={CLOSE_BUTTON_PROPS}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          action.confirm();
        }}
      >
        <Stack gap="md">
          {children(target)}
          {action.error !== null && <ApiErrorAlert error={action.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={action.cancel}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={action.busy}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
