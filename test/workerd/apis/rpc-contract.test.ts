import { describe, expect, it } from "vitest";
import { tokenMatches } from "../../../host/front/auth/auth-token.js";
import { declareApis } from "../../../host/apis/declarations.js";
import { parseProviderContract, toApiContract, MAX_PROVIDER_METHODS } from "../../../host/apis/providers/provider-contract.js";

const contract = {
  name: "inventory",
  description: "Warehouse stock.",
  methods: { stock: { description: "Units in stock.", input: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] } } },
};

describe("provider contracts", () => {
  it("become a zod contract that validates calls and declares them", () => {
    const api = toApiContract(parseProviderContract(contract));
    expect(api.methods.stock.input.safeParse({ sku: "a" }).success).toBe(true);
    expect(api.methods.stock.input.safeParse({ sku: 1 }).success).toBe(false);
    expect(declareApis([api])).toContain("stock(input: {");
  });

  it("are refused with the reason when malformed, oversized or unusable as names", () => {
    expect(() => parseProviderContract({ ...contract, name: "my-api" })).toThrow(/Invalid contract at name: name must be a JavaScript identifier/);
    expect(() => parseProviderContract({ ...contract, methods: { then: contract.methods.stock } })).toThrow(/Invalid contract at methods.then/);
    expect(() => parseProviderContract({ ...contract, methods: {} })).toThrow(/1 to 100 methods/);
    const many = Object.fromEntries(Array.from({ length: MAX_PROVIDER_METHODS + 1 }, (_, i) => [`m${i}`, contract.methods.stock]));
    expect(() => parseProviderContract({ ...contract, methods: many })).toThrow(/1 to 100 methods/);
    expect(() => parseProviderContract({ ...contract, extra: 1 })).toThrow(/Invalid contract/);
    expect(() => parseProviderContract({ ...contract, description: "x".repeat(300_000) })).toThrow(/characters of JSON; the limit is/);
  });
});

describe("tokenMatches", () => {
  it("accepts only the exact token", async () => {
    const token = "a-long-enough-token-0123456789";
    expect(await tokenMatches(token, token)).toBe(true);
    expect(await tokenMatches(token + "x", token)).toBe(false);
    expect(await tokenMatches(token.slice(0, -1), token)).toBe(false);
    expect(await tokenMatches(undefined, token)).toBe(false);
    expect(await tokenMatches("", token)).toBe(false);
    expect(await tokenMatches(42, token)).toBe(false);
  });
});
