/**
 * Watches for promise rejections that nothing handles while the agent runs,
 * e.g. an API call started without `await` that fails. workerd raises
 * `unhandledrejection` once the microtask queue drains and `rejectionhandled`
 * when a handler is attached later, so only rejections still unhandled when
 * the agent settles count. Without this they would vanish silently.
 *
 * The listeners are registered before agent code runs, so they run first and
 * agent code cannot remove them (it never holds a reference to them).
 */
const apply = Reflect.apply;
const mapSet = Map.prototype.set;
const mapDelete = Map.prototype.delete;
const mapValues = Map.prototype.values;
const mapIteratorNext = Object.getPrototypeOf(new Map().values()).next as () => IteratorResult<unknown>;

export interface RejectionWatch {
  /** The reason of the earliest rejection still unhandled, if any. */
  unhandled(): { reason: unknown } | undefined;
}

export function watchRejections(): RejectionWatch {
  const pending = new Map<Promise<unknown>, unknown>();
  addEventListener("unhandledrejection", (event) => {
    apply(mapSet, pending, [event.promise, event.reason]);
  });
  addEventListener("rejectionhandled", (event) => {
    apply(mapDelete, pending, [event.promise]);
  });
  return {
    unhandled() {
      const first = apply(mapIteratorNext, apply(mapValues, pending, []), []) as IteratorResult<unknown>;
      return first.done ? undefined : { reason: first.value };
    },
  };
}
