// All domain commands, the role allowed to issue each, and the stream each one is decided on.
import type { CommitmentCommand } from './commitment/commands';
import type { MemberCommand } from './member/commands';
import type { PlanCommand } from './plan/commands';
import type { Role } from './shared/context';

export type DomainCommand = MemberCommand | PlanCommand | CommitmentCommand;
export type CommandType = DomainCommand['type'];
export type CommandOfType<T extends CommandType> = Extract<DomainCommand, { type: T }>;

/** The one role that may issue each command (the deciders enforce it; the API may check it early from here). */
export const COMMAND_ROLES: Readonly<Record<CommandType, Extract<Role, 'admin' | 'reviewer'>>> = {
  RegisterMember: 'admin',
  RecordForumMeeting: 'admin',
  UpdatePublicInformation: 'admin',
  ChangeMemberTimeZone: 'admin',
  WithdrawForumMeeting: 'admin',
  DraftActionPlan: 'admin',
  EndorseActionPlan: 'admin',
  CorrectEndorsement: 'admin',
  SubmitActionPlan: 'admin',
  RecordInceptionAssessment: 'reviewer',
  StartImplementation: 'admin',
  EndActionPlan: 'admin',
  AbandonActionPlan: 'admin',
  AddCommitment: 'admin',
  ReviseCommitment: 'admin',
  WithdrawCommitment: 'admin',
  AddMilestone: 'admin',
  RescheduleMilestone: 'admin',
  WithdrawMilestone: 'admin',
  ReportProgress: 'admin',
  VerifyClaim: 'reviewer',
  DisputeClaim: 'reviewer',
  RequestEvidence: 'reviewer',
  AssessDesign: 'reviewer',
  AssessEndOfCommitment: 'reviewer',
};

export const COMMAND_TYPES = Object.keys(COMMAND_ROLES) as CommandType[];

export type AggregateKind = 'member' | 'plan' | 'commitment';

const AGGREGATE_OF: Readonly<Record<CommandType, AggregateKind>> = {
  RegisterMember: 'member',
  RecordForumMeeting: 'member',
  UpdatePublicInformation: 'member',
  ChangeMemberTimeZone: 'member',
  WithdrawForumMeeting: 'member',
  DraftActionPlan: 'plan',
  EndorseActionPlan: 'plan',
  CorrectEndorsement: 'plan',
  SubmitActionPlan: 'plan',
  RecordInceptionAssessment: 'plan',
  StartImplementation: 'plan',
  EndActionPlan: 'plan',
  AbandonActionPlan: 'plan',
  AddCommitment: 'commitment',
  ReviseCommitment: 'commitment',
  WithdrawCommitment: 'commitment',
  AddMilestone: 'commitment',
  RescheduleMilestone: 'commitment',
  WithdrawMilestone: 'commitment',
  ReportProgress: 'commitment',
  VerifyClaim: 'commitment',
  DisputeClaim: 'commitment',
  RequestEvidence: 'commitment',
  AssessDesign: 'commitment',
  AssessEndOfCommitment: 'commitment',
};

export function aggregateOf(command: DomainCommand): AggregateKind {
  return AGGREGATE_OF[command.type];
}

/** The kind of stream a command type is decided on. */
export function aggregateOfType(type: CommandType): AggregateKind {
  return AGGREGATE_OF[type];
}

export function isMemberCommand(command: DomainCommand): command is MemberCommand {
  return AGGREGATE_OF[command.type] === 'member';
}
export function isPlanCommand(command: DomainCommand): command is PlanCommand {
  return AGGREGATE_OF[command.type] === 'plan';
}
export function isCommitmentCommand(command: DomainCommand): command is CommitmentCommand {
  return AGGREGATE_OF[command.type] === 'commitment';
}

/** The stream a command is decided on: member-<memberId>, plan-<planId> or commitment-<commitmentId>. */
export function streamOf(command: DomainCommand): string {
  if (isMemberCommand(command)) return `member-${command.data.memberId}`;
  if (isPlanCommand(command)) return `plan-${command.data.planId}`;
  return `commitment-${(command as CommitmentCommand).data.commitmentId}`;
}

/** The reason a command carries, if any (the application copies it into the stored event's metadata). */
export function reasonOf(command: DomainCommand): string | null {
  const data = command.data as { reason?: unknown };
  return typeof data.reason === 'string' && data.reason.trim() !== '' ? data.reason : null;
}
