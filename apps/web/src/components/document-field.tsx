import { Button, Group, Input, Text } from '@mantine/core';
import { useId, useRef } from 'react';
import { useUploadLimit } from '../server-config/server-config-context.ts';
import { uploadProblem } from './upload-limit.ts';
import { formatBytes } from './when.ts';

/** The document types POST /job-match extracts text from. */
export const DOCUMENT_ACCEPT = '.pdf,.docx,.txt';

/**
 * A native file input for one PDF, DOCX or TXT document, with the chosen file's name and size and a
 * "Remove" button. The file is sent as it is; the server extracts the text. A file over the
 * server's upload limit (MAX_UPLOAD_MB, from GET /config) is marked at once.
 */
export function DocumentField({
  label,
  file,
  onChange,
}: {
  label: string;
  file: File | null;
  onChange: (file: File | null) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const limit = useUploadLimit();
  const problem = uploadProblem(file, limit);
  return (
    <Input.Wrapper
      id={id}
      label={label}
      description={`Or upload a PDF, DOCX or TXT file (up to ${limit.mb} MB); it is used instead of the text.`}
      error={problem}
    >
      <input
        ref={input}
        id={id}
        type="file"
        accept={DOCUMENT_ACCEPT}
        aria-describedby={problem === null ? `${id}-description` : `${id}-description ${id}-error`}
        aria-invalid={problem !== null}
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
