// Public surface of the pure core.
export * from './config';
export * from './random';
export * from './hash';
export * from './analyzer';
export * from './caption-target';
export * from './bandit/posterior';
export * from './bandit/policies';
export * from './candidates';
export * from './la-time';
export * from './week-builder';
export * from './selector';
export * from './schedule';
export * from './validation';
export { planPage, type PlanInput, type PagePlan } from './plan';
export type { Clock, RandomSource, Sleeper, Logger } from './ports';
export { PageOverridesSchema, type PageOverrides } from './overrides';
