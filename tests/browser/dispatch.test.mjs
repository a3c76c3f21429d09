// Dispatch by schedule and distance (issue #18, item 19): a request whose site
// was taken at intake far from the customer's registered farm shows the site
// with a map link; the supervisor records the best engineer's training on the
// engineer's page, and the dispatch panel then says, in the user's language,
// who is beyond the distance limit and who is away until when; cancelling the
// absence empties the section. Against `furrow serve --demo`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf } from './helpers.mjs';

const CUSTOMER_PHONE = '13674083750';
const MACHINE_SERIAL = '4LZ8M-2025-00201';
// 郑州: far (over 1,000 km) from every engineer near 哈尔滨.
const SITE = { lat: 34.75, lon: 113.62 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A time as the app's fields take it: `YYYY-MM-DD HH:MM`, Beijing time. */
function local(iso) {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

test('the site is shown with its map, and an absent engineer is ranked last with the reason', async () => {
  const [agentToken, supToken] = [await tokenOf('agent'), await tokenOf('supervisor')];
  const customer = (await api('GET', `/customers?q=${CUSTOMER_PHONE}`, { token: agentToken })).body.items[0];
  const machines = await api('GET', `/machines?q=${MACHINE_SERIAL}`, { token: agentToken });
  const machine = machines.body.items.find((m) => m.serial_number === MACHINE_SERIAL);
  const created = await api('POST', '/service-requests', {
    token: agentToken,
    body: {
      kind: 'repair', customer_id: customer.id, machine_id: machine.id, needs_onsite: true,
      priority: 'normal', symptoms: `跨区作业故障（派工测试 ${Date.now().toString(36)}）`,
      site_address: '河南省郑州市中牟县跨区作业点', site_lat: SITE.lat, site_lon: SITE.lon,
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal(created.body.site_address, '河南省郑州市中牟县跨区作业点');
  const before = (await api('GET', `/service-requests/${id}/engineer-suggestions`, { token: supToken })).body;
  // Those beyond 400 km of 郑州 (the 哈尔滨 engineers among them) rank after
  // every engineer within it, qualified or not.
  const far = (s) => s.reasons.some((r) => r.code === 'beyond_limit');
  const firstFar = before.findIndex(far);
  assert.ok(firstFar > 0, JSON.stringify(before));
  assert.ok(before.slice(firstFar).every(far) && !before.slice(0, firstFar).some(far), JSON.stringify(before));
  assert.ok(before.some((s) => s.home_base === '哈尔滨服务站' && far(s)), JSON.stringify(before));
  const best = before[0];

  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    // The supervisor records the best engineer's training over the proposed time.
    await signInAt(page, `/engineers/${best.engineer_id}`, 'supervisor');
    await page.waitForSelector('[data-testid=engineer-absences]');
    await page.waitForSelector('[data-testid=absences-empty]');
    const due = created.body.arrival_due;
    const from = local(new Date(Date.parse(due) - 6 * 3600 * 1000).toISOString());
    const to = local(new Date(Date.parse(due) + 30 * 3600 * 1000).toISOString());
    await page.fill('[data-testid=absence-from]', from);
    await page.fill('[data-testid=absence-to]', to);
    await page.selectOption('[data-testid=absence-reason]', 'training');
    await page.fill('[data-testid=absence-note]', '新机型培训');
    await page.click('[data-testid=absence-submit]');
    await page.waitForSelector('[data-testid=absence-row]');
    assert.match(await page.textContent('[data-testid=absence-row]'), /培训/);
    assert.match(await page.textContent('[data-testid=absence-row]'), new RegExp(from));
    await shot(page, 'engineer-absences-zh-CN');

    // The request's page: the site with a map at its point, and the ranking's reasons.
    await page.goto(new URL(`/service-requests/${id}`, page.url()).href);
    await page.waitForSelector('[data-testid=sr-site]');
    assert.match(await page.textContent('[data-testid=sr-site]'), /河南省郑州市中牟县跨区作业点/);
    assert.match(await page.getAttribute('[data-testid=sr-site-map]', 'href'), /marker\?position=113\.62,34\.75/);
    await page.waitForSelector('[data-testid=suggestion-0]');
    if (await page.locator('[data-testid=suggestions-all]').count()) {
      await page.click('[data-testid=suggestions-all]');
    }
    const count = await page.locator('[data-testid=dispatch-suggestions] > li').count();
    assert.equal(count, before.length);
    // Absent, the best engineer ranks after every engineer who is free; only
    // the absent (the demo has its own, beyond the limit) come after.
    const absent = (s) => s.reasons.some((r) => r.code === 'absent');
    const ranked = (await api('GET', `/service-requests/${id}/engineer-suggestions`, { token: supToken })).body;
    const at = ranked.findIndex((s) => s.engineer_id === best.engineer_id);
    assert.ok(at > 0 && ranked.slice(0, at).every((s) => !absent(s)), JSON.stringify(ranked));
    assert.ok(ranked.slice(at).every(absent), JSON.stringify(ranked));
    const moved = page.locator(`[data-testid=suggestion-${at}]`);
    assert.equal(await moved.getAttribute('data-engineer'), best.display_name);
    assert.match(await moved.textContent(), new RegExp(`培训至 ${to}，排在最后`));
    // The absent engineer left the first place; the first one beyond the limit says so.
    assert.notEqual(await page.getAttribute('[data-testid=suggestion-0]', 'data-engineer'), best.display_name);
    assert.match(
      await page.textContent(`[data-testid=suggestion-${firstFar - 1}]`),
      /超出派工半径 400 公里，排在半径内的工程师之后/,
    );
    await shot(page, 'dispatch-absent-beyond-limit-zh-CN');

    // Cancelled, the absence leaves the list.
    await page.goto(new URL(`/engineers/${best.engineer_id}`, page.url()).href);
    await page.waitForSelector('[data-testid=absence-cancel]');
    await page.click('[data-testid=absence-cancel]');
    await page.waitForSelector('[data-testid=absences-empty]');
    const after = (await api('GET', `/service-requests/${id}/engineer-suggestions`, { token: supToken })).body;
    assert.equal(after[0].engineer_id, best.engineer_id);
  } finally {
    await page.context().close();
    const cancelled = await api('POST', `/service-requests/${id}/cancel`, {
      token: supToken, ifMatch: created.body.version, body: { reason: '派工测试结束' },
    });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  }
});

test('an administrator changes the distance limit on the dispatch settings page', async () => {
  const page = await newPage(browser, { locale: 'en' });
  try {
    await signInAt(page, '/settings', 'admin');
    await page.waitForSelector('[data-testid=setting-dispatch]');
    await page.click('[data-testid=setting-dispatch-edit]');
    await page.waitForSelector('[data-testid=dispatch-form]');
    const field = '[data-testid=dispatch-max_distance_km]';
    assert.equal(await page.inputValue(field), '400');
    await page.fill(field, '0');
    await page.click('[data-testid=dispatch-save]');
    await page.waitForSelector('[data-testid=dispatch-max_distance_km-error]');
    await page.fill(field, '350');
    await page.click('[data-testid=dispatch-save]');
    await page.waitForSelector('[data-testid=dispatch-saved]');
    await shot(page, 'settings-dispatch-en');
    const token = await tokenOf('admin');
    const saved = await api('GET', '/settings/dispatch', { token });
    assert.equal(saved.body.max_distance_km, 350);
    // Back to the default, for the other tests.
    const etag = Number(saved.headers.get('etag').replaceAll('"', ''));
    const back = await api('PUT', '/settings/dispatch', {
      token, ifMatch: etag, body: { ...saved.body, max_distance_km: 400 },
    });
    assert.equal(back.status, 200, JSON.stringify(back.body));
  } finally {
    await page.context().close();
  }
});
