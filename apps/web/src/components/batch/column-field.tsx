import { NativeSelect, TextInput } from '@mantine/core';

/**
 * A column of the file: a select of the header's names when the preview read them, else a text
 * field (XLSX) where the server checks the name. `optional` adds a "none" choice.
 */
export function ColumnField({
  label,
  description,
  columns,
  value,
  onChange,
  optional,
  placeholder,
}: {
  label: string;
  description?: string;
  columns: readonly string[];
  value: string;
  onChange: (value: string) => void;
  optional?: boolean;
  placeholder?: string;
}) {
  if (columns.length === 0) {
    return (
      <TextInput
        label={label}
        description={description}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  }
  const data = [
    ...(optional ? [{ value: '', label: '— none —' }] : []),
    ...[...new Set(columns)].filter((name) => name !== '').map((name) => ({ value: name, label: name })),
  ];
  return (
    <NativeSelect
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
