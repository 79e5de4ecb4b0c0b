// The member decider: registers a member and records its forum meetings (and withdraws mistaken ones) and
// public-information updates.
import type { Decider, DecisionContext } from '../shared/context';
import { fail } from '../shared/errors';
import { ignoreEvent, unknownCommand } from '../shared/exhaustive';
import { DEFAULT_TIME_ZONE } from '../shared/dates';
import { isHttpUrl, requirePastDate, requireId, requireReason, requireRole, requireText, requireTextList, requireTimeZone, todayOf } from '../shared/validate';
import type { MemberCommand } from './commands';
import type { MemberEvent } from './events';
import type { ForumMeeting, Member, MemberState } from './state';

/** OGP Local's first cohort. */
const FIRST_COHORT = 2016;

/**
 * A cohort is announced before its members start, but not years ahead: a year after today's at most, so that a
 * slip (2031 for 2021) is refused rather than kept for good.
 */
function requireCohort(cohort: unknown, context: MemberDecisionContext): number {
  const latest = Number(todayOf(context).date.slice(0, 4)) + 1;
  if (typeof cohort === 'number' && Number.isInteger(cohort) && cohort >= FIRST_COHORT && cohort <= latest) return cohort;
  return fail('value.invalid', `cohort must be a year from ${FIRST_COHORT} to ${latest}: ${String(cohort)}`, { field: 'cohort' });
}

const sortedNames = (names: readonly string[]): string => JSON.stringify(names.map((n) => n.trim()).sort());

/**
 * The recorded meeting a new one repeats (a resent form, a double click): the same day and the same minutes or,
 * when neither has minutes, the same day and the same participants. Two meetings on one day with different
 * minutes or people are two meetings.
 */
function earlierRecordOf(meetings: readonly ForumMeeting[], meeting: Omit<ForumMeeting, 'meetingId'>): ForumMeeting | undefined {
  return meetings.find((m) => {
    // A withdrawn record is out of the way: the meeting it got wrong can be recorded anew.
    if (m.withdrawn !== undefined || m.heldOn !== meeting.heldOn) return false;
    if (m.minutesUrl !== null || meeting.minutesUrl !== null) return m.minutesUrl === meeting.minutesUrl;
    return sortedNames(m.participants.government) === sortedNames(meeting.participants.government) && sortedNames(m.participants.civilSociety) === sortedNames(meeting.participants.civilSociety);
  });
}

/** Member commands need nothing beyond time, actor and the member's time zone (decideWith takes it from the state). */
export type MemberDecisionContext = DecisionContext;

function requireMember(state: MemberState, memberId: string): Member {
  if (state === null || state.memberId !== memberId) return fail('member.not-found', `Member ${memberId} is not registered`, { memberId });
  return state;
}

export function decideMember(command: MemberCommand, state: MemberState, context: MemberDecisionContext): MemberEvent[] {
  requireRole(context.actor, 'admin', command.type);
  switch (command.type) {
    case 'RegisterMember': {
      const d = command.data;
      requireId('member', d.memberId, 'memberId');
      if (state !== null) fail('member.already-registered', `Member ${d.memberId} is already registered`, { memberId: d.memberId });
      requireText(d.name, 'name');
      if (typeof d.country !== 'string' || !/^[A-Z]{2}$/.test(d.country)) fail('value.invalid', 'country must be an ISO 3166-1 alpha-2 code', { field: 'country' });
      requireCohort(d.cohort, context);
      const partners = requireTextList(d.partners, 'partners');
      const timeZone = d.timeZone === undefined ? DEFAULT_TIME_ZONE : requireTimeZone(d.timeZone, 'timeZone');
      return [{ type: 'MemberRegistered', data: { memberId: d.memberId, name: d.name, country: d.country, cohort: d.cohort, partners, status: 'Active', timeZone, effectiveAt: context.now } }];
    }
    case 'RecordForumMeeting': {
      const d = command.data;
      const member = requireMember(state, d.memberId);
      requireId('meeting', d.meetingId, 'meetingId');
      const heldOn = requirePastDate(d.heldOn, 'heldOn', context);
      const government = requireTextList(d.participants?.government, 'participants.government');
      const civilSociety = requireTextList(d.participants?.civilSociety, 'participants.civilSociety');
      if (government.length === 0 || civilSociety.length === 0) fail('forum.participants-required', 'A multi-stakeholder forum meeting needs at least one government and one civil society participant');
      if (d.minutesUrl !== null && !isHttpUrl(d.minutesUrl)) fail('evidence.invalid', 'minutesUrl must be an http(s) url or null', { field: 'minutesUrl' });
      if (member.forumMeetings.some((m) => m.meetingId === d.meetingId)) fail('forum.meeting-already-recorded', `Forum meeting ${d.meetingId} is already recorded`);
      const earlier = earlierRecordOf(member.forumMeetings, { heldOn, minutesUrl: d.minutesUrl, participants: { government, civilSociety } });
      if (earlier !== undefined) {
        const same = earlier.minutesUrl === null ? 'the same participants' : `the same minutes (${earlier.minutesUrl})`;
        fail('forum.meeting-already-recorded', `The forum meeting of ${heldOn} with ${same} is already recorded as meeting ${earlier.meetingId}`, { meetingId: earlier.meetingId });
      }
      return [{ type: 'ForumMeetingRecorded', data: { memberId: d.memberId, meetingId: d.meetingId, participants: { government, civilSociety }, minutesUrl: d.minutesUrl, effectiveAt: heldOn } }];
    }
    case 'WithdrawForumMeeting': {
      const d = command.data;
      const member = requireMember(state, d.memberId);
      const meeting = member.forumMeetings.find((m) => m.meetingId === d.meetingId);
      if (meeting === undefined) return fail('forum.meeting-not-found', `Member ${d.memberId} has no forum meeting ${d.meetingId}`, { meetingId: d.meetingId });
      if (meeting.withdrawn !== undefined) fail('forum.meeting-withdrawn', `Forum meeting ${d.meetingId} of ${meeting.heldOn} was withdrawn at ${meeting.withdrawn.at} (${meeting.withdrawn.reason})`, { meetingId: d.meetingId });
      const reason = requireReason(d.reason, 'Withdrawing a forum meeting');
      return [{ type: 'ForumMeetingWithdrawn', data: { memberId: d.memberId, meetingId: d.meetingId, heldOn: meeting.heldOn, reason, effectiveAt: context.now } }];
    }
    case 'UpdatePublicInformation': {
      const d = command.data;
      const member = requireMember(state, d.memberId);
      if (!isHttpUrl(d.url)) fail('evidence.invalid', 'url must be an http(s) url', { field: 'url' });
      const updatedOn = requirePastDate(d.updatedOn, 'updatedOn', context);
      requireText(d.summary, 'summary');
      if (member.publicInformationUpdates.some((u) => u.url === d.url && u.updatedOn === updatedOn)) {
        fail('public-information.already-recorded', `The update of ${d.url} on ${updatedOn} is already recorded`, { url: d.url, updatedOn });
      }
      return [{ type: 'PublicInformationUpdated', data: { memberId: d.memberId, url: d.url, summary: d.summary, effectiveAt: updatedOn } }];
    }
    case 'ChangeMemberTimeZone': {
      const d = command.data;
      const member = requireMember(state, d.memberId);
      const timeZone = requireTimeZone(d.timeZone, 'timeZone');
      const reason = requireReason(d.reason, 'Changing a member\'s time zone');
      if (timeZone === member.timeZone) fail('member.time-zone-unchanged', `Member ${d.memberId} already keeps ${timeZone} time`, { field: 'timeZone' });
      return [{ type: 'MemberTimeZoneChanged', data: { memberId: d.memberId, previous: member.timeZone, timeZone, reason, effectiveAt: context.now } }];
    }
    default:
      return unknownCommand(command);
  }
}

export function evolveMember(state: MemberState, event: MemberEvent): MemberState {
  switch (event.type) {
    case 'MemberRegistered': {
      // Misplaced on a registered member (the decider never writes it twice), it changes nothing.
      if (state !== null) return state;
      const d = event.data;
      return { memberId: d.memberId, name: d.name, country: d.country, cohort: d.cohort, partners: d.partners, status: d.status, registeredAt: d.effectiveAt, timeZone: d.timeZone ?? DEFAULT_TIME_ZONE, forumMeetings: [], publicInformationUpdatedOn: null, publicInformationUpdates: [] };
    }
    case 'ForumMeetingRecorded': {
      if (state === null) return state;
      const { meetingId, minutesUrl, participants, effectiveAt } = event.data;
      return { ...state, forumMeetings: [...state.forumMeetings, { meetingId, heldOn: effectiveAt, minutesUrl, participants }] };
    }
    case 'ForumMeetingWithdrawn': {
      if (state === null) return state;
      const { meetingId, reason, effectiveAt } = event.data;
      return { ...state, forumMeetings: state.forumMeetings.map((m) => (m.meetingId === meetingId ? { ...m, withdrawn: { at: effectiveAt, reason } } : m)) };
    }
    case 'MemberTimeZoneChanged':
      return state === null ? state : { ...state, timeZone: event.data.timeZone };
    case 'PublicInformationUpdated': {
      if (state === null) return state;
      const latest = state.publicInformationUpdatedOn;
      const updates = [...state.publicInformationUpdates, { url: event.data.url, updatedOn: event.data.effectiveAt }];
      return { ...state, publicInformationUpdatedOn: latest !== null && latest > event.data.effectiveAt ? latest : event.data.effectiveAt, publicInformationUpdates: updates };
    }
    default:
      return ignoreEvent(event, state);
  }
}

export const memberDecider: Decider<MemberState, MemberCommand, MemberEvent, MemberDecisionContext> = {
  initialState: () => null,
  decide: decideMember,
  evolve: evolveMember,
};
