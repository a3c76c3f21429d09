// The home page with work (issue #17): the supervisor lands on their queues
// with live counts and opens one as its list; the notification bell; an
// administrator edits an SLA setting; the header fits a 390 px phone in both
// languages. Against `furrow serve --demo` (demo password: furrow-demo).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, newPage, signInAt } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Runs `body` with a fresh page (own cookies and storage) and closes it. */
async function withPage(locale, body, viewport) {
  const page = await newPage(browser, { locale });
  if (viewport) await page.setViewportSize(viewport);
  try {
    await body(page);
  } finally {
    await page.context().close();
  }
}

async function count(page, queue) {
  return Number((await page.textContent(`[data-testid=home-count-${queue}]`)).trim());
}

/** The API's own count of a list, read through the page's session. */
async function apiCount(page, list) {
  return page.evaluate(async (list) => {
    const token = JSON.parse(localStorage.getItem('furrow.session')).access_token;
    let n = 0;
    let cursor = null;
    do {
      const url = `/api/v1${list}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const page = await res.json();
      n += page.items.length;
      cursor = page.next_cursor;
    } while (cursor);
    return n;
  }, list);
}

test('the supervisor lands on their queues, each count is its list, and a card opens the list', async () => {
  await withPage('zh-CN', async (page) => {
    await signInAt(page, '/', 'supervisor');
    await page.waitForSelector('[data-testid=home-queues]');
    assert.equal(new URL(page.url()).pathname, '/');
    const cards = await page.locator('[data-testid=home-queues] a').evaluateAll((as) =>
      as.map((a) => a.dataset.testid.replace('home-card-', '')));
    assert.deepEqual(cards, [
      'overdue', 'unassigned', 'awaiting_contact', 'reports_to_review', 'signature_refused', 'open_requests',
    ]);
    const text = await page.textContent('[data-testid=home-queues]');
    for (const label of ['已超时', '待派工', '待首次联系', '待审核报告', '客户拒签', '未结报修单']) {
      assert.ok(text.includes(label), label);
    }
    // Nothing that is not built is offered (the KPIs are: 质量考核).
    const nav = await page.innerText('[data-testid=sidenav]');
    assert.ok(nav.includes('质量考核'));
    for (const gone of ['费用报销', '培训与技术支持', '即将推出']) {
      assert.ok(!nav.includes(gone), gone);
    }
    assert.ok(!(await page.innerText('[data-testid=dashboard]')).includes('即将推出'));

    // The counts are the lists' lengths.
    const unassigned = await count(page, 'unassigned');
    assert.equal(unassigned, await apiCount(page, '/service-requests?status=new'));
    assert.equal(await count(page, 'overdue'), await apiCount(page, '/service-requests?overdue=true'));
    await shot(page, 'home-supervisor-zh-CN');

    await page.click('[data-testid=home-card-unassigned]');
    await page.waitForSelector('[data-testid=sr-list-page]');
    const url = new URL(page.url());
    assert.equal(url.pathname, '/service-requests');
    assert.equal(url.searchParams.get('status'), 'new');
    assert.equal(await page.inputValue('[data-testid=sr-status]'), 'new');
    if (unassigned === 0) {
      await page.waitForSelector('[data-testid=sr-empty]');
    } else {
      await page.waitForSelector('[data-testid=sr-table]');
      const rows = await page.locator('[data-testid=sr-table] tbody tr').count();
      assert.equal(rows, Math.min(unassigned, 50));
    }

    // Back home, the contact queue opens the list of requests not contacted yet.
    await page.click('[data-testid=nav-dashboard]');
    await page.waitForSelector('[data-testid=home-queues]');
    const waiting = await count(page, 'awaiting_contact');
    await page.click('[data-testid=home-card-awaiting_contact]');
    await page.waitForSelector('[data-testid=sr-list-page]');
    assert.equal(new URL(page.url()).searchParams.get('contacted'), '0');
    if (waiting > 0) {
      await page.waitForSelector('[data-testid=sr-table]');
      assert.equal(await page.locator('[data-testid=sr-table] tbody tr').count(), Math.min(waiting, 50));
    }
  });
});

test('every role has a bell; alerts link to their requests and stay read once marked, on any browser', async () => {
  await withPage('en-US', async (page) => {
    await signInAt(page, '/', 'agent');
    await page.waitForSelector('[data-testid=home-queues]');
    assert.ok(await page.isVisible('[data-testid=bell-button]'));
    const alerts = await page.evaluate(async () => {
      const token = JSON.parse(localStorage.getItem('furrow.session')).access_token;
      const res = await fetch('/api/v1/notifications', { headers: { authorization: `Bearer ${token}` } });
      return (await res.json()).items;
    });
    await page.click('[data-testid=bell-button]');
    await page.waitForSelector('[data-testid=bell-panel]');
    assert.equal(await page.locator('[data-testid=bell-item]').count(), alerts.length);
    await shot(page, 'home-bell-open-en');
    if (alerts.length === 0) {
      assert.match(await page.textContent('[data-testid=bell-panel]'), /No deadline alerts/);
      assert.equal(await page.locator('[data-testid=bell-count]').count(), 0);
      return;
    }
    const unread = alerts.filter((a) => !a.read).length;
    if (unread > 0) {
      assert.equal(
        (await page.textContent('[data-testid=bell-count]')).trim(),
        unread > 99 ? '99+' : String(unread),
      );
    }
    if (unread > 0) {
      await page.click('[data-testid=bell-mark-all]');
      await page.waitForSelector('[data-testid=bell-count]', { state: 'detached' });
    }
    await page.reload();
    await page.waitForSelector('[data-testid=bell-button]');
    // Read marks survive a reload; the alerts are listed again, none unread.
    await page.click('[data-testid=bell-button]');
    await page.waitForSelector('[data-testid=bell-item]');
    assert.equal(await page.locator('[data-testid=bell-count]').count(), 0);
    assert.equal(await page.locator('[data-testid=bell-item].unread').count(), 0);
    await page.click('[data-testid=bell-item] a >> nth=0');
    await page.waitForURL((u) => u.pathname === `/service-requests/${alerts[0].request_id}`);
  });

  // The marks are the server's: another browser (fresh storage) of the same
  // user shows them read too.
  await withPage('en-US', async (page) => {
    await signInAt(page, '/', 'agent');
    await page.waitForSelector('[data-testid=home-queues]');
    await page.click('[data-testid=bell-button]');
    await page.waitForSelector('[data-testid=bell-panel]');
    assert.equal(await page.locator('[data-testid=bell-count]').count(), 0);
    assert.equal(await page.locator('[data-testid=bell-item].unread').count(), 0);
  });

  // Roles without requests still have a bell, with nothing in it.
  await withPage('zh-CN', async (page) => {
    await signInAt(page, '/', 'finance');
    await page.waitForSelector('[data-testid=home-no-queues]');
    await page.click('[data-testid=bell-button]');
    await page.waitForSelector('[data-testid=bell-panel]');
    assert.match(await page.textContent('[data-testid=bell-panel]'), /没有需要处理的时限提醒/);
  });
});

test('an administrator edits an SLA target in the app, and a refused value shows on its field', async () => {
  await withPage('zh-CN', async (page) => {
    await signInAt(page, '/settings', 'admin');
    await page.waitForSelector('[data-testid=setting-sla]');
    await page.click('[data-testid=setting-sla-edit]');
    await page.waitForSelector('[data-testid=sla-form]');
    const before = Number(await page.getAttribute('[data-testid=sla-settings-page]', 'data-version'));
    const field = '[data-testid=sla-first_contact_hours-critical]';
    const original = await page.inputValue(field);
    await shot(page, 'home-settings-sla-zh-CN');

    // Out of range: refused on the field, nothing saved.
    await page.fill(field, '0');
    await page.click('[data-testid=sla-save]');
    await page.waitForSelector('[data-testid=sla-first_contact_hours-critical-error]');
    assert.equal(Number(await page.getAttribute('[data-testid=sla-settings-page]', 'data-version')), before);

    await page.fill(field, String(Number(original) + 1));
    await page.click('[data-testid=sla-save]');
    await page.waitForSelector('[data-testid=sla-saved]');
    await page.waitForSelector(`[data-testid=sla-settings-page][data-version="${before + 1}"]`);
    assert.equal(await page.inputValue(field), String(Number(original) + 1));

    // Put it back, so other tests see the demo's targets.
    await page.fill(field, original);
    await page.click('[data-testid=sla-save]');
    await page.waitForSelector(`[data-testid=sla-settings-page][data-version="${before + 2}"]`);
    assert.equal(await page.inputValue(field), original);
  });
});

test('on a 390 px phone the header fits in both languages and sign-out is in the menu', async () => {
  for (const locale of ['zh-CN', 'en-US']) {
    await withPage(locale, async (page) => {
      await signInAt(page, '/', 'supervisor');
      await page.waitForSelector('[data-testid=home-queues]');
      const fits = await page.evaluate(() => {
        const bar = document.querySelector('header.topbar');
        const doc = document.documentElement;
        return {
          bar: [bar.scrollWidth, bar.clientWidth],
          doc: [doc.scrollWidth, doc.clientWidth],
          right: document.querySelector('.topbar-right').getBoundingClientRect().right,
        };
      });
      assert.ok(fits.bar[0] <= fits.bar[1], `${locale}: header ${fits.bar}`);
      assert.ok(fits.doc[0] <= fits.doc[1], `${locale}: page ${fits.doc}`);
      assert.ok(fits.right <= 390, `${locale}: header right edge ${fits.right}`);
      assert.ok(await page.isVisible('[data-testid=bell-button]'));
      await shot(page, `home-phone-${locale}`);

      await page.click('[data-testid=menu-toggle]');
      await page.waitForSelector('[data-testid=logout-menu]', { state: 'visible' });
      const label = (await page.textContent('[data-testid=logout-menu]')).trim();
      assert.equal(label, locale === 'zh-CN' ? '退出登录' : 'Sign out');
      await shot(page, `home-phone-menu-${locale}`);
      await page.click('[data-testid=logout-menu]');
      await page.waitForSelector('[data-testid=login-form]');
    }, { width: 390, height: 844 });
  }
});
