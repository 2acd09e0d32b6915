import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { KEY_SCOPES, createKey, listKeys, revokeKey } from '../../api/keys.ts';
import type { ApiKey, ApiKeyScope, CreatedKey } from '../../api/keys.ts';
import { useConfirmedAction } from '../../hooks/use-confirmed-action.ts';
import { useFormSubmit } from '../../hooks/use-form-submit.ts';
import { useSessionGuard } from '../../hooks/use-session-guard.ts';
import { ApiErrorAlert } from '../api-error-alert.tsx';
import { ConfirmDialog } from '../confirm-dialog.tsx';
import { DataTable } from '../data-table.tsx';
import { CopyTextButton } from '../copy-text-button.tsx';
import { AlertIcon } from '../icons.tsx';
import { formatDateTime } from '../when.ts';

const SCOPE_HELP: Record<ApiKeyScope, string> = {
  tools: 'the four tools',
  batch: 'file jobs and batch calls',
  history: 'your history and analytics',
};

const isScope = (value: string): value is ApiKeyScope => (KEY_SCOPES as readonly string[]).includes(value);

/** The full key, shown once after it is created, with a copy button. */
function NewKeyBox({ created, onHide }: { created: CreatedKey; onHide: () => void }) {
  return (
    <Paper
      withBorder
      p="md"
      bg="var(--mantine-color-yellow-light)"
      role="region"
      aria-label="New API key"
      style={{ borderColor: 'var(--mantine-color-yellow-filled)' }}
    >
      <Stack gap="sm">
        <Text fw={600}>Key “{created.name}” created</Text>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            label="Your new API key"
            value={created.key}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            style={{ flex: 1 }}
          />
          <CopyTextButton text={created.key} label="Copy key" size="sm" />
        </Group>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <AlertIcon size={18} />
          <Text size="sm" fw={500}>
            Copy it now and keep it somewhere safe: it will not be shown again. Anyone who has it can use the
            API as you.
          </Text>
        </Group>
        <Group>
          <Button variant="default" size="xs" onClick={onHide}>
            I have saved it
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function KeyState({ apiKey, now }: { apiKey: ApiKey; now: number }) {
  const [label, color] =
    apiKey.revoked_at !== null
      ? ['Revoked', 'gray']
      : apiKey.expires_at !== null && Date.parse(apiKey.expires_at) <= now
        ? ['Expired', 'orange']
        : ['Active', 'teal'];
  return (
    <Badge color={color} variant="light" style={{ minWidth: 'max-content' }}>
      {label}
    </Badge>
  );
}

/** API keys: create one (its full value shown once), list them, revoke one. */
export function ApiKeysSection({
  created,
  onCreated,
  onRevoked,
}: {
  created: CreatedKey | null;
  onCreated: (key: CreatedKey | null) => void;
  onRevoked: (id: string) => void;
}) {
  const guard = useSessionGuard();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [listError, setListError] = useState<ApiError | null>(null);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState<string | number>('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>([...KEY_SCOPES]);
  const [now] = useState(() => Date.now());

  // Bumped to list the keys again (after a create or a revoke).
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((n) => n + 1);

  useEffect(() => {
    let cancelled = false;
    listKeys().then(
      (list) => {
        if (cancelled) return;
        setKeys(list);
        setListError(null);
      },
      (caught: unknown) => {
        if (!cancelled) setListError(guard(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [guard, version]);

  const create = useFormSubmit(
    async () => {
      const key = await createKey({
        name: name.trim(),
        scopes,
        ...(typeof expires === 'number' ? { expires_in_days: expires } : {}),
      });
      onCreated(key);
      setName('');
      setExpires('');
      setScopes([...KEY_SCOPES]);
      reload();
    },
    'Could not create the key.',
    guard,
  );

  const revoke = useConfirmedAction(async (key: ApiKey) => {
    await revokeKey(key.id);
    onRevoked(key.id);
    reload();
  }, guard);

  return (
    <Stack gap="md">
      <Text c="dimmed" size="sm" maw={760}>
        Scripts and other programs call the API with a key, sent as <code>X-API-Key</code>. A key can do what
        its scopes allow; it cannot manage keys, your password or your account.
      </Text>
      <Paper withBorder p="lg">
        <form onSubmit={create.onSubmit} aria-label="Create an API key">
          <Stack gap="sm">
            <Group align="flex-start" gap="md" grow preventGrowOverflow={false}>
              <TextInput
                label="Key name"
                description="What the key is for, e.g. “nightly report”."
                required
                maxLength={100}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
              />
              <NumberInput
                label="Expires in days"
                description="Empty: the key does not expire."
                min={1}
                max={3650}
                allowDecimal={false}
                allowNegative={false}
                value={expires}
                onChange={setExpires}
              />
            </Group>
            <Checkbox.Group
              label="Scopes"
              description="At least one."
              value={scopes}
              onChange={(values) => setScopes(values.filter(isScope))}
              error={scopes.length === 0 ? 'Choose at least one scope.' : undefined}
            >
              <Group gap="lg" mt={6}>
                {KEY_SCOPES.map((scope) => (
                  <Checkbox key={scope} value={scope} label={scope} description={SCOPE_HELP[scope]} />
                ))}
              </Group>
            </Checkbox.Group>
            {create.error !== null && <ApiErrorAlert error={create.error} />}
            <Group>
              <Button type="submit" loading={create.busy} disabled={scopes.length === 0}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      {created !== null && <NewKeyBox created={created} onHide={() => onCreated(null)} />}

      {listError !== null && <ApiErrorAlert error={listError} />}
      {keys !== null && keys.length === 0 && (
        <Text size="sm" c="dimmed">
          You have no API keys yet.
        </Text>
      )}
      {keys !== null && keys.length > 0 && (
        <DataTable
          label="Your API keys"
          columns={[
            'Name',
            'Key',
            'Scopes',
            'Created',
            'Last used',
            'Expires',
            'State',
            <span className="visually-hidden" key="actions">
              Actions
            </span>,
          ]}
          minWidth={760}
        >
          {keys.map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>{key.name}</Table.Td>
              <Table.Td>
                <code>
                  {key.prefix}…{key.last4}
                </code>
              </Table.Td>
              <Table.Td>{key.scopes.join(', ')}</Table.Td>
              <Table.Td>{formatDateTime(key.created_at)}</Table.Td>
              <Table.Td>{formatDateTime(key.last_used_at)}</Table.Td>
              <Table.Td>{formatDateTime(key.expires_at)}</Table.Td>
              <Table.Td>
                <KeyState apiKey={key} now={now} />
              </Table.Td>
              <Table.Td>
                {key.revoked_at === null && (
                  <Button
                    size="compact-sm"
                    color="red"
                    variant="light"
                    aria-label={`Revoke ${key.name}`}
                    onClick={() => revoke.ask(key)}
                  >
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}

      <ConfirmDialog action={revoke} title="Revoke this API key?" confirmLabel="Revoke key">
        {(key) => (
          <Text size="sm">
            “{key.name}” (
            <code>
              {key.prefix}…{key.last4}
            </code>
            ) stops working at once, for every program that uses it. This cannot be undone.
          </Text>
        )}
      </ConfirmDialog>
    </Stack>
  );
}
