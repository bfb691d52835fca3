export { renderSlaTimelineSvg } from './sla-timeline.js';
export type { SlaTimelineOptions } from './sla-timeline.js';
export { renderControlChartSvg } from './control-chart-svg.js';
export type { ControlChartSvgOptions } from './control-chart-svg.js';
export { serviceReport } from './report.js';
export type {
  ServiceReportInput, ServiceReportOptions, ServiceReport, ReportIncident, ReportSlaEntry, ReportChange, ReportSurvey,
  ComplianceFigure, ReportBucket, ReportSeries, ReportTrendFlag,
} from './types.js';
export type { ReportInterval } from './period.js';
export { renderReportMarkdown } from './markdown.js';
export { renderReportHtml } from './html.js';
export type { ReportHtmlOptions } from './html.js';
