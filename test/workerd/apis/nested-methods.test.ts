import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineApi, defineMethod } from "../../../api-types/define.js";
import { declareApis, declareCheckedApis } from "../../../host/apis/declarations.js";
import type { RegisteredApi } from "../../../host/apis/registry.js";
import { searchApis } from "../../../host/apis/search.js";
import { createAgentSource } from "../../../host/execution/agent-source.js";
import { TypeChecker } from "../../../host/execution/check/typecheck.js";

const labels = defineMethod({ description: "Adds labels to an issue.", input: z.object({ issue: z.number(), labels: z.array(z.string()) }), output: z.array(z.string()) });
const github = defineApi({
  name: "github",
  description: "A GitHub-like API.",
  methods: {
    "issues.addLabels": labels,
    "repos.get": defineMethod({ description: "Reads one repository.", input: z.object({ repo: z.string() }), output: z.object({ stars: z.number() }) }),
    "issues.removeLabel": defineMethod({ description: "Removes one label.", input: z.object({ issue: z.number(), label: z.string() }), output: z.null() }),
    meta: defineMethod({ description: "The API's meta data.", input: z.object({}), output: z.unknown() }),
  },
  aliases: { issues_add_labels: "issues.addLabels", get_meta: "meta" },
});
const registered: RegisteredApi = { contract: github, handlers: Object.fromEntries(Object.keys(github.methods).map((m) => [m, () => null])) };

describe("methods in groups", () => {
  it("are declared as nested members, with their docs, and without the old names", () => {
    const text = declareApis([github]);
    expect(text).toMatch(/declare const github: \{\n {2}issues: \{\n {4}\/\*\* Adds labels to an issue\. \*\/\n {4}addLabels\(input: \{/);
    expect(text).toMatch(/\n {4}removeLabel\(input: \{/);
    expect(text).toMatch(/\n {2}repos: \{\n {4}\/\*\* Reads one repository\. \*\/\n {4}get\(input/);
    expect(text).toMatch(/\n {2}meta\(input\?: \{/);
    expect(text).not.toContain("issues_add_labels");
  });

  it("are found by search in words and in camelCase, and answered nested", () => {
    for (const query of ["add labels", "addLabels", "issues.addLabels"]) {
      const found = searchApis([registered], query);
      expect(found.hits[0]).toMatchObject({ api: "github", method: "issues.addLabels" });
      expect(found.declarations).toMatch(/issues: \{\n\s+\/\*\* Adds labels to an issue\. \*\/\n\s+addLabels\(/);
      expect(found.declarations).not.toContain("issues_add_labels");
    }
  });
});

describe("old names in the type check", () => {
  const checker = new TypeChecker();
  const errors = (code: string) => {
    const checked = checker.check(createAgentSource(code), declareCheckedApis([github]));
    if (!checked.ok) throw new Error(checked.budgetExceeded);
    return checked.diagnostics.map((d) => d.message);
  };

  it("type-check as the method they name, deprecated, without repeating its signature", () => {
    const text = declareCheckedApis([github]);
    expect(text).toContain("@deprecated Renamed to github.issues.addLabels; the old name goes away in the next release.");
    expect(text).toContain('readonly issues_add_labels: Methods_["issues"]["addLabels"];');
    expect(text.match(/labels: string\[\]/g)).toHaveLength(1);
    expect(errors(`const added: string[] = await github.issues_add_labels({ issue: 1, labels: ["bug"] }); await github.get_meta(); return added;`)).toEqual([]);
    expect(errors(`return await github.issues.addLabels({ issue: 1, labels: ["bug"] });`)).toEqual([]);
  });

  it("still refuse what the method refuses, and names that never existed", () => {
    expect(errors(`return await github.issues_add_labels({ issue: "1", labels: [] });`).join("\n")).toMatch(/not assignable to type 'number'/);
    expect(errors(`return await github.issues_add_label({ issue: 1, labels: [] });`).join("\n")).toMatch(/does not exist/);
    expect(errors(`return await github.issues.nope();`).join("\n")).toMatch(/'nope' does not exist/);
  });
});
