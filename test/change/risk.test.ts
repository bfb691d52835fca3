import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { ItsmError } from 'itsm-kit/core';
import { assessChangeRisk, createRiskModel, riskModelJsonSchema, safeCreateRiskModel, type RiskModel } from 'itsm-kit/change';

const spec = {
  id: 'cab',
  conditions: [
    { id: 'prod-db', description: 'production database', when: { all: [{ field: 'category', eq: 'database' }, { field: 'environment', eq: 'production' }] }, risk: 'high', impact: 'high' },
    { id: 'any-db', when: { field: 'category', eq: 'database' }, risk: 'moderate' },
    { id: 'tier', when: { field: 'service.tier', lte: 1 }, risk: 'very_high' },
  ],
  questionnaire: {
    questions: [
      { id: 'backout', weight: 2, options: [{ value: 'tested', score: 0 }, { value: 'untested', score: 3 }, { value: 'none', score: 5 }] },
      { id: 'outage', options: [{ value: false, score: 0 }, { value: true, score: 4 }] },
      { id: 'users', weight: 0.5, options: [{ value: 10, score: 1 }, { value: 1000, score: 6 }] },
    ],
    thresholds: [{ min: 4, level: 'moderate' }, { min: 8, level: 'high' }, { min: 12, level: 'very_high' }],
  },
  matrix: {
    impacts: ['high', 'medium', 'low'], probabilities: ['likely', 'possible', 'rare'],
    cells: [['very_high', 'high', 'moderate'], ['high', 'moderate', 'low'], ['moderate', 'low', 'low']],
  },
  defaultRisk: 'low',
} as const;
const model: RiskModel = createRiskModel(spec);

describe('risk conditions', () => {
  it('lets the first matching condition set risk and impact, ServiceNow style', () => {
    const r = assessChangeRisk({ category: 'database', environment: 'production' }, model);
    expect(r.condition).toEqual({ id: 'prod-db', description: 'production database', level: 'high', impact: 'high' });
    expect(r.impact).toBe('high');
    expect(r.decidedBy).toBe('condition');
    expect(r.level).toBe('high');
  });

  it('stops at the first match even when a later condition would give a higher level', () => {
    const r = assessChangeRisk({ category: 'database', service: { tier: 1 } }, model);
    expect(r.condition?.id).toBe('any-db');
    expect(r.level).toBe('moderate');
  });

  it('describes a condition without a description by its text and reads dotted fields', () => {
    const r = assessChangeRisk({ service: { tier: 1 } }, model);
    expect(r.condition).toEqual({ id: 'tier', description: 'service.tier ≤ 1', level: 'very_high', impact: null });
    expect(r.reason).toBe('risk condition "tier" (service.tier ≤ 1) sets very_high');
  });
});

describe('risk questionnaire', () => {
  it('weights each answer and maps the score to the highest threshold reached', () => {
    const r = assessChangeRisk({ answers: { backout: 'untested', outage: true, users: 10 } }, model);
    expect(r.questionnaire).toEqual({
      score: 10.5, level: 'high', threshold: 8, unanswered: [],
      answers: [
        { question: 'backout', answer: 'untested', score: 3, weight: 2, weighted: 6 },
        { question: 'outage', answer: true, score: 4, weight: 1, weighted: 4 },
        { question: 'users', answer: 10, score: 1, weight: 0.5, weighted: 0.5 },
      ],
    });
    expect(r.decidedBy).toBe('questionnaire');
    expect(r.reason).toBe('questionnaire score 10.5 (backout = untested: 6, outage = true: 4, users = 10: 0.5) reaches 8, so high');
  });

  it('reaches a threshold exactly at its minimum and lists unanswered questions', () => {
    const r = assessChangeRisk({ answers: { outage: true } }, model);
    expect(r.questionnaire).toMatchObject({ score: 4, level: 'moderate', threshold: 4, unanswered: ['backout', 'users'] });
  });

  it('gives low below every threshold', () => {
    expect(assessChangeRisk({ answers: { backout: 'tested' } }, model).questionnaire).toMatchObject({ score: 0, level: 'low', threshold: null });
  });

  it('refuses an answer that is not an option, naming the options', () => {
    expect(() => assessChangeRisk({ answers: { backout: 'maybe' } }, model)).toThrow(/answers\.backout: "maybe" is not an option of question "backout"; use one of tested, untested, none/);
  });
});

describe('risk matrix', () => {
  it('reads impact and probability from the change', () => {
    const r = assessChangeRisk({ impact: 'medium', probability: 'likely' }, model);
    expect(r.matrix).toEqual({ impact: 'medium', probability: 'likely', level: 'high' });
    expect(r.decidedBy).toBe('matrix');
    expect(r.reason).toBe('impact medium × probability likely is high in the matrix');
  });

  it('uses the impact set by the matching condition rather than the change field', () => {
    const r = assessChangeRisk({ category: 'database', environment: 'production', impact: 'low', probability: 'likely' }, model);
    expect(r.matrix).toEqual({ impact: 'high', probability: 'likely', level: 'very_high' });
    expect(r.level).toBe('very_high');
    expect(r.decidedBy).toBe('matrix');
  });

  it('does not apply when impact or probability is unknown, and says so', () => {
    const r = assessChangeRisk({ impact: 'medium' }, model);
    expect(r.matrix).toBeNull();
    expect(r.decidedBy).toBe('questionnaire'); // an empty questionnaire still gives low
    const bare = createRiskModel({ id: 'm', matrix: spec.matrix, defaultRisk: 'moderate' });
    expect(assessChangeRisk({ impact: 'huge', probability: 'likely' }, bare).reason).toBe('no risk condition holds and the matrix does not apply (impact "huge" not in the matrix); the model\'s default risk is moderate');
  });
});

describe('combining the parts', () => {
  it('takes the highest level; on a tie the condition names the decision', () => {
    const r = assessChangeRisk({ category: 'database', environment: 'production', answers: { backout: 'untested', outage: true }, probability: 'possible' }, model);
    // condition: high; questionnaire 10: high; matrix high × possible: high
    expect([r.condition?.level, r.questionnaire?.level, r.matrix?.level]).toEqual(['high', 'high', 'high']);
    expect(r.decidedBy).toBe('condition');
  });

  it('falls back to the default risk when the model gives nothing', () => {
    const r = assessChangeRisk({}, createRiskModel({ id: 'empty', defaultRisk: 'moderate' }));
    expect(r).toMatchObject({ level: 'moderate', decidedBy: 'default', condition: null, questionnaire: null, matrix: null, impact: null });
  });

  it('accepts a plain model object and validates it', () => {
    expect(assessChangeRisk({ category: 'database' }, spec as unknown as RiskModel).level).toBe('moderate');
    expect(() => assessChangeRisk({}, { id: '' } as RiskModel)).toThrow(ItsmError);
  });
});

describe('risk model validation', () => {
  it('lists every issue with its path', () => {
    const r = safeCreateRiskModel({
      id: 'bad',
      conditions: [{ id: 'a', when: { field: 'x', like: 1 }, risk: 'huge' }, { id: 'a', when: true, risk: 'low' }],
      questionnaire: { questions: [{ id: 'q', options: [{ value: 1, score: 1 }, { value: 1, score: 2 }] }], thresholds: [] },
      matrix: { impacts: ['h', 'l'], probabilities: ['p'], cells: [['high']] },
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.code).toBe('invalid_definition');
    expect(r.error.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'conditions.0.risk', 'conditions.0.when', 'conditions.1.id', 'matrix.cells', 'questionnaire.questions.0.options.1.value', 'questionnaire.thresholds',
    ].sort());
  });

  it('returns a deep-frozen copy', () => {
    const input = structuredClone(spec) as unknown as Record<string, unknown>;
    const m = createRiskModel(input);
    expect(Object.isFrozen(m.conditions![0]!.when)).toBe(true);
    (input['conditions'] as unknown[]).length = 0;
    expect(m.conditions).toHaveLength(3);
  });

  it('exports a JSON Schema that accepts the model and rejects a bad condition', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(riskModelJsonSchema());
    expect(validate(spec)).toBe(true);
    expect(validate({ ...spec, conditions: [{ id: 'x', when: { field: 'a', like: 1 }, risk: 'low' }] })).toBe(false);
  });
});
