export { CatalogSchema } from './schema.js';
export type { Catalog, CatalogService, CatalogOffering, CatalogAgreement, AgreementTarget, CatalogItem, CatalogItemTask } from './schema.js';
export { createCatalog, safeCreateCatalog } from './catalog.js';
export { catalogJsonSchema } from './json-schema.js';
export { validateCatalog } from './validate.js';
export type { CatalogFinding, CatalogFindingCode } from './validate.js';
export { slaDefinitionsFor } from './resolve.js';
export type { CatalogTicket, AppliedSla } from './resolve.js';
export { serviceImpact } from './impact.js';
export type { ImpactedService } from './impact.js';
export { RiskRegisterSchema, createRiskRegister, safeCreateRiskRegister, riskRegisterJsonSchema } from './risk.js';
export type { RiskRegister, RiskRegisterEntry, RiskControl } from './risk.js';
export { scoreRiskEntry, riskHeatMap, overdueRiskReviews, risksForChange } from './risk-scoring.js';
export type { RiskEntryRating, RiskEntryLevel, RiskEntryScore, RiskHeatMapOptions, RiskHeatMap, OverdueRiskReview, RiskChangeScope, RisksForChangeOptions, TouchedRisk } from './risk-scoring.js';
export {
  openServiceRequest, safeOpenServiceRequest, advanceServiceRequest, restoreServiceRequest, safeRestoreServiceRequest,
  explainServiceRequestRefusal, replayServiceRequestHistory, serviceRequestApproval, evaluateRequestFulfilmentSla,
  serviceRequestInput, serviceRequestMachine,
} from './request.js';
export type { ServiceRequestMachine, ServiceRequestSnapshot, ServiceRequestSnapshotLike, ServiceRequestStep, ServiceRequestInputOptions } from './request.js';
export { serviceRequestTransitions } from './request-rules.js';
export type { ServiceRequestRule } from './request-rules.js';
export type {
  ServiceRequestState, ServiceRequestInput, StoredRequestVote, ServiceRequestTask, ServiceRequestContext, ServiceRequestEvent, ServiceRequestEventType,
} from './request-types.js';
