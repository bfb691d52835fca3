export { renderSlaTimelineSvg } from './sla-timeline.js';
export type { SlaTimelineOptions } from './sla-timeline.js';
export { renderControlChartSvg } from './control-chart-svg.js';
export type { ControlChartSvgOptions } from './control-chart-svg.js';
