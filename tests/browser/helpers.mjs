// Shared glue for Furrow's browser tests (node --test + playwright-core).
// `cargo xtask test` starts a fresh `furrow serve --demo` and sets:
//   FURROW_URL  where it listens          (default http://127.0.0.1:8080, i.e. `cargo xtask run`)
//   CHROMIUM    the browser executable    (default /usr/bin/chromium, Debian's package)
//   ARTIFACTS   where screenshots go      (default tests/browser/artifacts)
// Run one file by hand: FURROW_URL=http://127.0.0.1:8080 node --test tests/browser/<name>.test.mjs

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

/** Base URL of the server under test, without a trailing slash. */
export const baseUrl = (process.env.FURROW_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

/** Folder for screenshots and other artifacts. */
export const artifacts = process.env.ARTIFACTS || join(here, 'artifacts');

/**
 * Headless Debian Chromium. The flags keep it off the network (this machine's
 * network is closed; without them Chromium retries Google's hosts) and work as root.
 */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a new browser context with the given locale ('zh-CN', 'en-US', ...)
 * and a 1280x800 viewport. Uncaught page errors are printed to the test output.
 * Close it with `await page.context().close()`.
 */
export async function newPage(browser, { locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({
    locale,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
  return page;
}

/** Saves a full-page PNG screenshot as <ARTIFACTS>/<name>.png and returns its path. */
export async function shot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  const safe = String(name).replace(/[^\p{L}\p{N}._-]+/gu, '-');
  const path = join(artifacts, `${safe}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
