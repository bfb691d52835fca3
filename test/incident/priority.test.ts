import { describe, expect, it } from 'vitest';
import { ItsmError } from '../../src/core/index.js';
import {
  createPriorityMatrix, derivePriority, glpiPriorityMatrix, iTopPriorityMatrix, safeCreatePriorityMatrix,
  serviceNowPriorityMatrix, openIncident,
} from '../../src/incident/index.js';
import { at, send } from './helpers.js';

describe('derivePriority', () => {
  it('uses ServiceNow\'s 3 × 3 matrix by default', () => {
    const table = [1, 2, 3].map((i) => [1, 2, 3].map((u) => derivePriority(i, u)));
    expect(table).toEqual([[1, 2, 3], [2, 3, 4], [3, 4, 5]]);
  });

  it('maps iTop\'s 3 impacts × 4 urgencies to 4 priorities', () => {
    expect(derivePriority(1, 1, iTopPriorityMatrix)).toBe(1);
    expect(derivePriority(1, 3, iTopPriorityMatrix)).toBe(2);
    expect(derivePriority(3, 3, iTopPriorityMatrix)).toBe(3);
    expect([1, 2, 3].map((i) => derivePriority(i, 4, iTopPriorityMatrix))).toEqual([4, 4, 4]);
  });

  it('uses GLPI\'s symmetric 5 × 5 matrix, 5 being the highest', () => {
    for (let i = 1; i <= 5; i++) for (let u = 1; u <= 5; u++) expect(derivePriority(i, u, glpiPriorityMatrix)).toBe(derivePriority(u, i, glpiPriorityMatrix));
    expect(derivePriority(5, 5, glpiPriorityMatrix)).toBe(5);
    expect(derivePriority(1, 1, glpiPriorityMatrix)).toBe(1);
    expect(derivePriority(3, 3, glpiPriorityMatrix)).toBe(3);
  });

  it('refuses levels that are not integers inside the matrix, naming the field and the range', () => {
    for (const [i, u, field] of [[0, 1, 'impact'], [4, 1, 'impact'], [1, 4, 'urgency'], [1.5, 1, 'impact'], [Number.NaN, 1, 'impact']] as const) {
      try {
        derivePriority(i, u);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ItsmError);
        expect((e as ItsmError).code).toBe('invalid_argument');
        expect((e as ItsmError).message).toMatch(new RegExp(`^${field}: .* use an integer from 1 to 3`));
      }
    }
  });

  it('ships presets that cannot be mutated', () => {
    expect(Object.isFrozen(serviceNowPriorityMatrix)).toBe(true);
    expect(Object.isFrozen(serviceNowPriorityMatrix.priorities[0])).toBe(true);
  });
});

describe('createPriorityMatrix', () => {
  it('accepts a rectangular matrix and returns a copy', () => {
    const input = { name: '2x2', priorities: [[1, 2], [2, 3]] };
    const m = createPriorityMatrix(input);
    expect(m).toEqual(input);
    expect(m).not.toBe(input);
  });

  it('lists every issue with its path', () => {
    const r = safeCreatePriorityMatrix({ priorities: [[1, 2], [3], [0, 1.5]], defaultImpact: 9, defaultUrgency: 3 });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.code).toBe('invalid_definition');
    const paths = r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['priorities.1', 'priorities.2.0', 'priorities.2.1']));
    expect(r.error.message).toMatch(/^Invalid priority matrix/);
  });

  it('checks default levels once the shape is valid', () => {
    const r = safeCreatePriorityMatrix({ priorities: [[1, 2], [2, 3]], defaultImpact: 3, defaultUrgency: 3 });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['defaultImpact', 'out_of_range'], ['defaultUrgency', 'out_of_range']]);
  });

  it('refuses an empty matrix', () => {
    expect(() => createPriorityMatrix({ priorities: [] })).toThrow(/at least one impact level/);
    expect(() => createPriorityMatrix({ priorities: [[]] })).toThrow(/at least one urgency level/);
  });
});

describe('priority in the incident machine', () => {
  it('re-derives the priority with the incident\'s own matrix when impact or urgency changes', () => {
    let s = openIncident({ at: at(0), impact: 3, urgency: 4, matrix: iTopPriorityMatrix });
    expect(s.context.priority).toBe(4);
    s = send(s, { type: 'UPDATE', at: at(1), urgency: 1 });
    expect(s.context.priority).toBe(2);
    s = send(s, { type: 'UPDATE', at: at(2), impact: 1 });
    expect(s.context.priority).toBe(1);
  });

  it('leaves the priority alone when an update changes neither impact nor urgency', () => {
    const s = send(openIncident({ at: at(0), impact: 1, urgency: 1 }), { type: 'UPDATE', at: at(1), comment: 'called back' });
    expect(s.context.history.at(-1)!.set).toEqual({ comment: 'called back' });
    expect(s.context.priority).toBe(1);
  });
});
