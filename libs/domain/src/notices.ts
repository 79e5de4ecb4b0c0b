// What a person should know about events they have just caused, beyond "done": facts recorded that count against
// the member, so that an answer of 201 does not read as "all is well" when the record now says otherwise.
import type { DomainEvent } from './domain-events';

/** Notices for the events one command wrote (in their order; none for most), as decided or as stored. */
export function noticesOf(events: readonly { readonly type: string; readonly data: unknown }[]): string[] {
  return events.flatMap((event) => {
    const e = event as DomainEvent;
    switch (e.type) {
      case 'ActionPlanSubmitted':
        return e.data.endorsed
          ? []
          : [
              `Recorded as submitted on ${e.data.effectiveAt} without civil society's endorsement on or before that day: the endorsement ` +
                'obligation reports it as not met. If civil society did endorse before that day, enter that endorsement today with its ' +
                'date (or, if one is recorded with a wrong date, correct it today): entered on the day the submission was, it counts by its date.',
            ];
      case 'ProgressReported':
        return e.data.late ? ['Marked late: the plan had ended before this claim was recorded.'] : [];
      default:
        return [];
    }
  });
}
