// The service network's stations are given their area by name: province →
// prefecture → county, each with its GB/T 2260 code, instead of typing codes.
// Against `furrow serve --demo` (demo password: furrow-demo).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf } from './helpers.mjs';

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

test('an administrator picks a station’s county by name', async () => {
  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    await signInAt(page, '/settings', 'admin');
    await page.click('[data-testid=setting-service_network-edit]');
    await page.waitForSelector('[data-testid=service_network-form]');
    const start = await version(page);
    const n = await page.locator('[data-testid=service_network-form] ol > li').count();
    // The default stations' codes are named beside their field.
    assert.match(await page.textContent('[data-testid=station-0-picker-named]'), /[省市区] \d{6}/);

    await page.click('[data-testid=station-add]');
    await page.fill(`[data-testid=service_network-stations-${n}-name]`, '扶沟服务站');
    const picker = (level) => `[data-testid=station-${n}-picker-${level}]`;
    const provinces = await page.locator(`${picker('province')} option`).allInnerTexts();
    assert.ok(provinces.includes('河南省 410000'), provinces.slice(0, 5).join());
    await page.selectOption(picker('province'), '410000');
    await page.selectOption(picker('prefecture'), '411600');
    const counties = await page.locator(`${picker('county')} option`).allInnerTexts();
    assert.ok(counties.includes('扶沟县 411621'), counties.join());
    await page.selectOption(picker('county'), '411621');
    await page.click(picker('add'));
    const field = `[data-testid=service_network-stations-${n}-divisions]`;
    assert.equal(await page.inputValue(field), '411621');
    // A prefecture alone covers all its counties; the same place is added once.
    await page.selectOption(picker('prefecture'), '411700');
    await page.click(picker('add'));
    await page.click(picker('add'));
    assert.equal(await page.inputValue(field), '411621 411700');
    assert.equal((await page.textContent(picker('named'))).trim(), '扶沟县 411621、驻马店市 411700');
    await page.locator(`[data-testid=station-${n}]`).scrollIntoViewIfNeeded();
    await shot(page, 'settings-network-picker-zh-CN');

    await page.click('[data-testid=service_network-save]');
    await page.waitForSelector(`${PAGE}[data-version="${start + 1}"]`);
    const saved = await api('GET', '/settings/service_network', { token: await tokenOf('admin') });
    assert.deepEqual(saved.body.stations[n].divisions, ['411621', '411700']);

    // Take it out again, so other tests see the default network.
    await page.click(`[data-testid=station-${n}-remove]`);
    await page.click('[data-testid=service_network-save]');
    await page.waitForSelector(`${PAGE}[data-version="${start + 2}"]`);
  } finally {
    await page.context().close();
  }
});
