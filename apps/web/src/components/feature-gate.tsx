import { Alert, Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ServerConfig } from '../api/server-config.ts';
import { useServerConfig } from '../server-config/server-config-context.ts';
import { InfoIcon } from './icons.tsx';

/**
 * What needs a feature the server may have turned off (sign-up, reset emails): a loader until the
 * server's switches are known, then the content, or a note of why it is not here.
 */
export function FeatureGate({
  feature,
  offTitle,
  offText,
  children,
}: {
  feature: keyof ServerConfig['features'];
  offTitle: string;
  offText: string;
  children: ReactNode;
}) {
  const config = useServerConfig();
  if (config === null) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Loading" />
      </Center>
    );
  }
  if (config.features[feature]) return <>{children}</>;
  return (
    <Alert color="blue" variant="light" icon={<InfoIcon />} title={offTitle}>
      <Text size="sm">{offText}</Text>
    </Alert>
  );
}
