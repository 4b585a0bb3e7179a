import type { SandboxBridge } from "../api-types/sandbox-protocol.js";
import { encodeJson } from "./json-value.js";
import type { PendingCalls } from "./pending-calls.js";

const parse = JSON.parse;
const freeze = Object.freeze;
const defineProperty = Object.defineProperty;
const ProxyClass = Proxy;
const RangeErrorClass = RangeError;
const ErrorClass = Error;
const createObject = Object.create;
const apply = Reflect.apply;
const { has: reflectHas, ownKeys: reflectOwnKeys, getOwnPropertyDescriptor: reflectDescriptor, isExtensible: reflectIsExtensible, preventExtensions: reflectPreventExtensions } = Reflect;
const { indexOf, slice, startsWith } = String.prototype;
const setHas = Set.prototype.has;

/**
 * Names the language itself reads on any object (String(ns), `${ns}`,
 * JSON.stringify(ns), console.log(ns)). Unless the contract has a method of
 * that name, they are not API calls: a namespace answers them like an
 * ordinary object would, instead of sending a call the code never wrote.
 */
const OBJECT_MEMBERS = new Set(["toString", "valueOf", "toLocaleString", "toJSON", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "constructor", "inspect"]);

/** The frame lines of a stack text, from its first `    at`; empty when it has none. */
function framesOf(stack: unknown): string {
  if (typeof stack !== "string") return "";
  const start = apply(indexOf, stack, ["\n    at "]) as number;
  return start === -1 ? "" : (apply(slice, stack, [start]) as string);
}

/**
 * One namespace object per granted API. `ns.method(input)` sends the JSON text
 * of `input` over the bridge and resolves to the host's answer; a refusal or
 * an implementation's error rejects with an ordinary Error carrying its message.
 * Methods the contract does not have still reach the host, which answers with
 * the list of valid ones, so agents get that list instead of "not a function".
 *
 * A method named `group.method` is reached as `ns.group.method(input)`:
 * `ns.group` is a frozen view of the group's methods, and a name it does not
 * have (`ns.group.nope()`) also reaches the host as "group.nope", which
 * answers with the group's methods. A group and a method of the same name:
 * the group wins.
 *
 * `methods` come sorted by UTF-16 code unit (SandboxManifest.apis), so a
 * name is found by binary search, and a group's methods are one run of the
 * list. Nothing is built per method until the code reads it: an API of
 * thousands of methods costs an execution what it uses (README, "Where one
 * execution's time goes").
 *
 * The input is encoded only up to `maxInputChars` (the host's limit on one
 * call's argument): a larger one is refused here, without expanding it
 * further and without a call.
 *
 * Every call is recorded in `pending` while in flight, and an error it
 * rejects with carries the stack of the call itself, so it points at the
 * agent's line that made the call, awaited or not.
 */
export function createNamespace(bridge: SandboxBridge, api: string, methods: readonly string[], maxInputChars: number, pending: PendingCalls): object {
  const call = async (method: string, input: unknown) => {
    const site = new ErrorClass();
    const settle = pending.begin(`${api}.${method}`);
    try {
      const encoded = encodeJson(input, maxInputChars);
      if (!encoded.complete) {
        throw new RangeErrorClass(`The input of ${api}.${method} is more than ${maxInputChars} characters of JSON, the limit. Send less per call.`);
      }
      const reply = await bridge.call(api, method, encoded.text);
      if (!reply.ok) {
        const error = new ErrorClass(reply.message);
        if (reply.name !== "Error") error.name = reply.name;
        error.stack = `${error.name}: ${error.message}${framesOf(site.stack)}`;
        throw error;
      }
      const value = reply.json === undefined ? undefined : parse(reply.json);
      settle({ failed: false });
      return value;
    } catch (thrown) {
      settle({ failed: true, reason: thrown });
      throw thrown;
    }
  };
  const method = (name: string) => (input?: unknown) => call(name, input);
  /** The index of the first of `methods` in [from, to) that is not below `name`. */
  const lowerBound = (name: string, from: number, to: number): number => {
    while (from < to) {
      const middle = (from + to) >>> 1;
      if (methods[middle] < name) from = middle + 1;
      else to = middle;
    }
    return from;
  };
  /**
   * The view of `methods` [from, to), which all start with `prefix`: the API's
   * (prefix "", with groups) or one group's (prefix "group.", without).
   */
  const view = (label: string, prefix: string, from: number, to: number, grouping: boolean): object =>
    membersView(label, {
      find(name) {
        const full = `${prefix}${name}`;
        if (grouping) {
          // A group's methods `name.…` are the run from `name.` up to `name/` ("/" follows "." in code units).
          const first = lowerBound(`${full}.`, from, to);
          if (first < to && (apply(startsWith, methods[first], [`${full}.`]) as boolean)) return view(`${api}.${full}`, `${full}.`, first, lowerBound(`${full}/`, first, to), false);
        }
        const at = lowerBound(full, from, to);
        return at < to && methods[at] === full ? method(full) : undefined;
      },
      each(visit) {
        for (let at = from; at < to; at++) {
          const rest = apply(slice, methods[at], [prefix.length]) as string;
          const dot = grouping ? (apply(indexOf, rest, ["."]) as number) : -1;
          visit(dot === -1 ? rest : (apply(slice, rest, [0, dot]) as string));
        }
      },
      unknown: (name) => method(`${prefix}${name}`),
    });
  return view(api, "", 0, methods.length, true);
}

/** How a view finds its members: they are made only when read. */
interface Members {
  /** The member `name` (a method's function or a group's view), made anew; undefined when there is none. */
  find(name: string): unknown;
  /** Calls `visit` with the name of every member, a group's once or more. */
  each(visit: (name: string) => void): void;
  /** A function for a name that is not a member: it still sends the call, so the host can list the valid names. */
  unknown(name: string): unknown;
}

/**
 * A read-only view of an API's methods and groups, or of one group's
 * methods, that makes a member the first time it is read and gives the same
 * one ever after. An unknown name answers `members.unknown(name)`. `then` is
 * never a member, so the view is not a thenable; the names the language reads
 * on any object (OBJECT_MEMBERS) answer as on an ordinary object, `toString`
 * with `[API <label>]`.
 *
 * To the language it is a frozen object of its members: whatever looks at
 * its shape (Object.keys, `in`, property descriptors, Object.isFrozen) first
 * makes every member and freezes them into the view's target, so the answers
 * hold the invariants of a frozen object. Nothing can be set, defined or
 * deleted on it, and its prototype cannot change.
 */
function membersView(label: string, members: Members): object {
  const describe = freeze(() => `[API ${label}]`);
  const made: Record<string, unknown> = createObject(null);
  const member = (name: string): unknown => {
    const found = made[name] ?? members.find(name);
    if (found !== undefined) made[name] = found;
    return found;
  };
  const target: Record<string, unknown> = {};
  let whole = false;
  /** Every member on the target, then the target frozen: from here on it answers for the view's shape. */
  const makeWhole = () => {
    if (whole) return;
    whole = true;
    members.each((name) => {
      // A descriptor without a prototype: agent code may have put accessors on Object.prototype by now.
      defineProperty(target, name, { __proto__: null, value: member(name), writable: true, enumerable: true, configurable: true } as PropertyDescriptor);
    });
    freeze(target);
  };
  return new ProxyClass(target, {
    get(_target, key) {
      if (typeof key !== "string" || key === "then") return undefined;
      const found = member(key);
      if (found !== undefined) return found;
      if (apply(setHas, OBJECT_MEMBERS, [key])) return key === "toString" ? describe : undefined;
      return members.unknown(key);
    },
    has(view, key) {
      makeWhole();
      return reflectHas(view, key);
    },
    ownKeys(view) {
      makeWhole();
      return reflectOwnKeys(view);
    },
    getOwnPropertyDescriptor(view, key) {
      makeWhole();
      const found = reflectDescriptor(view, key);
      // Returned without a prototype: the language reads `get` and `set` off it, and agent code may have put them on Object.prototype.
      return found && ({ __proto__: null, value: found.value, writable: found.writable, enumerable: found.enumerable, configurable: found.configurable } as PropertyDescriptor);
    },
    isExtensible(view) {
      makeWhole();
      return reflectIsExtensible(view);
    },
    preventExtensions(view) {
      makeWhole();
      return reflectPreventExtensions(view);
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
    setPrototypeOf: () => false,
  });
}
