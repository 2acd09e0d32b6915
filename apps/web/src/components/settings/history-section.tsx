import { Paper, Stack, Switch } from '@mantine/core';
import { useState } from 'react';
import { updateSettings } from '../../api/account.ts';
import type { ApiError } from '../../api/client.ts';
import { useAuth } from '../../auth/auth-context.ts';
import { useSessionGuard } from '../../hooks/use-session-guard.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';

/** Whether history keeps the text of each call (the user's store_inputs; PATCH /account/settings). */
export function HistorySection() {
  const { user, userUpdated } = useAuth();
  const guard = useSessionGuard();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (user === null) return null;

  const onChange = async (storeInputs: boolean) => {
    setBusy(true);
    setError(null);
    try {
      userUpdated(await updateSettings({ store_inputs: storeInputs }));
    } catch (caught) {
      setError(guard(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" maw={520}>
      <Stack gap="sm">
        <Switch
          label="Keep my inputs in history"
          description="When on, History keeps an excerpt of each text you send (and its summary); when off, new entries keep only the results, not your text."
          checked={user.store_inputs}
          disabled={busy}
          onChange={(event) => void onChange(event.currentTarget.checked)}
        />
        {error !== null && <ApiErrorAlert error={error} />}
      </Stack>
    </Paper>
  );
}
