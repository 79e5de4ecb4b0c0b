// Public index of @ogp/domain: the OGP Local model as pure deciders, obligation rules, progress and demo data.
export * from './shared/context';
export * from './shared/dates';
export { DomainError, ERROR_CATALOGUE, ERROR_CODES, isDomainError, type ErrorCode, type ErrorKind } from './shared/errors';
export * from './shared/evidence';
export * from './shared/ids';
export * from './shared/scales';

export type * from './member/commands';
export type * from './member/events';
export type * from './member/state';
export { memberDecider, decideMember, evolveMember, type MemberDecisionContext } from './member/decider';

export type * from './plan/commands';
export type * from './plan/events';
export type * from './plan/state';
export { planDecider, decidePlan, evolvePlan, type PlanDecisionContext } from './plan/decider';

export type * from './commitment/commands';
export type * from './commitment/events';
export type * from './commitment/state';
export { TERM_FIELDS, type CommitmentTerms } from './commitment/terms';
export { commitmentDecider, decideCommitment, commitmentPeriod, type CommitmentDecisionContext } from './commitment/decider';
export { evolveCommitment, evolveCommitmentInPlace } from './commitment/evolve';

export * from './domain-commands';
export { COMMAND_ERRORS } from './command-errors';
export * from './domain-events';
export { memberIdOfCommand, memberIdOfState } from './ownership';
export { noticesOf } from './notices';

export { evaluate, evaluation, type Evaluation } from './obligations/evaluate';
export type { HistoryEvent } from './obligations/history';
export * from './obligations/rule-set';
export { verificationDueBy } from './obligations/verification-due';

export * from './progress/progress';

export * from './decide-with';
export * from './demo/demo-script';
export * from './demo/semarang';
