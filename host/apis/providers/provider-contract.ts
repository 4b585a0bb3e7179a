import { z } from "zod";
import { isValidMethodName, isValidName, METHOD_NAME_RULE, methodNamesConflict, type ApiContract, type MethodContract } from "../../../api-types/define.js";
import type { ProviderContract } from "../../../api-types/rpc.js";
import { importInputSchema, importOutputSchema } from "../imports/json-schema-to-zod.js";
import { describeIssues } from "../../zod-issues.js";

/** Limits on what a provider may declare. */
export const MAX_PROVIDER_METHODS = 100;
export const MAX_PROVIDER_CONTRACT_CHARS = 256 * 1024;

const text = z.string().min(1).max(1000);

/** What a provider sends, checked before anything is registered. */
export const providerContract = z.strictObject({
  name: z.string().refine(isValidName, "name must be a JavaScript identifier, not a reserved word: it becomes the namespace in agent code"),
  description: text,
  methods: z
    .record(z.string().refine(isValidMethodName, `method names use ${METHOD_NAME_RULE}`), z.strictObject({ description: text, input: z.record(z.string(), z.unknown()), output: z.record(z.string(), z.unknown()).optional() }))
    .refine((methods) => methodNamesConflict("", Object.keys(methods)) === undefined, "a group of methods (group.method) must not share its name with a method")
    .refine((methods) => Object.keys(methods).length >= 1 && Object.keys(methods).length <= MAX_PROVIDER_METHODS, `a provider offers 1 to ${MAX_PROVIDER_METHODS} methods`),
});

/** Validates a provider's contract; throws an Error naming the first problem. */
export function parseProviderContract(value: unknown): ProviderContract {
  let size: number;
  try {
    size = JSON.stringify(value)?.length ?? 0;
  } catch {
    throw new TypeError("The contract must be plain JSON.");
  }
  if (size > MAX_PROVIDER_CONTRACT_CHARS) throw new RangeError(`The contract is ${size} characters of JSON; the limit is ${MAX_PROVIDER_CONTRACT_CHARS}.`);
  const parsed = providerContract.safeParse(value);
  if (!parsed.success) throw new TypeError(`Invalid ${describeIssues(parsed.error.issues, { under: "contract", joiner: " at " })}.`);
  return parsed.data;
}

/** The zod contract the bridge validates calls with, from the provider's JSON Schemas. */
export function toApiContract(contract: ProviderContract): ApiContract {
  const methods: Record<string, MethodContract> = {};
  for (const [name, method] of Object.entries(contract.methods)) {
    const input = importInputSchema(method.input);
    const output = importOutputSchema(method.output);
    methods[name] = { description: [method.description, input.note, output.note].filter(Boolean).join(" "), input: input.schema, output: output.schema };
  }
  return { name: contract.name, description: contract.description, methods };
}
