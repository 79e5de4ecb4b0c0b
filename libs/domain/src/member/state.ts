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
  /** Date, minutes and participants: enough to tell the same meeting sent twice from another one. */
  readonly forumMeetings: readonly ForumMeeting[];
  readonly publicInformationUpdatedOn: IsoDate | null;
  /** Every update recorded, so that the same update sent twice is recognised. */
  readonly publicInformationUpdates: readonly { readonly url: string; readonly updatedOn: IsoDate }[];
}

export interface ForumMeeting {
  readonly meetingId: string;
  readonly heldOn: IsoDate;
  readonly minutesUrl: string | null;
  readonly participants: { readonly government: readonly string[]; readonly civilSociety: readonly string[] };
  /** When and why it was withdrawn; absent while it counts (and in states stored before withdrawals existed). */
  readonly withdrawn?: { readonly at: IsoInstant; readonly reason: string };
}

export type MemberState = Member | null;
