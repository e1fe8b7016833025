import { describe, expect, it } from 'vitest';
import { HANDOFF, word } from '../../../kernel-lib/src/fast/handoff';

// A model check of the hand-off between the calling thread (main) and one worker: every
// interleaving of their atomic steps over a few rounds is explored, and for every reachable
// state we ask (1) safety: the worker only runs the job of the round it claimed, while main still
// waits for that round, and never runs a round twice; (2) no hang: from every reachable state,
// main can still finish all its rounds. The worker may wake at any time (a bounded wait that
// times out), so a lost wake-up cannot hide a hang. Main's wait for DONE is modelled without a
// timeout: the protocol itself must guarantee progress, the bounds are only defence in depth.

interface State {
  m: number; // main's program counter
  w: number; // worker's program counter
  round: number; // main's current round
  job: number; // the round whose job is in the job area (written by main)
  shared: Record<string, number>;
  local: Record<string, number>; // the worker's registers
  ran: number[]; // rounds whose job the worker has run
  bad?: string;
}

type Step = (s: State) => State[] | null; // null: not enabled (blocked)

interface Protocol {
  init(): Omit<State, 'm' | 'w' | 'round' | 'job' | 'ran'>;
  main: Step[]; // main's steps for one round, in order; the last returns m = 0 and round + 1
  worker: Step[];
}

function clone(s: State, patch: Partial<State> = {}): State {
  return { ...s, shared: { ...s.shared }, local: { ...s.local }, ran: [...s.ran], ...patch };
}

/** Explores every interleaving; returns the number of states and the first problem found. */
function check(p: Protocol, rounds: number, { liveness = false } = {}): { states: number; problem: string | null } {
  const start: State = { m: 0, w: 0, round: 1, job: 0, ran: [], ...p.init() };
  const key = (s: State): string => JSON.stringify([s.m, s.w, s.round, s.job, s.shared, s.local, s.ran]);
  const seen = new Map<string, { state: State; next: string[] }>();
  const stack = [start];
  while (stack.length > 0) {
    const s = stack.pop()!;
    const k = key(s);
    if (seen.has(k)) continue;
    const succ: State[] = [];
    if (s.round <= rounds) succ.push(...(p.main[s.m](s) ?? []));
    succ.push(...(p.worker[s.w](s) ?? []));
    for (const n of succ) {
      if (n.bad && !liveness) return { states: seen.size, problem: `${n.bad} (after ${key(s)})` };
      delete n.bad; // asked about hangs only: go on past the unsafe step
    }
    seen.set(k, { state: s, next: succ.map(key) });
    stack.push(...succ);
  }
  // No hang: every reachable state can reach one where main has finished its rounds.
  const finished = new Set([...seen].filter(([, v]) => v.state.round > rounds).map(([k]) => k));
  for (let grew = true; grew;) {
    grew = false;
    for (const [k, v] of seen) {
      if (!finished.has(k) && v.next.some((n) => finished.has(n))) {
        finished.add(k);
        grew = true;
      }
    }
  }
  const stuck = [...seen.keys()].find((k) => !finished.has(k));
  return { states: seen.size, problem: stuck === undefined ? null : `main can never finish from ${stuck}` };
}

/** The worker's job: it must be the round it claimed, main must still be in that round, and only once. */
function runJob(s: State, claimed: number): State {
  if (s.job !== claimed) return clone(s, { bad: `worker ran the job of round ${s.job} as round ${claimed}` });
  if (s.round !== claimed) return clone(s, { bad: `worker ran round ${claimed} while main is in round ${s.round}` });
  if (s.ran.includes(claimed)) return clone(s, { bad: `round ${claimed} ran twice` });
  const n = clone(s);
  n.ran.push(claimed);
  return n;
}

const SLOT = 'slot';
const { FREE, POSTED, RUNNING, DONE } = HANDOFF;
const phase = (v: number): number => v & 3;
const roundOf = (v: number): number => v >>> 2;

// The protocol of kernel-lib/src/fast/threads.ts (see handoff.ts).
const current: Protocol = {
  init: () => ({ shared: { [SLOT]: word(0, FREE) }, local: { seen: word(0, FREE), claimed: 0 } }),
  main: [
    (s) => [clone(s, { job: s.round, m: 1 })], // write the job area
    (s) =>
      phase(s.shared[SLOT]) === FREE
        ? [clone(s, { m: 2, shared: { [SLOT]: word(s.round, POSTED) } })]
        : [clone(s, { bad: 'post while not FREE' })],
    // main's own share of the work happens here; then cancel by CAS, or wait for DONE
    (s) =>
      s.shared[SLOT] === word(s.round, POSTED)
        ? [clone(s, { m: 0, round: s.round + 1, shared: { [SLOT]: word(s.round, FREE) } })]
        : [clone(s, { m: 3 })],
    (s) =>
      s.shared[SLOT] === word(s.round, DONE) ? [clone(s, { m: 0, round: s.round + 1, shared: { [SLOT]: word(s.round, FREE) } })] : null,
  ],
  worker: [
    // wake (at any time: bounded waits), read SLOT
    (s) => [clone(s, { w: 1, local: { ...s.local, seen: s.shared[SLOT] } })],
    // claim by CAS from the value read
    (s) => {
      const v = s.local.seen;
      if (phase(v) !== POSTED) return [clone(s, { w: 0 })];
      if (s.shared[SLOT] !== v) return [clone(s, { w: 0 })];
      return [clone(s, { w: 2, shared: { [SLOT]: word(roundOf(v), RUNNING) }, local: { ...s.local, claimed: roundOf(v) } })];
    },
    (s) => [clone(runJob(s, s.local.claimed), { w: 3 })],
    (s) => [clone(s, { w: 0, shared: { [SLOT]: word(s.local.claimed, DONE) } })],
  ],
};

// The protocol this replaced (threads.ts before the fix): three words, STATE set before POSTED.
const IDLE = 0,
  WAITING = 1,
  RUN = 2,
  CANCELLED = 3;
const previous: Protocol = {
  init: () => ({ shared: { posted: 0, done: 0, state: IDLE }, local: { seen: 0 } }),
  main: [
    (s) => [clone(s, { job: s.round, m: 1 })],
    (s) => [clone(s, { m: 2, shared: { ...s.shared, state: WAITING } })],
    (s) => [clone(s, { m: 3, shared: { ...s.shared, posted: s.round } })],
    (s) =>
      s.shared.state === WAITING
        ? [clone(s, { m: 0, round: s.round + 1, shared: { ...s.shared, state: CANCELLED } })]
        : [clone(s, { m: 4 })],
    (s) => (s.shared.done === s.round ? [clone(s, { m: 0, round: s.round + 1 })] : null),
  ],
  worker: [
    (s) => (s.shared.posted !== s.local.seen ? [clone(s, { w: 1 })] : null), // Atomics.wait(POSTED, seen)
    (s) => [clone(s, { w: 2, local: { seen: s.shared.posted } })],
    (s) => (s.shared.state === WAITING ? [clone(s, { w: 3, shared: { ...s.shared, state: RUN } })] : [clone(s, { w: 0 })]),
    (s) => [clone(s, { w: 4, local: { seen: s.shared.posted } })],
    (s) => [clone(runJob(s, s.local.seen), { w: 5 })],
    (s) => [clone(s, { w: 6, shared: { ...s.shared, state: IDLE } })],
    (s) => [clone(s, { w: 0, shared: { ...s.shared, done: s.local.seen } })],
  ],
};

describe('the hand-off protocol, over all interleavings', () => {
  it.each([1, 2, 3])('is safe and never hangs over %i rounds (cancelled or run, any timing)', (rounds) => {
    const { states, problem } = check(current, rounds);
    expect(problem).toBeNull();
    expect(states).toBeGreaterThan(10 * rounds);
  });

  it("finds the hang of the previous protocol (a late worker claims round k+1 with round k's number)", () => {
    expect(check(previous, 2).problem).toMatch(/^worker ran the job of round 2 as round 1/);
    expect(check(previous, 2, { liveness: true }).problem).toMatch(/^main can never finish/);
  });

  it('keeps the round inside the control word and the word non-negative up to the last round', () => {
    expect(word(HANDOFF.ROUND_MASK, DONE)).toBe(2 ** 31 - 1);
    expect(word(HANDOFF.ROUND_MASK + 1, POSTED)).toBe(word(0, POSTED));
    expect(roundOf(word(12345, RUNNING))).toBe(12345);
  });
});
