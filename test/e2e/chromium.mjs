// Headless Chromium for the browser tests and the README's playground
// screenshot: Debian's chromium package, driven by playwright-core (which
// downloads no browser of its own). Each launch gets a fresh profile in a
// temporary folder, removed again by close().
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Flags for a machine without a display or outbound network: without the
 * background-networking ones Chromium keeps opening connections that a
 * closed network refuses.
 */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts Chromium with a fresh profile and resolves with its browser
 * context (pages share the profile: a reload keeps localStorage) and
 * close(). Throws a sentence saying how to install Chromium when it is
 * missing: the browser tests fail then, they do not skip.
 */
export async function launchChromium({ viewport = { width: 1280, height: 800 }, colorScheme = "light" } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (as .ci/run does), then run the test again.`);
  }
  const profile = await mkdtemp(join(tmpdir(), "ghostwire-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport, colorScheme });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
