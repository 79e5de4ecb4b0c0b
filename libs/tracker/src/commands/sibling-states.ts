// The entities some rules compare a command with, beyond the streams it decides on: a member's other plans (one
// plan at a time), a plan's other commitments (one commitment per OGP id). No stream holds them, so they are read
// from the read models: a check made on them is as fresh as the store was when the command arrived. The command
// handler checks such commands one after another (per member's plans, per plan's commitments) until each one's
// events are stored; two processes writing one store check apart, and two commands sent to both at once can pass.
import type { ActionPlan, Commitment } from '@ogp/domain';

export const SIBLING_STATES = Symbol('SIBLING_STATES');

export interface SiblingStates {
  /** Every plan of the member, as of the store's head when asked. */
  plansOf(memberId: string): Promise<readonly ActionPlan[]>;
  /** Every commitment of the plan (without their claims), as of the store's head when asked. */
  commitmentsOf(planId: string): Promise<readonly Commitment[]>;
}
