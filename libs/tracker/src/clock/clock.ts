// The Clock port: the one source of "now" for the application layer (the domain is given time, never reads it).
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');
