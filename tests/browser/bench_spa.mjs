// The SPA's first render, for `cargo xtask bench`: a cold headless Chromium
// (new context, empty cache) navigates to FURROW_URL and waits for the sign-in
// form; the time is the page's own clock (ms since navigation start) when the
// form is in the DOM. Prints one JSON line: {"runs_ms": [...], "median_ms": n}.
// Not a test file (no .test.mjs): `node --test` does not pick it up.
//   FURROW_URL=http://127.0.0.1:8080 node tests/browser/bench_spa.mjs [runs]

import { chromium } from 'playwright-core';

const base = (process.env.FURROW_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const runs = Number(process.argv[2] || 5);

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
const times = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/`, { waitUntil: 'commit', timeout: 30000 });
    await page.waitForSelector('[data-testid="login-form"]', { state: 'attached', timeout: 30000 });
    const ms = await page.evaluate(() => performance.now());
    times.push(Math.round(ms));
    await context.close();
  }
} finally {
  await browser.close();
}
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({ runs_ms: times, median_ms: sorted[Math.floor(sorted.length / 2)] }));
