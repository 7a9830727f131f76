/** A foreign key between two tables: `from` holds the reference, `to` is referenced. */
export interface TableReference {
  from: string;
  to: string;
}

export class ReferenceCycleError extends Error {}

/**
 * The tables in an order in which each comes after every table it references, so rows can be
 * inserted table by table without breaking a foreign key (Kahn's algorithm; ties keep the input
 * order, so the result is stable). A table referencing itself is left to the caller (its rows are
 * inserted in one statement); a cycle between different tables cannot be ordered and is refused.
 */
export function insertionOrder(tables: readonly string[], references: readonly TableReference[]): string[] {
  const known = new Set(tables);
  const waitingOn = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { from, to } of references)
    if (from !== to && known.has(from) && known.has(to)) waitingOn.get(from)!.add(to);
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < tables.length) {
    const next = tables.filter((t) => !placed.has(t) && [...waitingOn.get(t)!].every((r) => placed.has(r)));
    if (next.length === 0)
      throw new ReferenceCycleError(
        `foreign keys form a cycle among: ${tables.filter((t) => !placed.has(t)).join(', ')}`,
      );
    for (const table of next) {
      order.push(table);
      placed.add(table);
    }
  }
  return order;
}
