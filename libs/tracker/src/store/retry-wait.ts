// The wait before following the event store again after a subscription failed, cut short when its owner stops.

export interface RetryWait {
  /** Settles after the delay, or at once when stopped. */
  readonly done: Promise<void>;
  /** Ends the wait now (the owner is stopping). */
  stop(): void;
}

export function retryWait(ms: number): RetryWait {
  let stop: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    stop = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, stop };
}
