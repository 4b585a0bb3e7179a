import type { SandboxBridge } from "../api-types/sandbox-protocol.js";
import { encodeJson } from "./json-value.js";
import type { PendingCalls } from "./pending-calls.js";

const parse = JSON.parse;
const hasOwn = Object.hasOwn;
const freeze = Object.freeze;
const ProxyClass = Proxy;
const RangeErrorClass = RangeError;
const ErrorClass = Error;
const apply = Reflect.apply;
const { indexOf, slice } = String.prototype;
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
 * answers with the group's methods.
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
  const flat: string[] = [];
  const groupNames: string[] = [];
  const groups: Record<string, string[]> = {};
  for (const method of methods) {
    const dot = apply(indexOf, method, ["."]) as number;
    if (dot === -1) {
      flat[flat.length] = method;
      continue;
    }
    const group = apply(slice, method, [0, dot]) as string;
    if (!hasOwn(groups, group)) {
      groupNames[groupNames.length] = group;
      groups[group] = [];
    }
    const members = groups[group];
    members[members.length] = apply(slice, method, [dot + 1]) as string;
  }
  const known: Record<string, unknown> = {};
  for (const method of flat) known[method] = (input?: unknown) => call(method, input);
  for (const group of groupNames) {
    const members: Record<string, unknown> = {};
    for (const member of groups[group]) members[member] = (input?: unknown) => call(`${group}.${member}`, input);
    known[group] = membersProxy(freeze(members), `${api}.${group}`, (key) => (input?: unknown) => call(`${group}.${key}`, input));
  }
  return membersProxy(freeze(known), api, (key) => (input?: unknown) => call(key, input));
}

/**
 * A read-only view of `members` (an API's methods and groups, or one
 * group's methods) that answers an unknown name with `unknown(name)`: a
 * function that still sends the call, so the host can list the valid names.
 * `then` is never a member, so the object is not a thenable; the names the
 * language reads on any object (OBJECT_MEMBERS) answer as on an ordinary
 * object, `toString` with `[API <label>]`.
 */
function membersProxy(members: Record<string, unknown>, label: string, unknown: (name: string) => unknown): object {
  const describe = freeze(() => `[API ${label}]`);
  return new ProxyClass(members, {
    get(target, key) {
      if (typeof key !== "string" || key === "then") return undefined;
      if (hasOwn(target, key)) return target[key];
      if (apply(setHas, OBJECT_MEMBERS, [key])) return key === "toString" ? describe : undefined;
      return unknown(key);
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
