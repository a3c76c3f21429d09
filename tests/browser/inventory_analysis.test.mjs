// The inventory analysis (库存分析, issue 19 item 5): the parts clerk opens
// the page in Chinese, the headline stock value is not zero, the ABC table
// and the dead-stock table render, and choosing a category narrows the
// figures to what the API answers for that category.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, shot, signInAt, api, tokenOf, artifacts } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** ¥1,234.50 as fen. */
const fenOf = (text) => Math.round(Number(text.replace(/[¥,\s]/g, '')) * 100);

test('the parts clerk reads the inventory analysis and narrows it to a category', async () => {
  const clerk = await tokenOf('parts');
  const all = await api('GET', '/parts/analysis', { token: clerk });
  assert.equal(all.status, 200, JSON.stringify(all.body));
  assert.ok(all.body.total_value_fen > 0, 'the demo holds stock');
  const category = all.body.by_category[0].category;
  const narrowed = await api('GET', `/parts/analysis?category=${category}`, { token: clerk });

  const page = await newPage(browser, { locale: 'zh-CN' });
  try {
    await signInAt(page, '/inventory-analysis', 'parts');
    await page.waitForSelector('[data-testid=inventory-total]');
    assert.equal((await page.textContent('h1')).trim(), '库存分析');
    const total = (await page.textContent('[data-testid=inventory-total]')).trim();
    assert.equal(fenOf(total), all.body.total_value_fen, total);
    assert.notEqual(fenOf(total), 0);
    assert.equal(await page.locator('[data-testid=inventory-class]').count(), 3, 'classes A, B, C');
    const dead = all.body.dead.length;
    if (dead > 0) {
      assert.equal(await page.locator('[data-testid=inventory-dead-row]').count(), Math.min(dead, 50));
      const first = await page.textContent('[data-testid=inventory-dead-row] td');
      assert.equal(first.trim(), all.body.dead[0].part_number, 'the largest stock value first');
    } else {
      await page.waitForSelector('[data-testid=inventory-dead-empty]');
    }
    assert.ok((await page.innerText('[data-testid=sidenav]')).includes('库存分析'));
    await shot(page, 'inventory-analysis-zh-CN');
    await page.screenshot({ path: `${artifacts}/inventory-analysis-top.png` });
    await page.locator('[data-testid=inventory-abc]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${artifacts}/inventory-analysis-abc.png` });

    await page.selectOption('[data-testid=inventory-category]', category);
    await page.waitForFunction(
      (fen) => {
        const t = document.querySelector('[data-testid=inventory-total]')?.textContent ?? '';
        return Math.round(Number(t.replace(/[¥,\s]/g, '')) * 100) === fen;
      },
      narrowed.body.total_value_fen,
    );
    assert.match(new URL(page.url()).search, new RegExp(`category=${category}`));
    assert.equal(await page.locator('[data-testid=inventory-categories] tbody tr').count(), 1);
    await shot(page, 'inventory-analysis-category');
  } finally {
    await page.close();
  }
});
