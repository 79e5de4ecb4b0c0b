// Specification of the member decider: registration, forum meetings and public-information updates.
import { deciderSpec } from '../testing/given-when-then';
import { ADMIN, as, memberRegistered, memberState, REVIEWER } from '../testing/fixtures';
import type { MemberEvent } from './events';
import type { MemberCommand } from './commands';
import { memberDecider } from './decider';

const spec = deciderSpec(memberDecider);
const register: MemberCommand = { type: 'RegisterMember', data: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['PATTIRO Semarang'] } };
const meeting = (over: Partial<Extract<MemberCommand, { type: 'RecordForumMeeting' }>['data']> = {}): MemberCommand => ({
  type: 'RecordForumMeeting',
  data: { memberId: 'semarang', meetingId: 'forum-1', heldOn: '2021-04-20', participants: { government: ['Bappeda'], civilSociety: ['PATTIRO Semarang'] }, minutesUrl: 'https://example.org/minutes', ...over },
});
const update = (over: Partial<Extract<MemberCommand, { type: 'UpdatePublicInformation' }>['data']> = {}): MemberCommand => ({
  type: 'UpdatePublicInformation',
  data: { memberId: 'semarang', url: 'https://www.opengovpartnership.org/members/semarang-indonesia/', updatedOn: '2021-05-01', summary: 'Forum published', ...over },
});

describe('member', () => {
  describe('when not registered', () => {
    it('registers a member, Active, effective now', () => {
      spec.given([]).when(register, as(ADMIN, '2021-03-01T03:00:00Z')).then([memberRegistered]);
    });
    it('records the time zone its days are days of, by its canonical name', () => {
      const [event] = spec.given([]).when({ ...register, data: { ...register.data, timeZone: 'asia/jakarta' } }, as(ADMIN)).thenAccepted();
      expect(event).toMatchObject({ data: { timeZone: 'Asia/Jakarta' } });
      expect(memberDecider.evolve(null, event!)).toMatchObject({ timeZone: 'Asia/Jakarta' });
    });
    it('refuses a time zone the calendar does not know', () => {
      const error = spec.given([]).when({ ...register, data: { ...register.data, timeZone: 'Asia/Semarang' } }, as(ADMIN)).thenFails('value.invalid');
      expect(error.message).toBe('timeZone must be an IANA time zone, e.g. Asia/Jakarta: Asia/Semarang');
    });
    it('reads a registration written before time zones were recorded as UTC', () => {
      const { timeZone: _, ...older } = memberRegistered.data as { timeZone?: string };
      expect(memberDecider.evolve(null, { type: 'MemberRegistered', data: older } as MemberEvent)).toMatchObject({ timeZone: 'UTC' });
    });
    it('refuses an id that is not a lowercase slug', () => {
      spec.given([]).when({ ...register, data: { ...register.data, memberId: 'Semarang City' } }, as(ADMIN)).thenFails('id.invalid');
    });
    it('refuses a country that is not ISO 3166 alpha-2', () => {
      spec.given([]).when({ ...register, data: { ...register.data, country: 'IDN' } }, as(ADMIN)).thenFails('value.invalid');
    });
    it('refuses a cohort before OGP Local or more than a year after today’s (a slip: 2031 for 2021)', () => {
      const cohort = (year: number) => ({ ...register, data: { ...register.data, cohort: year } });
      // NOW is 2022-03-01: the 2023 cohort may be registered ahead, the 2024 one not yet.
      spec.given([]).when(cohort(2023), as(ADMIN)).thenAccepted();
      const error = spec.given([]).when(cohort(2024), as(ADMIN)).thenFails('value.invalid');
      expect(error.message).toBe('cohort must be a year from 2016 to 2023: 2024');
      spec.given([]).when(cohort(2015), as(ADMIN)).thenFails('value.invalid');
      spec.given([]).when(cohort(2020.5), as(ADMIN)).thenFails('value.invalid');
    });
    it('refuses a reviewer', () => {
      spec.given([]).when(register, as(REVIEWER)).thenFails('actor.forbidden-role');
    });
    it('refuses forum meetings and updates of an unknown member', () => {
      spec.given([]).when(meeting(), as(ADMIN)).thenFails('member.not-found');
      spec.given([]).when(update(), as(ADMIN)).thenFails('member.not-found');
    });
  });

  describe('when registered', () => {
    it('folds a misplaced second MemberRegistered as nothing', () => {
      const second = { ...memberRegistered, data: { ...memberRegistered.data, name: 'Another name' } } as MemberEvent;
      expect(memberDecider.evolve(memberState, second)).toBe(memberState);
    });
    it('refuses a second registration', () => {
      spec.given([memberRegistered]).when(register, as(ADMIN)).thenFails('member.already-registered');
    });
    it('records a forum meeting effective on the day it was held', () => {
      spec.given([memberRegistered]).when(meeting(), as(ADMIN)).then([
        { type: 'ForumMeetingRecorded', data: { memberId: 'semarang', meetingId: 'forum-1', participants: { government: ['Bappeda'], civilSociety: ['PATTIRO Semarang'] }, minutesUrl: 'https://example.org/minutes', effectiveAt: '2021-04-20' } },
      ]);
    });
    it('refuses a forum meeting without civil society', () => {
      spec.given([memberRegistered]).when(meeting({ participants: { government: ['Bappeda'], civilSociety: [] } }), as(ADMIN)).thenFails('forum.participants-required');
    });
    it('refuses a forum meeting without government', () => {
      spec.given([memberRegistered]).when(meeting({ participants: { government: [], civilSociety: ['TII'] } }), as(ADMIN)).thenFails('forum.participants-required');
    });
    it('refuses a date that does not exist, saying it is no day of the calendar (its form is right)', () => {
      const error = spec.given([memberRegistered]).when(meeting({ heldOn: '2021-02-29' }), as(ADMIN)).thenFails('date.invalid');
      expect(error.message).toBe('heldOn is not a day of the calendar: 2021-02-29');
    });
    it('refuses a meeting or an update dated after the day it is recorded (it has not happened yet)', () => {
      spec.given([memberRegistered]).when(meeting({ heldOn: '2022-03-02' }), as(ADMIN)).thenFails('date.in-future');
      spec.given([memberRegistered]).when(meeting({ heldOn: '2022-03-01' }), as(ADMIN)).thenAccepted();
    });
    it('takes "today" in the member’s time zone, and says which zone', () => {
      const jakarta = { ...memberRegistered, data: { ...memberRegistered.data, timeZone: 'Asia/Jakarta' } } as MemberEvent;
      // 06:00 on 5 January in Semarang is still 4 January in UTC.
      const early = { ...as(ADMIN, '2022-01-04T23:00:00Z'), timeZone: 'Asia/Jakarta' };
      spec.given([jakarta]).when(meeting({ heldOn: '2022-01-05' }), early).thenAccepted();
      const error = spec.given([memberRegistered]).when(meeting({ heldOn: '2022-01-05' }), as(ADMIN, '2022-01-04T23:00:00Z')).thenFails('date.in-future');
      expect(error.message).toBe('heldOn 2022-01-05 is after today (2022-01-04 in UTC): record it once it has happened');
    });
    it('changes its time zone with a reason, naming the zone it had', () => {
      const change = (timeZone: string, reason = 'Registered without one'): MemberCommand => ({ type: 'ChangeMemberTimeZone', data: { memberId: 'semarang', timeZone, reason } });
      const [event] = spec.given([memberRegistered]).when(change('asia/jakarta'), as(ADMIN)).thenAccepted();
      expect(event).toMatchObject({ type: 'MemberTimeZoneChanged', data: { previous: 'UTC', timeZone: 'Asia/Jakarta', reason: 'Registered without one' } });
      expect(memberDecider.evolve(memberState, event!)).toMatchObject({ timeZone: 'Asia/Jakarta' });
      spec.given([memberRegistered]).when(change('UTC'), as(ADMIN)).thenFails('member.time-zone-unchanged');
      spec.given([memberRegistered]).when(change('Asia/Jakarta', ''), as(ADMIN)).thenFails('reason.required');
      spec.given([memberRegistered]).when(change('Mars/Base'), as(ADMIN)).thenFails('value.invalid');
      spec.given([memberRegistered]).when(change('Asia/Jakarta'), as(REVIEWER)).thenFails('actor.forbidden-role');
      spec.given([]).when(change('Asia/Jakarta'), as(ADMIN)).thenFails('member.not-found');
    });
    it('withdraws a meeting recorded by mistake, with a reason, after which the meeting can be recorded anew', () => {
      const first = memberDecider.decide(meeting(), memberState, as(ADMIN));
      const withdraw = (meetingId = 'forum-1', reason = 'Held on the 21st, not the 20th'): MemberCommand => ({ type: 'WithdrawForumMeeting', data: { memberId: 'semarang', meetingId, reason } });
      const withdrawn = spec.given([memberRegistered, ...first]).when(withdraw(), as(ADMIN, '2021-05-02T03:00:00Z')).then([
        { type: 'ForumMeetingWithdrawn', data: { memberId: 'semarang', meetingId: 'forum-1', heldOn: '2021-04-20', reason: 'Held on the 21st, not the 20th', effectiveAt: '2021-05-02T03:00:00Z' } },
      ]);
      const after = [memberRegistered, ...first, ...withdrawn];
      expect(after.reduce(memberDecider.evolve, null)?.forumMeetings).toMatchObject([{ meetingId: 'forum-1', withdrawn: { at: '2021-05-02T03:00:00Z', reason: 'Held on the 21st, not the 20th' } }]);
      // The same day and minutes again, under a new id: no longer a repeat of a meeting that counts.
      spec.given(after).when(meeting({ meetingId: 'forum-2' }), as(ADMIN)).thenAccepted();
      // Its id stays taken, and it is withdrawn once.
      spec.given(after).when(meeting(), as(ADMIN)).thenFails('forum.meeting-already-recorded');
      spec.given(after).when(withdraw(), as(ADMIN)).thenFails('forum.meeting-withdrawn');
      spec.given([memberRegistered, ...first]).when(withdraw('forum-9'), as(ADMIN)).thenFails('forum.meeting-not-found');
      spec.given([memberRegistered, ...first]).when(withdraw('forum-1', ' '), as(ADMIN)).thenFails('reason.required');
      spec.given([memberRegistered, ...first]).when(withdraw(), as(REVIEWER)).thenFails('actor.forbidden-role');
    });
    it('refuses a meeting dated before OGP began (a slip such as 0001-01-01), and takes one in 2011', () => {
      const error = spec.given([memberRegistered]).when(meeting({ heldOn: '0001-01-01' }), as(ADMIN)).thenFails('date.before-ogp');
      expect(error.message).toBe('heldOn 0001-01-01 is before OGP began (2011): no OGP Local record is that old');
      spec.given([memberRegistered]).when(meeting({ heldOn: '2011-01-01' }), as(ADMIN)).thenAccepted();
    });
    it('refuses recording the same meeting twice', () => {
      const first = memberDecider.decide(meeting(), memberDecider.evolve(null, memberRegistered), as(ADMIN));
      spec.given([memberRegistered, ...first]).when(meeting(), as(ADMIN)).thenFails('forum.meeting-already-recorded');
    });
    it('refuses the same meeting sent again under a new id (same day, same minutes), naming the meeting recorded', () => {
      const first = memberDecider.decide(meeting(), memberState, as(ADMIN));
      const error = spec.given([memberRegistered, ...first]).when(meeting({ meetingId: 'forum-2', participants: { government: ['Bappeda', 'Diskominfo'], civilSociety: ['TII'] } }), as(ADMIN)).thenFails('forum.meeting-already-recorded');
      expect(error.message).toBe('The forum meeting of 2021-04-20 with the same minutes (https://example.org/minutes) is already recorded as meeting forum-1');
      expect(error.details).toEqual({ meetingId: 'forum-1' });
    });
    it('refuses a meeting without minutes that repeats the day and the participants of one recorded (in any order)', () => {
      const people = { government: ['Bappeda', 'Diskominfo'], civilSociety: ['PATTIRO Semarang'] };
      const first = memberDecider.decide(meeting({ minutesUrl: null, participants: people }), memberState, as(ADMIN));
      const again = meeting({ meetingId: 'forum-2', minutesUrl: null, participants: { government: ['Diskominfo', 'Bappeda'], civilSociety: ['PATTIRO Semarang'] } });
      const error = spec.given([memberRegistered, ...first]).when(again, as(ADMIN)).thenFails('forum.meeting-already-recorded');
      expect(error.message).toBe('The forum meeting of 2021-04-20 with the same participants is already recorded as meeting forum-1');
    });
    it('records another meeting on the same day when its minutes or its people differ, or on another day', () => {
      const first = memberDecider.decide(meeting(), memberState, as(ADMIN));
      const given = spec.given([memberRegistered, ...first]);
      given.when(meeting({ meetingId: 'forum-2', minutesUrl: 'https://example.org/minutes-2' }), as(ADMIN)).thenAccepted();
      given.when(meeting({ meetingId: 'forum-2', minutesUrl: null }), as(ADMIN)).thenAccepted();
      given.when(meeting({ meetingId: 'forum-2', heldOn: '2021-04-21' }), as(ADMIN)).thenAccepted();
      const bare = spec.given([memberRegistered, ...memberDecider.decide(meeting({ minutesUrl: null }), memberState, as(ADMIN))]);
      bare.when(meeting({ meetingId: 'forum-2', minutesUrl: null, participants: { government: ['Bappeda'], civilSociety: ['TII'] } }), as(ADMIN)).thenAccepted();
    });
    it('keeps each meeting’s day, minutes and participants in its state', () => {
      const [event] = memberDecider.decide(meeting(), memberState, as(ADMIN));
      expect(memberDecider.evolve(memberState, event!)).toMatchObject({
        forumMeetings: [{ meetingId: 'forum-1', heldOn: '2021-04-20', minutesUrl: 'https://example.org/minutes', participants: { government: ['Bappeda'], civilSociety: ['PATTIRO Semarang'] } }],
      });
    });
    it('records a public information update effective on its date', () => {
      spec.given([memberRegistered]).when(update(), as(ADMIN)).then([
        { type: 'PublicInformationUpdated', data: { memberId: 'semarang', url: 'https://www.opengovpartnership.org/members/semarang-indonesia/', summary: 'Forum published', effectiveAt: '2021-05-01' } },
      ]);
    });
    it('refuses the same update again (same url, same date), and records another date or url', () => {
      const first = memberDecider.decide(update(), memberState, as(ADMIN));
      const given = spec.given([memberRegistered, ...first]);
      const error = given.when(update({ summary: 'Sent twice' }), as(ADMIN)).thenFails('public-information.already-recorded');
      expect(error.message).toBe('The update of https://www.opengovpartnership.org/members/semarang-indonesia/ on 2021-05-01 is already recorded');
      given.when(update({ updatedOn: '2021-05-02' }), as(ADMIN)).thenAccepted();
      given.when(update({ url: 'https://semarangkota.go.id/ogp' }), as(ADMIN)).thenAccepted();
    });
    it('refuses an update without an http(s) url or with a bad date', () => {
      spec.given([memberRegistered]).when(update({ url: 'ftp://x' }), as(ADMIN)).thenFails('evidence.invalid');
      const error = spec.given([memberRegistered]).when(update({ updatedOn: '01/05/2021' }), as(ADMIN)).thenFails('date.invalid');
      expect(error.message).toBe('updatedOn must be an ISO date (YYYY-MM-DD): 01/05/2021');
    });
  });
});
