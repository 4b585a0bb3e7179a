import { forceLinting } from "@codemirror/lint";
import type { ExecuteResponse } from "../../../../api-types/execution.js";
import { createApiPicker } from "./api-picker.js";
import { askApproval } from "./approval-prompt.js";
import { DEFAULT_EXAMPLE } from "./default-example.js";
import { createEditor, goTo, setCode } from "./editor.js";
import { createHostApi } from "./host-api.js";
import { languageService } from "./language-service.js";
import { showFailure, showResponse, showRunning } from "./result-view.js";
import { logItem, runCode } from "./run.js";
import { bindSessionControls } from "./session-controls.js";
import { loadCode, loadSession, loadSettings, loadToken, saveCode, saveSettings } from "./settings.js";
import { sharedCode, shareLink } from "./share-link.js";
import { statsLine } from "./stats-line.js";

/**
 * The playground page: wires the parts to the elements of page.html. The
 * code opens from a share link's fragment if there is one (which is then
 * dropped from the address bar, the code kept in storage), else from
 * storage, else the default example.
 */

/** The API a session grants (api-types/session.ts). */
const SESSION_API = "session";

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`The playground page has no #${id}; host/front/playground/page.html and app/main.ts disagree.`);
  return found as T;
}

const status = byId("status");
const runButton = byId<HTMLButtonElement>("run");
const logs = byId<HTMLOListElement>("logs");
const result = byId("result");
const stats = byId("stats");
const token = byId<HTMLInputElement>("token");
const session = byId<HTMLInputElement>("session");
const check = byId<HTMLInputElement>("check");

token.value = loadToken();
session.value = loadSession();
check.checked = loadSettings().check;
check.addEventListener("change", () => saveSettings({ ...loadSettings(), check: check.checked }));

const api = createHostApi(() => token.value.trim());

/**
 * The APIs code is checked against: the ticked ones, plus the session API
 * while a session is set (a run with a session is granted it). Until the
 * list has loaded, undefined: every API.
 */
function checkedApis(): string[] | undefined {
  const ticked = picker.selected();
  return ticked !== undefined && session.value.trim() !== "" ? [...ticked, SESSION_API] : ticked;
}

const editor = createEditor({
  parent: byId("editor"),
  doc: loadCode() ?? DEFAULT_EXAMPLE,
  onRun: () => void run(),
  onChange: saveCode,
  language: languageService(api, checkedApis),
  styleNonce: document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "",
});
const picker = createApiPicker(api, byId<HTMLFieldSetElement>("apis"), byId("types"), () => forceLinting(editor));
bindSessionControls(api, {
  token,
  session,
  create: byId("session-new"),
  burn: byId("session-burn"),
  note: byId("session-note"),
  onSessionChange: () => forceLinting(editor),
});

let running = false;

async function run(): Promise<void> {
  if (running) return;
  running = true;
  runButton.disabled = true;
  status.textContent = "Running…";
  logs.replaceChildren();
  showRunning(result);
  stats.textContent = "";
  // Ends the approval prompts still open when the run ends without them.
  const runEnded = new AbortController();
  let waiting = 0;
  let response: ExecuteResponse;
  try {
    response = await runCode({
      code: editor.state.doc.toString(),
      apis: picker.selected(),
      check: check.checked,
      token: token.value.trim(),
      session: session.value.trim(),
      onLog: (entry) => logs.append(logItem(entry)),
      onApproval: async (call) => {
        waiting += 1;
        status.textContent = "Waiting for your approval; the run's deadline is paused meanwhile.";
        try {
          return await askApproval(result, call, runEnded.signal);
        } finally {
          waiting -= 1;
          if (waiting === 0 && running) status.textContent = "Running…";
        }
      },
    });
  } catch (error) {
    showFailure(result, (error as Error).message);
    status.textContent = "The run did not happen.";
    return;
  } finally {
    running = false;
    runButton.disabled = false;
    runEnded.abort();
  }
  // The response holds every entry, streamed or not: it is the record.
  logs.replaceChildren(...response.logs.map(logItem));
  showResponse(result, response, (at) => goTo(editor, at));
  stats.textContent = statsLine(response.stats);
  status.textContent = response.ok ? "Done." : "The run failed.";
}


runButton.addEventListener("click", () => void run());

byId<HTMLButtonElement>("share").addEventListener("click", async () => {
  const link = await shareLink(editor.state.doc.toString(), new URL(location.href));
  history.replaceState(null, "", link);
  try {
    await navigator.clipboard.writeText(link);
    status.textContent = "Share link copied; it is also in the address bar. The code is in its #fragment, which browsers never send to a server.";
  } catch {
    status.textContent = "The share link is in the address bar: copy it from there. The code is in its #fragment, which browsers never send to a server.";
  }
});

sharedCode(location.hash).then(
  (code) => {
    if (code === undefined) return;
    setCode(editor, code);
    history.replaceState(null, "", location.pathname);
    status.textContent = "Opened the shared code. Read it before you run it.";
  },
  (error: Error) => {
    status.textContent = error.message;
  },
);
