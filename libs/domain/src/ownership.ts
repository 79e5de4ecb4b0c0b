// Which member a command or state belongs to, so that the application can scope API keys to a member.
import type { CommitmentState } from './commitment/state';
import { isMemberCommand, type DomainCommand } from './domain-commands';
import type { MemberState } from './member/state';
import type { PlanState } from './plan/state';

/** The member id a command names itself (member commands, DraftActionPlan); null when it is read from the target's state. */
export function memberIdOfCommand(command: DomainCommand): string | null {
  if (isMemberCommand(command) || command.type === 'DraftActionPlan') return command.data.memberId;
  return null;
}

/** The member a state belongs to (every existing member, plan and commitment state carries it); null before creation. */
export function memberIdOfState(state: MemberState | PlanState | CommitmentState): string | null {
  return state?.memberId ?? null;
}
