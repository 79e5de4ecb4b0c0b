// Commands to a member's stream (member-<memberId>): registration, forum meetings, public OGP information.
import type { IsoDate } from '../shared/dates';

export interface RegisterMember {
  readonly type: 'RegisterMember';
  readonly data: {
    readonly memberId: string;
    readonly name: string;
    /** ISO 3166-1 alpha-2 country code, e.g. `ID`. */
    readonly country: string;
    /** The OGP Local cohort year, e.g. 2020. */
    readonly cohort: number;
    /** Civil society partners named on OGP's member page. */
    readonly partners: readonly string[];
    /** IANA time zone whose days the member's dates speak of (e.g. `Asia/Jakarta`); UTC when left out. */
    readonly timeZone?: string;
  };
}

export interface RecordForumMeeting {
  readonly type: 'RecordForumMeeting';
  readonly data: {
    readonly memberId: string;
    readonly meetingId: string;
    readonly heldOn: IsoDate;
    readonly participants: { readonly government: readonly string[]; readonly civilSociety: readonly string[] };
    readonly minutesUrl: string | null;
  };
}

/** The member's public OGP page or website was updated (OGP Local asks for this at least every 4 months). */
export interface UpdatePublicInformation {
  readonly type: 'UpdatePublicInformation';
  readonly data: {
    readonly memberId: string;
    readonly url: string;
    readonly updatedOn: IsoDate;
    readonly summary: string;
  };
}

/** The member's days are from now on days in another time zone (a registration without one was taken as UTC). */
export interface ChangeMemberTimeZone {
  readonly type: 'ChangeMemberTimeZone';
  readonly data: {
    readonly memberId: string;
    /** IANA time zone, e.g. `Asia/Jakarta`. */
    readonly timeZone: string;
    readonly reason: string;
  };
}

/**
 * A forum meeting recorded by mistake (it did not take place, or was recorded with the wrong date or people) no
 * longer counts: it stays in history with the reason, and a corrected meeting is recorded anew.
 */
export interface WithdrawForumMeeting {
  readonly type: 'WithdrawForumMeeting';
  readonly data: { readonly memberId: string; readonly meetingId: string; readonly reason: string };
}

export type MemberCommand = RegisterMember | RecordForumMeeting | UpdatePublicInformation | ChangeMemberTimeZone | WithdrawForumMeeting;
