// The README's picture of the playground: starts the real host, opens
// /playground in headless Chromium (test/e2e/chromium.mjs), runs the default
// example and saves the page as a PNG.
// Run with: npm run build:sandbox && npm exec -- node test/e2e/playground-screenshot.mjs [--width 1280] [--height 800] [--dark] [--out path]
//   (default out: host/front/playground/playground.png, the README's)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { launchChromium } from "./chromium.mjs";
import { startHost } from "./host-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { values } = parseArgs({
  options: {
    width: { type: "string", default: "1280" },
    height: { type: "string", default: "800" },
    dark: { type: "boolean", default: false },
    out: { type: "string", default: join(root, "host", "front", "playground", "playground.png") },
  },
});

const host = await startHost();
const browser = await launchChromium({ viewport: { width: Number(values.width), height: Number(values.height) }, colorScheme: values.dark ? "dark" : "light" });
try {
  const page = await browser.context.newPage();
  await page.goto(`${host.base}/playground`);
  await page.locator("#apis input").first().waitFor();
  await page.locator(".cm-content").focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Control+Enter");
  await page.locator(".outcome.ok").waitFor();
  await page.screenshot({ path: values.out });
  console.log(`saved ${values.out}`);
} finally {
  await browser.close();
  await host.stop();
}
