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

export type MemberEvent = MemberRegistered | ForumMeetingRecorded | PublicInformationUpdated;
