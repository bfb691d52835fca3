// Describing any value for an error message, safely: BigInt, symbols, cyclic or very deep objects, getters that
// throw and megabyte strings all come out as short text. `JSON.stringify` does not (it throws on BigInt and
// cycles), and an error path that throws turns a clear refusal into a crash.

const MAX_TEXT = 80;

/**
 * A short, safe description of any value for an error message: strings quoted (and cut at 80 characters),
 * numbers and BigInts as written, objects by their kind (`an object`, `an array of 3`, `Invalid Date`).
 * Never throws and never calls user code (no getters, no `toString`).
 * @internal
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n (a BigInt)`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (value === null) return 'null';
  try {
    if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
    if (isDateLike(value)) {
      const t = Date.prototype.getTime.call(value);
      return Number.isFinite(t) ? `the Date ${new Date(t).toISOString()}` : 'Invalid Date';
    }
    if (value instanceof Map) return 'a Map';
    if (value instanceof Set) return 'a Set';
    if (Object.getPrototypeOf(value) === null) return 'an object without prototype';
    return 'an object';
  } catch {
    return 'an object';
  }
}

/** JSON-style quoting of a string, cut to a readable length. @internal */
export function quote(text: string): string {
  const cut = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  const body = cut.replace(/[\\"\u0000-\u001f]/g, (c) => (c === '"' ? '\\"' : c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  const more = text.length > MAX_TEXT ? ` (${text.length} characters)` : '';
  return `"${body}"${more}`;
}

/**
 * Whether a value is a Date, also one from another realm (a `vm` context, an iframe), whose `instanceof Date`
 * is false. @internal
 */
export function isDateLike(value: unknown): value is Date {
  // Only the internal slot counts: `instanceof Date` is true for `Object.create(Date.prototype)` (whose getTime
  // throws) and runs a Proxy's getPrototypeOf trap; getTime reads the slot without calling user code.
  if (value === null || typeof value !== 'object') return false;
  try {
    Date.prototype.getTime.call(value);
    return true;
  } catch {
    return false;
  }
}
