// Small helpers shared by the SVG and HTML renderers. Every piece of text that reaches markup goes through
// `escapeXml`, so a cause or a service name cannot inject elements (nor a script).

/** Escapes text for XML / HTML content and attribute values. @internal */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** A coordinate with at most two decimals (no `-0`, no exponent). @internal */
export function coord(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A number for people: at most `digits` decimals, trailing zeros dropped. @internal */
export function figure(v: number, digits = 1): string {
  const r = Number(v.toFixed(digits));
  return Object.is(r, -0) ? '0' : String(r);
}

/** Checks an optional positive size option. @internal */
export function sizeOption(value: unknown, fallback: number, min: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback;
}
