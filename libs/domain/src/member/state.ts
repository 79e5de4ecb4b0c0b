// A member's state as its events build it (plain JSON; null until registered).
import type { IsoDate, IsoInstant } from '../shared/dates';
import type { MemberStatus } from '../shared/scales';

export interface Member {
  readonly memberId: string;
  readonly name: string;
  readonly country: string;
  readonly cohort: number;
  readonly partners: readonly string[];
  readonly status: MemberStatus;
  readonly registeredAt: IsoInstant;
  /** Its dates ("today", the day something was recorded) are days in this IANA time zone. */
  readonly timeZone: string;
  readonly forumMeetings: readonly { readonly meetingId: string; readonly heldOn: IsoDate }[];
  readonly publicInformationUpdatedOn: IsoDate | null;
}

export type MemberState = Member | null;
