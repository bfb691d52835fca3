// Plain-text tables for the terminal.

/** Formats rows as an aligned text table; numbers-looking columns are right-aligned. @internal */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+ ?(%|ms|s|min|h)?$|^-$/.test(r[i] ?? '')));
  const cell = (text: string, i: number): string => (numeric[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: readonly string[]): string => cells.map((c, i) => cell(c, i)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((r) => line(r))].join('\n');
}
