import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { InfoIcon } from './icons.tsx';

/**
 * The legal pages are templates: the operator of a server replaces every bracketed placeholder
 * (rendered by <Placeholder>) before relying on them. The facts they state about what the software
 * stores hold for this code base; keep them in step with the server when it changes.
 */
export function Placeholder({ children }: { children: string }) {
  return <span className="legal-placeholder">[{children}]</span>;
}

export function LegalSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

/** An internal link inside the legal text. */
export function LegalLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to}>
      {children}
    </Anchor>
  );
}

export function LegalPage({
  title,
  intro,
  children,
}: {
  title: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  usePageTitle(title);
  return (
    <article className="legal" aria-labelledby="legal-title">
      <Stack gap="lg">
        <Stack gap={6}>
          <Title order={1} id="legal-title">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            Last updated: <Placeholder>Date</Placeholder>
          </Text>
        </Stack>
        <Alert
          color="yellow"
          variant="light"
          icon={<InfoIcon />}
          title="A template for the operator"
          className="legal-notice"
        >
          <Text size="sm">
            The operator of this server completes this page: every part in brackets, such as{' '}
            <Placeholder>Operator name</Placeholder>, is theirs to fill in, and the whole text is theirs to
            check against the law that applies to them. What it says about the data the software stores is
            accurate for TextAI Studio as shipped.
          </Text>
        </Alert>
        <Text>{intro}</Text>
        {children}
      </Stack>
    </article>
  );
}
