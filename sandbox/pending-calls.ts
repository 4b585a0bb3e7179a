/**
 * The API calls agent code started that have not settled yet. Models often
 * forget an `await` (`session.set({…}); return "saved"`): without this, the
 * execution would answer while the call is still in flight, and its effect
 * or its failure would be lost without a word. When the agent's function
 * returns, the runtime drains these calls first (sandbox/runtime.ts): it
 * waits for them (the execution's deadline still applies), and the first
 * that failed fails the execution.
 *
 * A call reports its own end (`settle`), so nothing here reacts to the
 * promise agent code holds: a rejection nobody handled still counts as
 * unhandled (sandbox/rejections.ts). Uses only built-ins captured when the
 * module loads; agent code never holds the set. Every object a promise here
 * resolves with has an own `then: undefined`, so a `then` agent code put on
 * Object.prototype cannot intercept it.
 */
const apply = Reflect.apply;
const setAdd = Set.prototype.add;
const setDelete = Set.prototype.delete;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size")!.get as () => number;
const arrayFrom = Array.from;
const promiseThen = Promise.prototype.then;
const PromiseConstructor = Promise;

type Ending = ({ readonly failed: false } | { readonly failed: true; readonly reason: unknown }) & { readonly then?: undefined };

interface PendingCall {
  readonly label: string;
  readonly ended: Promise<Ending>;
}

export interface DrainedCalls {
  readonly then?: undefined;
  /** `api.method` of each call that was still in flight when the function returned, in the order they started. */
  readonly labels: string[];
  /** The reason of the first of them that failed, if any did. */
  readonly failure?: { readonly reason: unknown };
}

export interface PendingCalls {
  /** Records call `label` as in flight; the call must run the returned `settle` once, however it ends. */
  begin(label: string): (ending: Ending) => void;
  /** Waits until no call is in flight, calls started meanwhile included. */
  drain(): Promise<DrainedCalls>;
}

export function createPendingCalls(): PendingCalls {
  const inFlight = new Set<PendingCall>();
  return {
    begin(label) {
      let settle!: (ending: Ending) => void;
      const call: PendingCall = { label, ended: new PromiseConstructor<Ending>((resolve) => (settle = resolve)) };
      apply(setAdd, inFlight, [call]);
      return (ending) => {
        apply(setDelete, inFlight, [call]);
        settle({ ...ending, then: undefined });
      };
    },
    drain() {
      return new PromiseConstructor<DrainedCalls>((resolve) => {
        const labels: string[] = [];
        let failure: { reason: unknown } | undefined;
        const round = () => {
          if ((apply(setSize, inFlight, []) as number) === 0) {
            resolve(failure === undefined ? { labels, then: undefined } : { labels, failure, then: undefined });
            return;
          }
          const calls = arrayFrom(inFlight) as PendingCall[];
          let left = calls.length;
          for (const call of calls) {
            labels[labels.length] = call.label;
            apply(promiseThen, call.ended, [
              (ending: Ending) => {
                if (ending.failed && failure === undefined) failure = { reason: ending.reason };
                if (--left === 0) round();
              },
            ]);
          }
        };
        round();
      });
    },
  };
}
