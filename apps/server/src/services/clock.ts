/** Time as the services see it; tests pass a controllable clock to exercise expiry. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
