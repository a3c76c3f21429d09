// Shared glue for Furrow's browser tests (node --test + playwright-core).
// `cargo xtask test` starts a fresh `furrow serve --demo` and sets:
//   FURROW_URL  where it listens          (default http://127.0.0.1:8080, i.e. `cargo xtask run`)
//   CHROMIUM    the browser executable    (default /usr/bin/chromium, Debian's package)
//   ARTIFACTS   where screenshots go      (default tests/browser/artifacts)
// Run one file by hand: FURROW_URL=http://127.0.0.1:8080 node --test tests/browser/<name>.test.mjs

import { mkdirSync } from 'node:fs';
import http from 'node:http';
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

/** The password of every demo user (`furrow serve --demo`). */
export const DEMO_PASSWORD = 'furrow-demo';

/** Fills the sign-in form on the current page and submits it. */
export async function signIn(page, username, password = DEMO_PASSWORD) {
  await page.fill('[data-testid=login-username]', username);
  await page.fill('[data-testid=login-password]', password);
  await page.click('[data-testid=login-submit]');
}

/** Opens `path` signed out, which shows the sign-in form, and signs in there. */
export async function signInAt(page, path, username, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForSelector('[data-testid=login-form]');
  await signIn(page, username, password);
}

/**
 * Set-up and cross-checks straight through the API (the UI path is what the
 * tests test). A Uint8Array body is sent as it is, with `contentType`.
 */
export async function api(method, path, { token, body, contentType, ifMatch } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
  let payload;
  if (body instanceof Uint8Array) {
    headers['content-type'] = contentType;
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** A demo user's access token. */
export async function tokenOf(username, password = DEMO_PASSWORD) {
  const res = await api('POST', '/auth/login', { body: { username, password } });
  if (res.status !== 200) {
    throw new Error(`${username} cannot sign in: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.access_token;
}

/** The image at `selector` once loaded: its `src` and natural size. */
export async function loadedImage(page, selector) {
  await page.waitForFunction(
    (sel) => {
      const img = document.querySelector(sel);
      return img && img.complete && img.naturalWidth > 0;
    },
    selector,
  );
  return page.$eval(selector, (img) => ({ src: img.getAttribute('src'), w: img.naturalWidth, h: img.naturalHeight }));
}

/**
 * A repair of `machineId` taken in by the demo agent, dispatched by the
 * supervisor to the demo engineer, checked in and finished with the
 * inspection passed, all through the API: the request, its work order's id
 * and the three accounts' tokens.
 */
export async function finishedRepair({ customerId, machineId, symptoms, priority = 'normal' }) {
  const tokens = {
    agent: await tokenOf('agent'),
    sup: await tokenOf('supervisor'),
    eng: await tokenOf('engineer'),
  };
  const expect = (res, status) => {
    if (res.status !== status) throw new Error(`${status} expected: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const me = expect(await api('GET', '/me', { token: tokens.eng }), 200);
  const request = expect(await api('POST', '/service-requests', {
    token: tokens.agent,
    body: { kind: 'repair', customer_id: customerId, machine_id: machineId, needs_onsite: true, priority, symptoms },
  }), 201);
  const dispatched = expect(await api('POST', `/service-requests/${request.id}/dispatch`, {
    token: tokens.sup, ifMatch: request.version, body: { engineer_id: me.id },
  }), 200);
  const woId = dispatched.work_order_id;
  let wo = expect(await api('GET', `/work-orders/${woId}`, { token: tokens.eng }), 200);
  wo = expect(await api('POST', `/work-orders/${woId}/check-in`, { token: tokens.eng, ifMatch: wo.version }), 200);
  expect(await api('POST', `/work-orders/${woId}/finish`, {
    token: tokens.eng, ifMatch: wo.version, body: { inspection_passed: true },
  }), 200);
  return { request, woId, tokens };
}

/**
 * A local webhook receiver on 127.0.0.1 (the test server runs with
 * FURROW_WEBHOOKS_ALLOW_INTERNAL): `url(path)`, the requests it got
 * (`received`, each `{ headers, body }`), `count(n)` waiting up to 10 s for
 * `n` of them, `where(wanted)` waiting up to 15 s for one whose body passes,
 * and `close()`. It answers every delivery 200.
 */
export async function startReceiver() {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const until = async (done, ms) => {
    const deadline = Date.now() + ms;
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };
  return {
    url: (path = '/furrow') => `http://127.0.0.1:${server.address().port}${path}`,
    received,
    async count(n) {
      await until(() => received.length >= n, 10000);
      return received.length;
    },
    async where(wanted) {
      await until(() => received.some((r) => wanted(r.body)), 15000);
      const hit = received.find((r) => wanted(r.body));
      if (!hit) throw new Error(`no such delivery among ${received.length}`);
      return hit;
    },
    close: () => server.close(),
  };
}
