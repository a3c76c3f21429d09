// The web apps' first screens, for `cargo xtask bench`: for each bundle a cold
// headless Chromium (new context, empty cache) navigates to its address and
// waits for its first screen; the time is the page's own clock (ms since
// navigation start) when that screen is in the DOM.
// Not a test file (no .test.mjs): `node --test` does not pick it up.
//   FURROW_URL=http://127.0.0.1:8080 node tests/browser/bench_spa.mjs [runs] [screens]
// `screens` is a JSON list of {"name", "path", "selector"}; without it, the
// office's sign-in page. Prints one JSON line:
//   {"bundles": {"<name>": {"runs_ms": [...], "median_ms": n}, ...}}

import { chromium } from 'playwright-core';

const base = (process.env.FURROW_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const runs = Number(process.argv[2] || 5);
const screens = process.argv[3]
  ? JSON.parse(process.argv[3])
  : [{ name: 'office', path: '/', selector: '[data-testid="login-form"]' }];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const bundles = {};
try {
  for (const screen of screens) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${base}${screen.path}`, { waitUntil: 'commit', timeout: 30000 });
      await page.waitForSelector(screen.selector, { state: 'attached', timeout: 30000 });
      const ms = await page.evaluate(() => performance.now());
      times.push(Math.round(ms));
      await context.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    bundles[screen.name] = { runs_ms: times, median_ms: sorted[Math.floor(sorted.length / 2)] };
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ bundles }));
