import { closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, lintKeymap } from "@codemirror/lint";
import { Compartment, EditorSelection, Prec, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import type { Position } from "./host-api.js";
import { offsetAt } from "./positions.js";

/**
 * The code editor: CodeMirror 6 with TypeScript highlighting, long lines
 * wrapped (no sideways scrolling on a phone), Tab to
 * indent (Esc then Tab moves focus on, CodeMirror's escape from the tab
 * trap), Ctrl/Cmd+Enter to run, and whatever `language` adds (completions,
 * hover, diagnostics: language-service.ts). Colours come from
 * playground.css through token classes (`tok-keyword`, …), so light and
 * dark mode follow the page; the editor's own chrome follows
 * prefers-color-scheme through CodeMirror's dark-theme flag.
 */
export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Ctrl/Cmd+Enter, from anywhere in the editor. */
  onRun: () => void;
  /** Every change of the text. */
  onChange: (code: string) => void;
  language: Extension;
  /** The page's style nonce (serve-playground.ts), for the <style> element CodeMirror writes its rules into. */
  styleNonce: string;
}

const DARK_QUERY = "(prefers-color-scheme: dark)";

export function createEditor({ parent, doc, onRun, onChange, language, styleNonce }: EditorOptions): EditorView {
  const dark = matchMedia(DARK_QUERY);
  const scheme = new Compartment();
  const view = new EditorView({
    parent,
    doc,
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (onRun(), true) }])),
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      history(),
      drawSelection(),
      EditorView.lineWrapping,
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      lintGutter(),
      javascript({ typescript: true }),
      syntaxHighlighting(classHighlighter),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
      EditorView.cspNonce.of(styleNonce),
      EditorView.contentAttributes.of({ "aria-label": "Agent code (TypeScript)" }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
      scheme.of(EditorView.darkTheme.of(dark.matches)),
      language,
    ],
  });
  dark.addEventListener("change", () => view.dispatch({ effects: scheme.reconfigure(EditorView.darkTheme.of(dark.matches)) }));
  return view;
}

/** Replaces the whole text, as one undoable change. */
export function setCode(view: EditorView, code: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
}

/**
 * Puts the cursor at a position the host reported (clamped into the text)
 * and focuses the editor there.
 */
export function goTo(view: EditorView, at: Position): void {
  view.dispatch({ selection: EditorSelection.cursor(offsetAt(view.state.doc, at)), scrollIntoView: true });
  view.focus();
}
