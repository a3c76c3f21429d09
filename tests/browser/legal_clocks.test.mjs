// The 三包 legal clocks (issue #18, items 1-3): an administrator adds a
// service station with a radius in the settings (a radius without a point is
// refused on its field), and a request's page says which regime its clocks
// follow, with the busy-season repair deadline marked provisional until a
// diagnosis. Against `furrow serve --demo` (demo password: furrow-demo).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launch, newPage, shot, signInAt, api, tokenOf } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PAGE = '[data-testid=service_network-settings-page]';

async function version(page) {
  return Number(await page.getAttribute(PAGE, 'data-version'));
}

test('an administrator adds a station with a radius; a radius without a point is refused', async () => {
  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    await signInAt(page, '/settings', 'admin');
    await page.waitForSelector('[data-testid=setting-service_network]');
    await page.click('[data-testid=setting-service_network-edit]');
    await page.waitForSelector('[data-testid=service_network-form]');
    const start = await version(page);
    const n = await page.locator('[data-testid=service_network-form] ol > li').count();
    assert.equal(n, 5, 'the default network: one station per province the demo sells in');
    const field = (f) => `[data-testid=service_network-stations-${n}-${f}]`;
    await page.click('[data-testid=station-add]');
    await page.fill(field('name'), '中牟服务站');
    await page.fill(field('radius_km'), '30');
    await page.click('[data-testid=service_network-save]');
    await page.waitForSelector(`[data-testid=service_network-stations-${n}-lat-error]`);
    assert.equal(await version(page), start);

    await page.fill(field('lat'), '34.72');
    await page.fill(field('lon'), '113.98');
    await page.click('[data-testid=service_network-save]');
    await page.waitForSelector('[data-testid=service_network-saved]');
    await page.waitForSelector(`${PAGE}[data-version="${start + 1}"]`);
    await shot(page, 'settings-service-network-zh-CN');
    const token = await tokenOf('admin');
    const saved = await api('GET', '/settings/service_network', { token });
    assert.deepEqual(saved.body.stations[n], {
      name: '中牟服务站', divisions: [], location: { lat: 34.72, lon: 113.98 }, radius_km: 30,
    });

    // Take it out again, so other tests see the default network.
    await page.click(`[data-testid=station-${n}-remove]`);
    await page.click('[data-testid=service_network-save]');
    await page.waitForSelector(`${PAGE}[data-version="${start + 2}"]`);
  } finally {
    await page.context().close();
  }
});

test("a request's page names its clocks' regime, in both languages", async () => {
  const token = await tokenOf('supervisor');
  const list = await api('GET', '/service-requests?limit=50', { token });
  const items = list.body.items ?? list.body;
  const sr = items.find((r) => r.legal_clock) ?? items[0];
  const full = (await api('GET', `/service-requests/${sr.id}`, { token })).body;
  const zh = {
    sanbao_busy_season: '三包·农忙季节',
    sanbao_working_days: '三包·30个工作日',
    company_sla: '公司服务时限',
  }[full.legal_clock];
  const en = {
    sanbao_busy_season: '三包, busy season',
    sanbao_working_days: '三包, 30 working days',
    company_sla: 'Company SLA',
  }[full.legal_clock];
  assert.ok(zh, JSON.stringify(full.legal_clock));
  for (const [locale, text] of [['zh-CN', zh], ['en', en]]) {
    const page = await newPage(browser, { locale });
    try {
      await signInAt(page, `/service-requests/${full.id}`, 'supervisor');
      await page.waitForSelector('[data-testid=sr-legal-clock]');
      assert.match(await page.textContent('[data-testid=sr-legal-clock]'), new RegExp(text.replace(/[()]/g, '.')));
      const provisional = await page.locator('[data-testid=sr-repair-provisional]').count();
      assert.equal(provisional, full.repair_due_provisional ? 1 : 0);
      await shot(page, `request-legal-clock-${locale}`);
    } finally {
      await page.context().close();
    }
  }
  assert.ok(baseUrl);
});
