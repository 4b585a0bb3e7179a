import type { SandboxBridge } from "../api-types/sandbox-protocol";
import { toJsonText } from "./json-value";

const parse = JSON.parse;

/**
 * One namespace object per granted API. `ns.method(input)` sends the JSON text
 * of `input` over the bridge and resolves to the host's answer; a refusal or
 * an implementation's error rejects with an ordinary Error carrying its message.
 * Methods the contract does not have still reach the host, which answers with
 * the list of valid ones, so agents get that list instead of "not a function".
 */
export function createNamespace(bridge: SandboxBridge, api: string, methods: readonly string[]): object {
  const call = async (method: string, input: unknown) => {
    const reply = await bridge.call(api, method, input === undefined ? undefined : toJsonText(input));
    if (!reply.ok) {
      const error = new Error(reply.message);
      if (reply.name !== "Error") error.name = reply.name;
      throw error;
    }
    return reply.json === undefined ? undefined : parse(reply.json);
  };
  const known: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const method of methods) known[method] = (input?: unknown) => call(method, input);
  Object.freeze(known);
  return new Proxy(known, {
    get(target, key) {
      if (typeof key !== "string" || key === "then") return undefined;
      return Object.hasOwn(target, key) ? target[key] : (input?: unknown) => call(key, input);
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
