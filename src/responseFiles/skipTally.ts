/** Rows skipped, counted by reason, keeping the first few line numbers of each (constant memory). */
export class SkipTally {
  readonly #reasons = new Map<string, { count: number; lines: number[] }>();
  #count = 0;

  add(line: number, reason: string): void {
    this.#count++;
    const entry = this.#reasons.get(reason);
    if (!entry) this.#reasons.set(reason, { count: 1, lines: [line] });
    else {
      entry.count++;
      if (entry.lines.length < 10) entry.lines.push(line);
    }
  }

  get count(): number {
    return this.#count;
  }

  /** Reasons, most frequent first; `lines` are the first lines of the file skipped for it. */
  summary(): { count: number; reasons: { reason: string; count: number; lines: number[] }[] } {
    return {
      count: this.#count,
      reasons: [...this.#reasons]
        .map(([reason, { count, lines }]) => ({ reason, count, lines: [...lines].sort((a, b) => a - b) }))
        .sort((a, b) => b.count - a.count || a.lines[0] - b.lines[0]),
    };
  }
}
