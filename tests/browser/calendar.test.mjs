// The working-day calendar (issue #18, item 5): an administrator adds a
// make-up working day in the app, typed as YYYY-MM-DD (issue #17: not the
// browser's locale order); a weekday is refused on its field, a
// Saturday is saved and read back through the API. Against
// `furrow serve --demo` (demo password: furrow-demo).

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

const PAGE = '[data-testid=calendar-settings-page]';

async function version(page) {
  return Number(await page.getAttribute(PAGE, 'data-version'));
}

test('an administrator adds a make-up working day, and a weekday is refused on its field', async () => {
  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    await signInAt(page, '/settings', 'admin');
    await page.waitForSelector('[data-testid=setting-calendar]');
    await page.click('[data-testid=setting-calendar-edit]');
    await page.waitForSelector('[data-testid=calendar-form]');
    assert.match(await page.textContent('[data-testid=calendar-defined-years]'), /2026/);
    const start = await version(page);
    const rows = await page.locator('[data-testid=calendar-year-0-workdays] li').count();
    const date = `[data-testid=calendar-years-0-workdays-${rows}-date]`;
    const name = `[data-testid=calendar-years-0-workdays-${rows}-name]`;

    // The date is typed as YYYY-MM-DD, whatever the browser's locale: the
    // locale's order is refused on the field in the user's language.
    await page.click('[data-testid=calendar-year-0-add-workdays]');
    assert.equal(await page.getAttribute(date, 'placeholder'), 'YYYY-MM-DD');
    await page.fill(date, '11/21/2026');
    await page.click('[data-testid=calendar-save]');
    const dateError = `[data-testid=calendar-years-0-workdays-${rows}-date-error]`;
    await page.waitForSelector(`${dateError}:has-text("请按 YYYY-MM-DD 填写日期")`);
    assert.equal(await version(page), start);

    // A Monday is no make-up day: refused on the field, nothing saved.
    await page.fill(date, '2026-11-16');
    await page.click('[data-testid=calendar-save]');
    await page.waitForSelector(`${dateError}:has-text("调休上班日必须是周六或周日")`);
    assert.equal(await version(page), start);

    // A Saturday is saved.
    await page.fill(date, '2026-11-21');
    await page.fill(name, '公司调休');
    await page.click('[data-testid=calendar-save]');
    await page.waitForSelector('[data-testid=calendar-saved]');
    await page.waitForSelector(`${PAGE}[data-version="${start + 1}"]`);
    assert.equal(await page.inputValue(date), '2026-11-21');
    await shot(page, 'settings-calendar-zh-CN');
    const token = await tokenOf('admin');
    const saved = await api('GET', '/settings/calendar', { token });
    assert.deepEqual(
      saved.body.years.find((y) => y.year === 2026).workdays.find((d) => d.date === '2026-11-21'),
      { date: '2026-11-21', name: '公司调休' },
    );

    // Take it out again, so other tests count the official calendar.
    await page.click(`[data-testid=calendar-years-0-workdays-${rows}-remove]`);
    await page.click('[data-testid=calendar-save]');
    await page.waitForSelector(`${PAGE}[data-version="${start + 2}"]`);
  } finally {
    await page.context().close();
  }
});
