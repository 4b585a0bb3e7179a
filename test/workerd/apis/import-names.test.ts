import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineApi, defineMethod, isValidMethodName } from "../../../api-types/define.js";
import { camelCase, MAX_NAME_SEGMENT_CHARS, operationMethodNames, sanitizeImportedNames, stableHash } from "../../../host/apis/imports/names.js";
import { legacyAliases, legacyMethodNames } from "../../../host/apis/imports/openapi/legacy-names.js";
import { ApiRegistry } from "../../../host/apis/registry.js";

const op = (operationId: string | undefined, tags?: string[], method = "get", path = `/x/${operationId ?? "none"}`) => ({ operationId, tags, method, path });

describe("the naming rule of OpenAPI operations", () => {
  it("groups by the operationId's prefix, else by the first tag, else names flat, all camelCase", () => {
    const names = operationMethodNames([
      op("issues/add-labels", ["issues"]),
      op("repos/get-content"),
      op("echo.request"),
      op("createIssue", ["Issues", "Other"]),
      op("get-latest-rates"),
      op(undefined, undefined, "get", "/v1/latest"),
      op(undefined, ["Server Info"], "post", "/v2/{id}/HTTPStatus"),
      op("2fa-check"),
      op("then"),
    ]);
    expect(names).toEqual([
      "issues.addLabels",
      "repos.getContent",
      "echo.request",
      "issues.createIssue",
      "getLatestRates",
      "getV1Latest",
      "serverInfo.postV2IdHttpStatus",
      "_2faCheck",
      "then_",
    ]);
    for (const name of names) expect(isValidMethodName(name)).toBe(true);
  });

  it("camelCases at separators and case boundaries", () => {
    expect(camelCase("add-labels")).toBe("addLabels");
    expect(camelCase("getURLForUser")).toBe("getUrlForUser");
    expect(camelCase("constructor")).toBe("constructor_");
    expect(camelCase("--")).toBe("_");
  });

  it("cuts a long name with the hash of its operationId, so a cut never makes two names meet", () => {
    const stem = "actions/get-".concat("very-long-words-".repeat(6));
    const [a, b] = operationMethodNames([op(`${stem}alpha`), op(`${stem}beta`)]);
    expect(a).not.toBe(b);
    for (const name of [a, b]) for (const segment of name.split(".")) expect(segment.length).toBeLessThanOrEqual(MAX_NAME_SEGMENT_CHARS);
    expect(a.endsWith(`_${stableHash(`${stem}alpha`)}`)).toBe(true);
    expect(b.endsWith(`_${stableHash(`${stem}beta`)}`)).toBe(true);
  });

  it("settles a collision with hashes, whatever the order of the operations", () => {
    const ops = [op("foo-bar"), op("foo_bar"), op("fooBar"), op("issues"), op("issues/get")];
    const names = operationMethodNames(ops);
    expect(names[2]).toBe("fooBar");
    expect(names[0]).toBe(`fooBar_${stableHash("foo-bar")}`);
    expect(names[1]).toBe(`fooBar_${stableHash("foo_bar")}`);
    expect(names[3]).toBe(`issues_${stableHash("issues")}`);
    expect(names[4]).toBe("issues.get");
    const reversed = operationMethodNames([...ops].reverse());
    expect(reversed).toEqual([...names].reverse());
  });

  it("tells apart a repeated operationId by its method and path", () => {
    const names = operationMethodNames([op("list", undefined, "get", "/a"), op("list", undefined, "get", "/b")]);
    expect(names[0]).not.toBe(names[1]);
    expect(names).toEqual([`list_${stableHash("GET /a")}`, `list_${stableHash("GET /b")}`]);
  });
});

describe("MCP tool names", () => {
  it("stay flat and reversible, and settle collisions by hash, not by order", () => {
    const tools = ["get-user", "files.read", "2fa", "then", "a-b", "a_b", "a.b", "ok_name"];
    const names = sanitizeImportedNames(tools);
    expect([...names]).toEqual([
      ["get_user", "get-user"],
      ["files_read", "files.read"],
      ["_2fa", "2fa"],
      ["then_", "then"],
      [`a_b_${stableHash("a-b")}`, "a-b"],
      ["a_b", "a_b"],
      [`a_b_${stableHash("a.b")}`, "a.b"],
      ["ok_name", "ok_name"],
    ]);
    expect(new Map(sanitizeImportedNames([...tools].reverse()))).toEqual(new Map(names));
  });

  it("cut a long name with its hash", () => {
    const long = "x".repeat(100);
    const [[name, original]] = sanitizeImportedNames([`${long}1`, `${long}2`]);
    expect(original).toBe(`${long}1`);
    expect(name).toBe(`${"x".repeat(MAX_NAME_SEGMENT_CHARS - 7)}_${stableHash(`${long}1`)}`);
  });
});

describe("old names of OpenAPI imports", () => {
  it("follow the old rule exactly, order-dependent suffixes included", () => {
    expect(legacyMethodNames(["issues/add-labels", "a-b", "a.b", "then", "get_/v1/latest"])).toEqual(["issues_add_labels", "a_b", "a_b_2", "then_", "get__v1_latest"]);
  });

  it("alias only names that changed and that no current method or group uses", () => {
    expect(legacyAliases(["get-latest-rates", "echo.request", "ok", "issues"], ["getLatestRates", "echo.request", "ok", "issues_x"])).toEqual({
      get_latest_rates: "getLatestRates",
      echo_request: "echo.request",
      issues: "issues_x",
    });
    expect(legacyAliases(["echo", "echo/get"], ["echo_abc", "echo.get"])).toEqual({ echo_get: "echo.get" });
  });
});

describe("method names in contracts", () => {
  const method = defineMethod({ description: "d", input: z.object({}), output: z.null() });

  it("may be group.method, two valid names joined by one dot", () => {
    expect(isValidMethodName("issues.addLabels")).toBe(true);
    for (const bad of ["a.b.c", "issues.then", "__proto__.x", "a.", ".a", "issues.constructor"]) expect(isValidMethodName(bad)).toBe(false);
    expect(() => defineApi({ name: "gh", description: "d", methods: { "a.b.c": method } })).toThrow(/optionally as group\.method/);
  });

  it("refuse a group that is also a method, and an alias that points nowhere", () => {
    expect(() => defineApi({ name: "gh", description: "d", methods: { issues: method, "issues.get": method } })).toThrow(/both a method "issues" and a group "issues"/);
    expect(() => defineApi({ name: "gh", description: "d", methods: { get: method }, aliases: { old_get: "gone" } })).toThrow(/not a method of "gh"/);
    expect(() => defineApi({ name: "gh", description: "d", methods: { get: method }, aliases: { get: "get" } })).toThrow(/cannot be an alias/);
    const registry = new ApiRegistry();
    expect(() => registry.register({ name: "gh", description: "d", methods: { issues: method, "issues.get": method } }, { issues: () => null, "issues.get": () => null })).toThrow(/rename one of them/);
  });
});
