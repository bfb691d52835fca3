// The bad-input suite of issue 8: every function exported by the package root is called with hostile values in each
// argument position, and deep inside its arguments, while the other positions hold valid example arguments
// (registry.ts). Every call must throw only an ItsmError with a documented code (validation errors listing their
// issues with paths), `safe*` functions must never throw, no argument may be mutated, no output may hold NaN,
// Infinity or an Invalid Date, the global prototypes must not change, and no call may exceed the time bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from 'itsm-kit';
import { HOSTILE_KEYS, hostileArbitrary, hostileValues } from './hostile.js';
import { argumentsFor, describeArgs, drive, type Placement } from './drive.js';
import { CLASSES, ERROR_CODES, knownFindings, registry } from './registry.js';

const exportedFunctions = Object.entries(api).filter(([, v]) => typeof v === 'function').map(([k]) => k).sort();
const driven = exportedFunctions.filter((name) => !CLASSES.has(name) && registry[name] !== undefined);

/** Random placements per export (inner paths and hostile keys), from a fixed seed. */
const RANDOM_RUNS = 40;

function report(name: string, failures: string[]): void {
  expect(failures, `${name}: ${failures.length} violation(s)`).toEqual([]);
}

describe('the hardening registry', () => {
  it('has an entry for every function the package root exports', () => {
    const missing = exportedFunctions.filter((name) => !CLASSES.has(name) && registry[name] === undefined);
    expect(missing, 'register these exports in test/hardening/registry.ts').toEqual([]);
  });

  it('has no entry for a name the package root does not export as a function', () => {
    const stale = Object.keys(registry).filter((name) => !exportedFunctions.includes(name));
    expect(stale).toEqual([]);
    expect([...CLASSES].filter((name) => !exportedFunctions.includes(name))).toEqual([]);
    expect(knownFindings.map((f) => f.name).filter((name) => !exportedFunctions.includes(name))).toEqual([]);
  });

  it('lists the documented error codes once each', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it.each(driven)('holds valid example arguments for %s (the call succeeds and meets the contract)', (name) => {
    const entry = registry[name]!;
    const args = entry.args();
    const outcome = drive(name, entry, args);
    report(name, outcome.violations.map((v) => `${v.kind}: ${v.message}`));
    // The examples are valid: a throwing call here means the registry, not the export, is wrong.
    const fn = (api as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
    expect(() => {
      const r = fn(...entry.args());
      if (entry.generator) [...(r as Iterable<unknown>)];
      if (name.startsWith('safe')) expect((r as { success: boolean }).success).toBe(true);
    }).not.toThrow();
  });
});

describe('every export under hostile input', () => {
  it.each(driven)('%s: each hostile value in each argument position', (name) => {
    const entry = registry[name]!;
    const positions = Math.max(entry.args().length, 1);
    const failures: string[] = [];
    for (let position = 0; position < positions; position++) {
      for (const hostile of hostileValues()) {
        const { args, where } = argumentsFor(entry, { position, mode: 'replace', pick: 0, key: '', hostile });
        const outcome = drive(name, entry, args);
        for (const v of outcome.violations) failures.push(`${name}(${describeArgs(args)}) [${where}] ${v.kind}: ${v.message}`);
      }
    }
    report(name, failures);
  });

  it.each(driven)('%s: hostile values and keys deep inside valid arguments (fast-check, fixed seed)', (name) => {
    const entry = registry[name]!;
    const positions = entry.args().length;
    if (positions === 0) return;
    const placement: fc.Arbitrary<Placement> = fc.record({
      position: fc.nat({ max: positions - 1 }),
      mode: fc.constantFrom('inner', 'inner', 'key'),
      pick: fc.nat(),
      key: fc.constantFrom(...HOSTILE_KEYS),
      hostile: hostileArbitrary(),
    });
    const failures: string[] = [];
    // fc.sample rather than fc.assert: every violation is listed, not only the first one shrunk.
    for (const p of fc.sample(placement, { seed: 12345, numRuns: RANDOM_RUNS })) {
      const { args, where } = argumentsFor(entry, p);
      const outcome = drive(name, entry, args);
      for (const v of outcome.violations) failures.push(`${name}(${describeArgs(args)}) [${where}] ${v.kind}: ${v.message}`);
    }
    report(name, failures);
  });
});
