import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table of records that scrolls sideways inside its own region on narrow screens (the region can
 * take the keyboard focus, so it scrolls without a mouse), named by a heading's id or a label. When
 * `empty` is given (there are no rows), it stands in one row across every column.
 */
export function DataTable({
  labelledBy,
  label,
  columns,
  minWidth,
  busy = false,
  empty,
  children,
}: {
  labelledBy?: string;
  label?: string;
  columns: readonly ReactNode[];
  /** Below this width (px) the table scrolls instead of squeezing its columns. */
  minWidth?: number;
  busy?: boolean;
  empty?: ReactNode;
  children: ReactNode;
}) {
  const name = { 'aria-labelledby': labelledBy, 'aria-label': label };
  return (
    <div className="table-scroll" role="region" tabIndex={0} {...name}>
      <Table striped withTableBorder verticalSpacing="xs" aria-busy={busy} style={{ minWidth }} {...name}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <Table.Th scope="col" key={index}>
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {empty !== undefined && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>{empty}</Table.Td>
            </Table.Tr>
          )}
          {children}
        </Table.Tbody>
      </Table>
    </div>
  );
}
