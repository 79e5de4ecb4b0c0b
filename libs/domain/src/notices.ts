// What a person should know about events they have just caused, beyond "done": facts recorded that count against
// the member, so that an answer of 201 does not read as "all is well" when the record now says otherwise.
import type { DomainEvent } from './domain-events';
import { dateOf, type IsoDate } from './shared/dates';

/**
 * Notices for the events one command wrote (in their order; none for most), as decided or as stored. `recordedOn`
 * gives the day they are recorded in the member's zone, asked only for an assessment (to tell of one entered later
 * than its date; without it, as for events read back after a lost answer, nothing is said of that).
 */
export function noticesOf(events: readonly { readonly type: string; readonly data: unknown }[], recordedOn?: () => IsoDate): string[] {
  return events.flatMap((event) => {
    const e = event as DomainEvent;
    switch (e.type) {
      case 'InceptionAssessmentRecorded':
        return backdated('inception', dateOf(e.data.effectiveAt), recordedOn);
      case 'EndOfCommitmentAssessed':
        return backdated('end-of-commitment', dateOf(e.data.effectiveAt), recordedOn);
      case 'ActionPlanSubmitted':
        return e.data.endorsed
          ? []
          : [
              `Recorded as submitted on ${e.data.effectiveAt} without civil society's endorsement on or before that day: the endorsement ` +
                'obligation reports it as not met. If civil society did endorse before that day, enter that endorsement today with its ' +
                'date (or, if one is recorded with a wrong date, correct it today): entered on the day the submission was, it counts by its date.',
            ];
      case 'ProgressReported':
        return e.data.late ? ["Marked late: recorded after the plan's end (the end recorded, or the last day of its period while none is)."] : [];
      default:
        return [];
    }
  });
}

/**
 * An assessment entered on a later day than its date: the obligation counts it from the day it was entered (OGP's
 * report must be on record in time), so a reviewer typing in an assessment made in time learns it now, not from
 * the compliance read.
 */
function backdated(obligation: 'inception' | 'end-of-commitment', dated: IsoDate, recordedOn: (() => IsoDate) | undefined): string[] {
  const day = recordedOn?.();
  if (day === undefined || dated >= day) return [];
  return [
    `Recorded on ${day}, later than its date ${dated}: the ${obligation} obligation counts an assessment from the day it is recorded, ` +
      'so if that day is past its deadline the obligation reports it as not met (the assessment keeps its date).',
  ];
}
