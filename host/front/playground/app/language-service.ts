import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { linter, type Diagnostic } from "@codemirror/lint";
import type { Extension, Text } from "@codemirror/state";
import { hoverTooltip, type EditorView } from "@codemirror/view";
import type { DiagnosticInfo } from "../../../../api-types/execution.js";
import type { CompletionItem } from "../../../../api-types/language.js";
import type { HostApi } from "./host-api.js";
import { offsetAt, positionAt } from "./positions.js";

/**
 * The editor's glue to the host's language endpoints (POST /v1/check,
 * /v1/completions, /v1/hover): the same TypeScript service and API
 * declarations that gate a run. `apis()` names the APIs ticked now. The
 * host's answers are shown as text, never as HTML, and its positions are
 * clamped into the text (positions.ts).
 */

/** How long typing must pause before the code is checked again. */
const CHECK_DELAY_MS = 400;

/** TypeScript's completion kinds, as CodeMirror names the ones it styles; others show without a kind. */
const COMPLETION_TYPES: Readonly<Record<string, string>> = {
  method: "method",
  property: "property",
  function: "function",
  "local function": "function",
  var: "variable",
  let: "variable",
  const: "constant",
  "local var": "variable",
  parameter: "variable",
  keyword: "keyword",
  class: "class",
  interface: "interface",
  type: "type",
  enum: "enum",
  "enum member": "constant",
  module: "namespace",
  string: "text",
};

/** A signature above its documentation, as text. */
function describe(signature: string, documentation: string | undefined): HTMLElement {
  const box = document.createElement("div");
  box.className = "doc";
  const code = document.createElement("pre");
  code.textContent = signature;
  box.append(code);
  if (documentation) {
    const text = document.createElement("p");
    text.textContent = documentation;
    box.append(text);
  }
  return box;
}

function completion(item: CompletionItem): Completion {
  return {
    label: item.name,
    type: COMPLETION_TYPES[item.kind],
    ...(item.detail !== undefined && { info: () => describe(item.detail!, item.documentation) }),
  };
}

/** The range a diagnostic underlines: the word at its position, or one character. */
function diagnosticRange(view: EditorView, doc: Text, info: DiagnosticInfo): { from: number; to: number } {
  const from = offsetAt(doc, info);
  const word = view.state.wordAt(from);
  if (word !== null && word.from === from) return word;
  return { from, to: Math.min(from + 1, doc.lineAt(from).to) };
}

export function languageService(api: HostApi, apis: () => string[] | undefined): Extension {
  const complete = async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w$]*/);
    const from = word?.from ?? context.pos;
    const afterDot = context.state.sliceDoc(from - 1, from) === ".";
    if (!context.explicit && from === context.pos && !afterDot) return null;
    const controller = new AbortController();
    context.addEventListener("abort", () => controller.abort(), { onDocChange: true });
    const doc = context.state.doc;
    const items = await api.completions(doc.toString(), apis(), positionAt(doc, context.pos), controller.signal).catch(() => []);
    if (items.length === 0) return null;
    return { from, options: items.map(completion), validFor: /^[\w$]*$/ };
  };

  const hover = hoverTooltip(async (view, pos) => {
    const doc = view.state.doc;
    const answer = await api.hover(doc.toString(), apis(), positionAt(doc, pos)).catch(() => undefined);
    if (answer === undefined || answer.text === "") return null;
    return { pos, above: true, create: () => ({ dom: describe(answer.text, answer.documentation) }) };
  });

  const check = linter(
    async (view): Promise<Diagnostic[]> => {
      const doc = view.state.doc;
      if (doc.length === 0) return [];
      let found: DiagnosticInfo[];
      try {
        found = await api.check(doc.toString(), apis());
      } catch (error) {
        return [{ from: 0, to: 0, severity: "warning", message: `Could not check the code: ${(error as Error).message}` }];
      }
      return found.map((info) => ({
        ...diagnosticRange(view, doc, info),
        severity: "error",
        source: `TS${info.code}`,
        message: info.hint === undefined ? info.message : `${info.message}\n${info.hint}`,
      }));
    },
    { delay: CHECK_DELAY_MS },
  );

  return [autocompletion({ override: [complete], icons: false }), hover, check];
}
