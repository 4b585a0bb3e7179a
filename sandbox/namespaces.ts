import type { SandboxBridge } from "../api-types/sandbox-protocol.js";
import { encodeJson } from "./json-value.js";

const parse = JSON.parse;
const hasOwn = Object.hasOwn;
const freeze = Object.freeze;
const ProxyClass = Proxy;
const RangeErrorClass = RangeError;
const ErrorClass = Error;

/**
 * One namespace object per granted API. `ns.method(input)` sends the JSON text
 * of `input` over the bridge and resolves to the host's answer; a refusal or
 * an implementation's error rejects with an ordinary Error carrying its message.
 * Methods the contract does not have still reach the host, which answers with
 * the list of valid ones, so agents get that list instead of "not a function".
 *
 * The input is encoded only up to `maxInputChars` (the host's limit on one
 * call's argument): a larger one is refused here, without expanding it
 * further and without a call.
 */
export function createNamespace(bridge: SandboxBridge, api: string, methods: readonly string[], maxInputChars: number): object {
  const call = async (method: string, input: unknown) => {
    const encoded = encodeJson(input, maxInputChars);
    if (!encoded.complete) {
      throw new RangeErrorClass(`The input of ${api}.${method} is more than ${maxInputChars} characters of JSON, the limit. Send less per call.`);
    }
    const reply = await bridge.call(api, method, encoded.text);
    if (!reply.ok) {
      const error = new ErrorClass(reply.message);
      if (reply.name !== "Error") error.name = reply.name;
      throw error;
    }
    return reply.json === undefined ? undefined : parse(reply.json);
  };
  const known: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of methods) known[method] = (input?: unknown) => call(method, input);
  freeze(known);
  return new ProxyClass(known, {
    get(target, key) {
      if (typeof key !== "string" || key === "then") return undefined;
      return hasOwn(target, key) ? target[key] : (input?: unknown) => call(key, input);
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
