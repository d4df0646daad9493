export * from './accounts.js';
export * from './approvals.js';
export * from './catalog.js';
export * from './classification.js';
export * from './credentials.js';
export * from './decision.js';
export * from './permissions.js';
export * from './media.js';
