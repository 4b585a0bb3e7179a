import { isDeclarableErrorName } from "../../api-types/call-errors.js";
import type { MethodContract } from "../../api-types/define.js";
import { RESERVED_ERROR_NAMES } from "./error-mapping.js";

/**
 * The name agent code sees for an error a method's implementation threw:
 * the error's own `name` when the method's contract declares it in
 * `throws`, else "Error". So an implementation cannot make up names, and
 * none can pass for the host's or the sandbox's own reports
 * (api-types/call-errors.ts, RESERVED_ERROR_NAMES), whatever a contract
 * built without defineApi declares. Never throws: a `name` getter that
 * fails means "Error".
 */
export function declaredErrorName(contract: MethodContract | undefined, error: unknown): string {
  const declared = contract?.throws;
  if (declared === undefined || typeof error !== "object" || error === null) return "Error";
  let name: unknown;
  try {
    name = (error as { name?: unknown }).name;
  } catch {
    return "Error";
  }
  if (typeof name !== "string" || !Object.hasOwn(declared, name)) return "Error";
  return isDeclarableErrorName(name) && !RESERVED_ERROR_NAMES.has(name) ? name : "Error";
}
