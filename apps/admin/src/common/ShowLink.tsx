import type { MouseEvent, ReactNode } from 'react';
import {
  Link,
  type RaRecord,
  useCreatePath,
  useRecordContext,
  useResourceContext,
} from 'react-admin';

/**
 * A table cell that links to the row's record. react-admin rows open on a mouse click only (the
 * <tr> is not focusable): this link makes each row reachable with the keyboard and named for a
 * screen reader (2.1.1, 2.4.4). The click stays with the link, so the row does not open it twice.
 * `label` and `sortBy` are read by the Datagrid for the column header.
 */
export function ShowLink<T extends RaRecord = RaRecord>(props: {
  label?: string;
  sortBy?: string;
  sortable?: boolean;
  /** The link's text; defaults to the record's representation. */
  render(record: T): ReactNode;
  resource?: string;
}) {
  const record = useRecordContext<T>();
  const contextResource = useResourceContext();
  const createPath = useCreatePath();
  const resource = props.resource ?? contextResource;
  if (!record || !resource) return null;
  return (
    <Link
      to={createPath({ resource, id: record.id, type: 'show' })}
      onClick={(event: MouseEvent) => event.stopPropagation()}
    >
      {props.render(record)}
    </Link>
  );
}
