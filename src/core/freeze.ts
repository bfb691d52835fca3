/**
 * A deep-frozen copy of plain JSON-like data: what itsm-kit keeps of a definition it was given, so that neither
 * the caller's later edits nor anyone holding the result can change it.
 *
 * @param value - Plain data (objects, arrays, primitives, Dates).
 * @returns A structured clone, frozen at every level.
 * @example
 * ```ts
 * const spec = frozenCopy({ timeZone: 'UTC', weekly: { mon: ['09:00-17:00'] } });
 * Object.isFrozen(spec.weekly.mon); // true
 * ```
 * @category Validation
 */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
