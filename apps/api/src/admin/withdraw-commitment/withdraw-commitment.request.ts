// Body of the WithdrawCommitment route: why (recorded in the event's metadata).
import { ReasonRequest } from '../shared.request';

export class WithdrawCommitmentRequest extends ReasonRequest {}
