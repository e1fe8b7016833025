// The hand-off between the calling thread ("main") and one worker of the pool (threads.ts).
//
// Each worker has one Int32 control word, SLOT = round << 2 | phase. The round number travels in
// the same word as the phase, so every transition names the round it belongs to, and a worker
// that wakes late from an earlier round can neither claim nor finish a later one.
//
//   phase     who may leave it   transitions (each one atomic operation on SLOT)
//   FREE      main               FREE(k)    -> POSTED(k+1)  main: post; the job area is written first
//   POSTED    main or worker     POSTED(k)  -> RUNNING(k)   worker: claim, compareExchange
//                                POSTED(k)  -> FREE(k)      main: cancel (not claimed in time), compareExchange
//   RUNNING   worker             RUNNING(k) -> DONE(k)      worker: finish; OUTCOME and MESSAGE written first
//   DONE      main               DONE(k)    -> FREE(k)      main: collect
//
// POSTED is the only phase two threads may leave, and both leave it by compareExchange from the
// same value, so exactly one wins. Main touches the job area and the owner table only in FREE;
// the worker reads the job only in RUNNING. Every wait is bounded: the worker re-reads SLOT at
// least every IDLE_WAIT_MS, and main, waiting for DONE, asks the worker to abort (ABORT = round;
// the worker checks it between kernel calls) after its answer bound, then retires it after
// ABORT_MS more. The model of this protocol is checked over all interleavings in the tests
// (test/kernel-lib/fast/handoff.test.ts).

export const HANDOFF = {
  // word indices in a worker's control block
  SLOT: 0,
  OUTCOME: 1,
  ABORT: 2,
  READY: 3,
  MESSAGE_LENGTH: 4,
  MESSAGE: 8,
  MESSAGE_CHARS: 240,
  WORDS: 256,
  // phases
  FREE: 0,
  POSTED: 1,
  RUNNING: 2,
  DONE: 3,
  ROUND_MASK: (1 << 29) - 1,
  // outcomes
  OK: 0,
  FAILED: 1,
  ABORTED: 2,
  // bounds
  SPIN: 20_000,
  IDLE_WAIT_MS: 1000,
  POLL_MS: 100,
  START_MS: 30_000,
  ANSWER_MS: 20_000,
  ANSWER_FACTOR: 20,
  ABORT_MS: 10_000,
} as const;

/** The control word of `round` in `phase`. */
export function word(round: number, phase: number): number {
  return ((round & HANDOFF.ROUND_MASK) << 2) | phase;
}
