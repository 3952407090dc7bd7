/** The one store: every query of the counting room, returning domain types. */
export * from './congress.js';
export * from './session.js';
export * from './elections.js';
export * from './candidates.js';
export * from './ballots.js';
export * from './records.js';
export * from './display.js';
export * from './tally-memo.js';
export { appendAudit, listAudit, auditHead, verifyAuditChain, type AuditEntry, type ChainCheck } from '../audit.js';
export * from './certification.js';
export * from './pile-status.js';
export * from './piles.js';
export * from './second-count.js';
export * from './entry-check.js';
export * from './bodies.js';
export * from './body-members.js';
