// Events of a member's stream; `effectiveAt` is the business time each speaks about.
import type { IsoDate, IsoInstant } from '../shared/dates';
import type { MemberStatus } from '../shared/scales';

export interface MemberRegistered {
  readonly type: 'MemberRegistered';
  readonly data: {
    readonly memberId: string;
    readonly name: string;
    readonly country: string;
    readonly cohort: number;
    readonly partners: readonly string[];
    readonly status: MemberStatus;
    /** IANA time zone of the member's calendar days; absent in events written before it existed (UTC). */
    readonly timeZone?: string;
    readonly effectiveAt: IsoInstant;
  };
}

export interface ForumMeetingRecorded {
  readonly type: 'ForumMeetingRecorded';
  readonly data: {
    readonly memberId: string;
    readonly meetingId: string;
    readonly participants: { readonly government: readonly string[]; readonly civilSociety: readonly string[] };
    readonly minutesUrl: string | null;
    /** The meeting date. */
    readonly effectiveAt: IsoDate;
  };
}

export interface PublicInformationUpdated {
  readonly type: 'PublicInformationUpdated';
  readonly data: {
    readonly memberId: string;
    readonly url: string;
    readonly summary: string;
    /** The date the public information was updated. */
    readonly effectiveAt: IsoDate;
  };
}

/** From this event on, the member's days are days in `timeZone`; days before it stay as they were counted. */
export interface MemberTimeZoneChanged {
  readonly type: 'MemberTimeZoneChanged';
  readonly data: {
    readonly memberId: string;
    readonly previous: string;
    readonly timeZone: string;
    readonly reason: string;
    readonly effectiveAt: IsoInstant;
  };
}

/**
 * The meeting no longer counts for the forum obligation from this event on; `effectiveAt` is when it was recorded.
 * `heldOn` repeats the meeting's date, so that the audit trail says which meeting went without a join.
 */
export interface ForumMeetingWithdrawn {
  readonly type: 'ForumMeetingWithdrawn';
  readonly data: { readonly memberId: string; readonly meetingId: string; readonly heldOn: IsoDate; readonly reason: string; readonly effectiveAt: IsoInstant };
}

export type MemberEvent = MemberRegistered | ForumMeetingRecorded | PublicInformationUpdated | MemberTimeZoneChanged | ForumMeetingWithdrawn;
