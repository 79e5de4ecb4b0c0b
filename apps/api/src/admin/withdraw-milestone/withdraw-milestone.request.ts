// Body of the WithdrawMilestone route: why (recorded in the event's metadata).
import { ReasonRequest } from '../shared.request';

export class WithdrawMilestoneRequest extends ReasonRequest {}
