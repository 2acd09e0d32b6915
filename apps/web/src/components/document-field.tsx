import { Button, Group, Input, Text } from '@mantine/core';
import { useId, useRef } from 'react';
import { formatBytes } from './when.ts';

/** The document types POST /job-match extracts text from. */
export const DOCUMENT_ACCEPT = '.pdf,.docx,.txt';

/** The server's MAX_UPLOAD_MB by default (a larger file is refused with 413). */
export const DEFAULT_UPLOAD_LIMIT_MB = 10;

/**
 * A native file input for one PDF, DOCX or TXT document, with the chosen file's name and size and a
 * "Remove" button. The file is sent as it is; the server extracts the text.
 */
export function DocumentField({
  label,
  file,
  onChange,
  limitMb = DEFAULT_UPLOAD_LIMIT_MB,
}: {
  label: string;
  file: File | null;
  onChange: (file: File | null) => void;
  limitMb?: number;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Input.Wrapper
      id={id}
      label={label}
      description={`Or upload a PDF, DOCX or TXT file (up to ${limitMb} MB); it is used instead of the text.`}
    >
      <input
        ref={input}
        id={id}
        type="file"
        accept={DOCUMENT_ACCEPT}
        aria-describedby={`${id}-description`}
        className="document-input"
        onChange={(event) => onChange(event.currentTarget.files?.[0] ?? null)}
      />
      {file !== null && (
        <Group gap="xs" mt={6} wrap="nowrap">
          <Text size="sm" fw={500} truncate="end">
            {file.name}
          </Text>
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            {formatBytes(file.size)}
          </Text>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            aria-label={`Remove ${file.name}`}
            onClick={() => {
              if (input.current !== null) input.current.value = '';
              onChange(null);
            }}
          >
            Remove
          </Button>
        </Group>
      )}
    </Input.Wrapper>
  );
}
