// The playground in a real browser: headless Chromium (Debian's chromium
// package, test/e2e/chromium.mjs) against the real host (`npm start`), here
// with a client token. It is refused without the token and runs with it: the
// default example, with Ctrl+Enter, the log streaming in before the result;
// types code and sees completions after `catalog.` and an inline type error
// at the agent's line and column; reloads and finds the code kept; at 360 px
// checks that the panes stack and nothing overflows; round-trips a share
// link; creates a session, uses it across two runs and burns it; asks for
// an order's approval inline, approved once and denied once with a note. Any
// Content-Security-Policy violation fails it. A failure saves a screenshot
// and names it in the error.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { join } from "node:path";
import { after, before, it } from "node:test";
import { launchChromium } from "./chromium.mjs";
import { startHost } from "./host-process.mjs";

/** How long one expected thing may take to appear before the test fails (a bound, not a measurement). */
const APPEAR_MS = 30_000;
const TYPED_CODE = 'const n: number = "x";\nreturn catalog.';
const CLIENT_TOKEN = "client-token-for-the-playground-test";
/** Counts its runs in the session's state. */
/** Orders two tents ($578): over $100, so the call waits for the page's approval. */
const ORDER_CODE = 'return await orders.place({ productId: "p-001", quantity: 2 });';
/** The same order, its denial caught: what the code sees of it. */
const DENIED_ORDER_CODE = 'try { return await orders.place({ productId: "p-001", quantity: 2 }); } catch (error) { return { name: (error as Error).name, message: (error as Error).message }; }';
const SESSION_CODE = 'const previous = await session.get({ key: "runs" });\nconst runs = (typeof previous === "number" ? previous : 0) + 1;\nawait session.set({ key: "runs", value: runs });\nreturn runs;';

let host;
let browser;
let page;
const cspViolations = [];

before(async () => {
  browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
  host = await startHost({ vars: { GHOSTWIRE_CLIENT_TOKEN: CLIENT_TOKEN } });
  page = await browser.context.newPage();
  page.setDefaultTimeout(APPEAR_MS);
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

/** Runs `step`; when it fails, saves a screenshot of the page and adds its path to the error. */
async function withScreenshot(name, step) {
  try {
    await step();
  } catch (error) {
    const path = join(tmpdir(), `ghostwire-playground-${name}-${process.pid}.png`);
    const saved = await page.screenshot({ path, fullPage: true }).then(
      () => `a screenshot of the page is at ${path}`,
      (failure) => `no screenshot could be taken (${failure.message})`,
    );
    error.message = `${error.message}\n(${saved})`;
    throw error;
  }
}

const editorText = () => page.locator(".cm-content").innerText();

it("is refused without the client token, with the host's sentence", () =>
  withScreenshot("token", async () => {
    await page.goto(`${host.base}/playground`);
    await page.locator("#apis input").first().waitFor();
    assert.match(await editorText(), /await catalog\.search\(/);
    await page.locator("#run").click();
    await page.locator(".outcome.failed", { hasText: "This host requires a client token" }).waitFor();
  }));

it("runs the default example with the token and Ctrl+Enter: the log streams in while it runs, then the result and the stats", () =>
  withScreenshot("run", async () => {
    await page.locator("#settings summary").click();
    await page.locator("#token").fill(CLIENT_TOKEN);
    // Record, when the first log line appears, whether the run was still going (Run disabled).
    await page.evaluate(() => {
      const logs = document.getElementById("logs");
      new MutationObserver((_, observer) => {
        window.firstLogWhileRunning = document.getElementById("run").disabled;
        observer.disconnect();
      }).observe(logs, { childList: true });
    });
    await page.locator(".cm-line").last().click();
    await page.keyboard.press("Control+Enter");
    await page.locator(".outcome.ok").waitFor();
    assert.equal(await page.evaluate(() => window.firstLogWhileRunning), true, "the first log line appeared only after the run ended: it was not streamed");
    assert.deepEqual(await page.locator("#logs li").allInnerTexts(), ["log found 3"]);
    assert.match(await page.locator("#result").innerText(), /names: \[3\][\s\S]*stats: \{5 keys\}[\s\S]*mean: /);
    assert.match(await page.locator("#stats").innerText(), /^\d+ ms · 2 API calls · [\d,]+ fuel · no egress$/);
  }));

it("offers completions after `catalog.` and shows a type error inline at the agent's line and column", () =>
  withScreenshot("language", async () => {
    await page.locator(".cm-content").focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type(TYPED_CODE);
    const options = page.locator(".cm-tooltip-autocomplete li");
    await options.first().waitFor();
    assert.deepEqual((await options.allInnerTexts()).sort(), ["categories", "get", "search"]);
    await page.keyboard.press("Escape");
    // TS2322 is reported at line 1, column 7: the `n` being declared.
    const error = page.locator(".cm-lintRange-error", { hasText: /^n$/ });
    await error.waitFor();
    await error.hover();
    await page.locator(".cm-tooltip-lint .cm-diagnostic-error", { hasText: "Type 'string' is not assignable to type 'number'." }).waitFor();
  }));

it("keeps the code across a reload", () =>
  withScreenshot("reload", async () => {
    await page.reload();
    await page.locator("#apis input").first().waitFor();
    assert.equal(await editorText(), TYPED_CODE);
  }));

it("stacks the panes at 360 px and nothing overflows the page, a failed run's code frames included", () =>
  withScreenshot("narrow", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.locator("#run").click();
    await page.locator(".frame pre").first().waitFor();
    const layout = await page.evaluate(() => {
      const box = (selector) => document.querySelector(selector).getBoundingClientRect();
      const page = document.scrollingElement;
      const outside = [...document.querySelectorAll(".bar, .settings, .apis, .panes, .editor, .output-pane, .frame, .stats, .declarations")]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
        .map((element) => element.className);
      return { scrollWidth: page.scrollWidth, width: window.innerWidth, outside, stacked: box(".output-pane").top >= box(".editor").bottom };
    });
    assert.ok(layout.scrollWidth <= layout.width, `the page is ${layout.scrollWidth} px wide at a ${layout.width} px viewport`);
    assert.deepEqual(layout.outside, []);
    assert.equal(layout.stacked, true, "the output pane is beside the editor instead of below it");
    assert.match(await page.locator(".outcome.failed").innerText(), /^CompileError: /);
  }));

it("puts the code in a share link's fragment, and opens such a link with its code", () =>
  withScreenshot("share", async () => {
    await page.locator("#share").click();
    await page.waitForURL(/#code=/);
    const shared = inflateRawSync(Buffer.from(new URL(page.url()).hash.slice("#code=".length), "base64url")).toString("utf8");
    assert.equal(shared, await editorText());
    await page.goto("about:blank");
    await page.goto(`${host.base}/playground#code=${deflateRawSync(SESSION_CODE).toString("base64url")}`);
    await page.locator("#status", { hasText: "Opened the shared code" }).waitFor();
    assert.equal(await editorText(), SESSION_CODE);
    assert.equal(new URL(page.url()).hash, "", "the fragment stayed in the address bar");
  }));

it("creates a session, keeps state in it across runs, and burns it", () =>
  withScreenshot("session", async () => {
    await page.locator("#settings").evaluate((details) => (details.open = true));
    await page.locator("#session-new").click();
    await page.locator("#session-note", { hasText: "New session" }).waitFor();
    const token = await page.locator("#session").inputValue();
    assert.match(token, /^gws/);
    for (const expected of ["1", "2"]) {
      await page.locator("#run").click();
      await page.locator(".outcome.ok").waitFor();
      assert.equal(await page.locator("#result .json-row").innerText(), expected);
    }
    await page.locator("#session-burn").click();
    await page.locator("#session-note", { hasText: "Session burnt" }).waitFor();
    assert.equal(await page.locator("#session").inputValue(), "");
    await page.locator("#session").fill(token);
    await page.locator("#run").click();
    await page.locator(".outcome.failed", { hasText: "This session token is not valid" }).waitFor();
  }));

/** Replaces the editor's code by typing it, and runs it with Ctrl+Enter. */
async function typeAndRun(code) {
  await page.locator(".cm-content").focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(code);
  await page.keyboard.press("Escape");
  assert.equal(await editorText(), code);
  await page.keyboard.press("Control+Enter");
}

it("asks for an order's approval inline, with the reason and the input; runs it approved, and the code sees ApprovalDenied with the note when denied with Esc", () =>
  withScreenshot("approval", async () => {
    await page.locator("#session").fill("");
    await typeAndRun(ORDER_CODE);
    const prompt = page.getByRole("alertdialog", { name: "orders.place needs your approval" });
    await prompt.waitFor();
    assert.match(await prompt.locator(".approval-reason").innerText(), /^an order of 2 × Trailblazer 2P Tent totals \$578, over \$100$/);
    assert.deepEqual(JSON.parse(await prompt.locator(".approval-input").innerText()), { productId: "p-001", quantity: 2 });
    assert.equal(await page.evaluate(() => document.activeElement.closest(".approval") !== null), true, "focus did not move to the prompt");
    const outside = await prompt.evaluate((element) => element.getBoundingClientRect().right > window.innerWidth);
    assert.equal(outside, false, "the prompt overflows the page at 360 px");
    await prompt.getByRole("button", { name: "Approve" }).click();
    await page.locator(".outcome.ok").waitFor();
    assert.match(await page.locator("#result").innerText(), /productId: "p-001"[\s\S]*quantity: 2[\s\S]*total: 578/);
    assert.equal(await prompt.count(), 0, "the prompt stayed after it was answered");

    await typeAndRun(DENIED_ORDER_CODE);
    await prompt.waitFor();
    await prompt.getByLabel(/^Note/).fill("over budget");
    await page.keyboard.press("Escape");
    await page.locator(".outcome.ok").waitFor();
    const result = await page.locator("#result").innerText();
    assert.match(result, /name: "ApprovalDenied"/);
    assert.match(result, /message: "orders\.place was denied by the Cap'n Web client: over budget"/);
    assert.equal(await prompt.count(), 0, "the prompt stayed after it was answered");
  }));

it("violated no Content-Security-Policy directive", () => {
  assert.deepEqual(cspViolations, []);
});
