/**
 * Catches what agent code throws in a callback that runs outside any agent
 * frame: timers (setTimeout, setInterval), queueMicrotask, and listeners the
 * runtime dispatches itself (AbortSignal.timeout's "abort", …). workerd only
 * logs such a throw on the host's console, so without this it would vanish
 * and the execution would still answer ok.
 *
 * The guard replaces those functions where workerd defines them (the global
 * scope's prototype, EventTarget.prototype) before agent code runs. Each
 * callback is called inside a try/catch; the first throw goes to `onThrow`.
 * A throw from a listener that agent code's own `dispatchEvent` call runs
 * still propagates to that call, as workerd does, so agent code can catch it.
 *
 * Not covered: handlers assigned to `on…` properties (`signal.onabort`) and
 * FinalizationRegistry callbacks; a throw there is lost as before.
 */
const apply = Reflect.apply;
const getPrototypeOf = Object.getPrototypeOf;
const hasOwn = Object.hasOwn;
const defineProperty = Object.defineProperty;
const push = Array.prototype.push;
const WeakMapClass = WeakMap;
const { get: weakGet, set: weakSet } = WeakMap.prototype;

type Callback = (...args: unknown[]) => unknown;

/** The object on globalThis's prototype chain that holds `name`. */
function ownerOf(name: string): object {
  let owner: object = globalThis;
  while (!hasOwn(owner, name)) owner = getPrototypeOf(owner);
  return owner;
}

function replace(owner: object, name: string, make: (original: Callback) => Callback): void {
  const original = (owner as Record<string, Callback>)[name];
  defineProperty(owner, name, { value: make(original), writable: true, configurable: true, enumerable: true });
}

export function guardCallbacks(onThrow: (thrown: unknown) => void): void {
  let dispatching = 0;

  const guarded = (callback: Callback): Callback =>
    function guardedCallback(this: unknown, ...args: unknown[]) {
      try {
        return apply(callback, this, args);
      } catch (thrown) {
        onThrow(thrown);
      }
    };

  /** Calls `original` with the first argument guarded when it is a function; anything else reaches workerd unchanged, so it refuses it as before. */
  const withGuardedFirst = (original: Callback): Callback =>
    function (this: unknown, first: unknown, ...rest: unknown[]) {
      const args: unknown[] = [typeof first === "function" ? guarded(first as Callback) : first];
      apply(push, args, rest);
      return apply(original, this, args);
    };

  for (const name of ["setTimeout", "setInterval", "queueMicrotask"]) replace(ownerOf(name), name, withGuardedFirst);

  const wrappers = new WeakMapClass<object, Callback>();
  const listenerFor = (listener: unknown): unknown => {
    if (typeof listener !== "function" && (typeof listener !== "object" || listener === null)) return listener;
    const known = apply(weakGet, wrappers, [listener]) as Callback | undefined;
    if (known !== undefined) return known;
    const wrapper = function (this: unknown, event: unknown) {
      try {
        if (typeof listener === "function") return apply(listener, this, [event]);
        return apply((listener as { handleEvent: Callback }).handleEvent, listener, [event]);
      } catch (thrown) {
        if (dispatching > 0) throw thrown;
        onThrow(thrown);
      }
    };
    apply(weakSet, wrappers, [listener, wrapper]);
    return wrapper;
  };
  const withListener = (original: Callback): Callback =>
    function (this: unknown, type: unknown, listener: unknown, ...rest: unknown[]) {
      const args: unknown[] = [type, listenerFor(listener)];
      apply(push, args, rest);
      return apply(original, this, args);
    };
  replace(EventTarget.prototype, "addEventListener", withListener);
  replace(EventTarget.prototype, "removeEventListener", withListener);
  replace(EventTarget.prototype, "dispatchEvent", (original) =>
    function (this: unknown, ...args: unknown[]) {
      dispatching++;
      try {
        return apply(original, this, args);
      } finally {
        dispatching--;
      }
    },
  );
}
