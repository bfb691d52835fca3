import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { definitionKinds, schemaText } from '../../src/cli/kinds.js';

const dir = new URL('../../schemas/', import.meta.url);

describe('the shipped JSON Schemas (schemas/*.json)', () => {
  it('are exactly what `npm run schemas` generates from the zod schemas, one file per kind', () => {
    expect(readdirSync(dir).sort()).toEqual(definitionKinds().map((k) => `${k.name}.json`).sort());
    for (const kind of definitionKinds()) {
      expect(readFileSync(new URL(`${kind.name}.json`, dir), 'utf8'), `schemas/${kind.name}.json is stale: run npm run schemas`).toBe(schemaText(kind));
    }
  });

  it('compile with a JSON Schema 2020-12 validator and agree with the library on valid and invalid examples', () => {
    const ajv = new Ajv2020({ strict: false });
    const examples: Record<string, [unknown, unknown]> = {
      calendar: [{ timeZone: 'UTC', weekly: { mon: ['09:00-17:00'] } }, { timeZone: 'UTC', weekly: { mon: ['9-5'] } }],
      calendars: [{ a: { timeZone: 'UTC', weekly: {} } }, { a: { weekly: {} } }],
      sla: [{ id: 'r', target: 'PT1H', calendar: '24x7', start: true, stop: true }, { id: 'r', target: 'PT1H', calendar: '24x7', start: true }],
      'priority-matrix': [{ priorities: [[1, 2], [2, 3]] }, { priorities: 'high' }],
      'escalation-policy': [{ levels: [{ after: 'PT15M', kind: 'functional', targets: ['l2'] }] }, { levels: [{ kind: 'sideways' }] }],
      'known-error': [{ symptom: 'VPN drops', workaround: 'Reconnect' }, { symptom: 'VPN drops' }],
      'risk-model': [{ id: 'cab', defaultRisk: 'moderate' }, { id: 'cab', defaultRisk: 'scary' }],
      'approval-policy': [{ id: 'cab', groups: [{ id: 'cab', members: ['ann', 'bob'], rule: 'all' }] }, { id: 'cab', groups: [] }],
      catalog: [{ services: [{ id: 'email', name: 'Email', lifecycle: 'live', criticality: 'high' }] }, { services: [{ id: 'email' }] }],
      'risk-register': [
        { risks: [{ id: 'R1', title: 'Data centre flood', owner: 'ops', likelihood: 2, impact: 4, treatment: 'mitigate', status: 'open', reviewBy: '2026-06-30T00:00:00Z' }] },
        { risks: [{ id: 'R1', title: 'Data centre flood', owner: 'ops', likelihood: 2, impact: 4, treatment: 'pray', status: 'open', reviewBy: '2026-06-30T00:00:00Z' }] },
      ],
      openslo: [
        { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'api' }, spec: { service: 'api', indicatorRef: 'errors', budgetingMethod: 'Occurrences', timeWindow: [{ duration: '30d', isRolling: true }], objectives: [{ target: 0.999 }] } },
        { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'api' } },
      ],
      'csi-entry': [
        { id: 'CSI-7', title: 'Cut P2 MTTR', baseline: 30, target: 12, owner: 'desk-lead', status: 'approved', due: '2026-06-30' },
        { id: 'CSI-7', title: 'Cut P2 MTTR', baseline: 30, target: 12, owner: 'desk-lead', status: 'dreaming', due: '2026-06-30' },
      ],
    };
    for (const kind of definitionKinds()) {
      const validate = ajv.compile(JSON.parse(readFileSync(new URL(`${kind.name}.json`, dir), 'utf8')));
      const [good, bad] = examples[kind.name]!;
      expect(validate(good), `${kind.name}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(kind.validate(good).success).toBe(true);
      expect(validate(bad), kind.name).toBe(false);
      expect(kind.validate(bad).success).toBe(false);
    }
  });
});
