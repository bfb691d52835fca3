// `npm run examples` runs this: builds the service dashboard of the real ServiceNow log (examples/dashboard/) and
// writes it as one self-contained HTML page, by default into the system's temp folder (DASHBOARD_OUT to choose).
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDashboard } from './dashboard/build.js';

const { html, report, timelines } = buildDashboard();
const dir = process.env['DASHBOARD_OUT'] ?? join(tmpdir(), 'itsm-kit-dashboard');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'index.html');
writeFileSync(file, html);
const sla = report.sla.overall;
console.log(`Dashboard written to ${file} (${Math.round(html.length / 1024)} KiB)`);
console.log(`${report.volumes.opened} incidents opened, ${report.volumes.resolved} resolved; SLA met ${sla.met} of ${sla.total} (${sla.percent?.toFixed(1)}%)`);
console.log(`${report.trends.length} trend flags, ${timelines.length} SLA timelines`);
for (const f of report.trends.slice(0, 3)) console.log(`  ${f.metric} ${f.direction} (${f.assessment}): ${f.evidence}`);
