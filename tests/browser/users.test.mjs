// User administration in a real Chromium: an administrator creates a user who
// then signs in with the navigation of their role; field errors show next to
// their fields; edits use If-Match; deactivation locks the user out.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, newPage, signIn, signInAt, api, tokenOf } from './helpers.mjs';

const run = Date.now().toString(36);
let serial = 0;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A username no earlier run has used. */
function uniqueName(prefix) {
  serial += 1;
  return `${prefix}.${run}${serial}`;
}

async function navLabels(page) {
  return (await page.locator('[data-testid=sidenav] ul a').allInnerTexts()).map((t) => t.trim());
}

async function withPage(locale, body) {
  const page = await newPage(browser, { locale });
  try {
    await body(page);
  } finally {
    await page.context().close();
  }
}

async function createUserByApi(roles, password) {
  const token = await tokenOf('admin');
  const username = uniqueName('t');
  const res = await api('POST', '/users', {
    token,
    body: { username, display_name: `测试 ${username}`, password, roles, department: '售后服务部' },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

test('an administrator creates an agent, who then signs in and sees the agent navigation', async () => {
  const username = uniqueName('agent');
  const password = `pw-${run}-long-enough`;
  await withPage('zh-CN', async (page) => {
    await signInAt(page, '/login', 'admin');
    await page.waitForSelector('[data-testid=dashboard]');
    await page.click('[data-testid=nav-users]');
    await page.waitForSelector('[data-testid=users-table]');
    await page.click('[data-testid=users-new]');
    await page.waitForSelector('[data-testid=user-create-form]');

    // An empty form is refused field by field, before anything is sent.
    await page.click('[data-testid=user-create-submit]');
    await page.waitForSelector('[data-testid=user-username-error]');
    assert.match(await page.textContent('[data-testid=user-display_name-error]'), /必填/);
    assert.match(await page.textContent('[data-testid=user-password-error]'), /至少需要 10 个字符/);
    assert.match(await page.textContent('[data-testid=roles-error]'), /请至少选择一个角色/);
    await shot(page, 'users-create-errors-zh-CN');

    // The dealer select appears only with the dealer role.
    assert.equal(await page.locator('[data-testid=user-dealer_id]').count(), 0);
    await page.check('[data-testid=role-dealer]');
    await page.waitForSelector('[data-testid=user-dealer_id]');
    await page.uncheck('[data-testid=role-dealer]');
    await page.waitForSelector('[data-testid=user-dealer_id]', { state: 'detached' });

    await page.fill('[data-testid=user-username]', username);
    await page.fill('[data-testid=user-display_name]', `客服 ${run}`);
    await page.fill('[data-testid=user-password]', password);
    await page.fill('[data-testid=user-department]', '售后服务部');
    await page.check('[data-testid=role-agent]');
    await page.click('[data-testid=user-create-submit]');
    await page.waitForSelector('[data-testid=user-created]');
    assert.match(await page.textContent('[data-testid=user-created]'), new RegExp(username.replace('.', '\\.')));
    assert.equal((await page.textContent('[data-testid=user-username]')).trim(), username);
    await shot(page, 'users-created-zh-CN');

    // The list finds the new user.
    await page.goto(`${baseUrl}/users`);
    await page.waitForSelector('[data-testid=users-table]');
    await page.fill('[data-testid=users-q]', username);
    await page.click('[data-testid=users-search]');
    await page.waitForFunction(
      (name) => document.querySelectorAll('[data-testid=users-table] tbody tr').length === 1
        && document.querySelector(`[data-testid="user-row-${name}"]`) !== null,
      username,
    );
    assert.match(await page.textContent(`[data-testid="user-row-${username}"]`), /售后服务人员/);
    assert.equal(new URL(page.url()).searchParams.get('q'), username, 'the search is in the address');
    await shot(page, 'users-list-search-zh-CN');

    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=login-form]');
    await signIn(page, username, password);
    await page.waitForSelector('[data-testid=dashboard]');
    assert.deepEqual(await navLabels(page), ['工作台', '报修受理', '客户回访', '客户档案', '产品档案', '产品型号', '经销商', '批量导入']);
    assert.equal(await page.locator('[data-testid=nav-users]').count(), 0);
    assert.equal((await page.innerText('[data-testid=dashboard-roles]')).trim(), '售后服务人员');
    assert.match(await page.textContent('[data-testid=user-menu]'), new RegExp(`客服 ${run}`));
    await shot(page, 'users-new-agent-dashboard-zh-CN');
  });
});

test('a taken username is reported by the server next to the username field', async () => {
  await withPage('en-US', async (page) => {
    await signInAt(page, '/users/new', 'admin');
    await page.waitForSelector('[data-testid=user-create-form]');
    await page.fill('[data-testid=user-username]', 'agent');
    await page.fill('[data-testid=user-display_name]', 'Second agent');
    await page.fill('[data-testid=user-password]', 'long-enough-password');
    await page.check('[data-testid=role-agent]');
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST');
    await page.click('[data-testid=user-create-submit]');
    assert.equal((await answer).status(), 422);
    await page.waitForSelector('[data-testid=user-username-error]');
    assert.match(await page.textContent('[data-testid=user-username-error]'), /This username is taken/);
    assert.equal(await page.getAttribute('[data-testid=user-username]', 'aria-invalid'), 'true');
    assert.equal(new URL(page.url()).pathname, '/users/new', 'nothing was created');
    await shot(page, 'users-create-taken-en');
  });
});

test('editing roles uses the current version, and a stale edit is refused, not overwritten', async () => {
  const password = `pw-${run}-edit-roles`;
  const user = await createUserByApi(['agent'], password);
  await withPage('zh-CN', async (page) => {
    await signInAt(page, `/users/${user.id}`, 'admin');
    await page.waitForSelector('[data-testid=user-edit-form]');
    await page.fill('[data-testid=user-display_name]', `工程师 ${run}`);
    await page.check('[data-testid=role-engineer]');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/users/${user.id}`) && r.request().method() === 'PATCH');
    await page.click('[data-testid=user-save]');
    const res = await saved;
    assert.equal(res.status(), 200);
    assert.equal(res.request().headers()['if-match'], `"${user.version}"`);
    await page.waitForSelector('[data-testid=user-saved]');
    await page.waitForSelector('[data-testid=user-history] >> text=售后服务工程师');

    // Someone else changes the user meanwhile; saving the old version is refused.
    const token = await tokenOf('admin');
    const current = await api('GET', `/users/${user.id}`, { token });
    const other = await api('PATCH', `/users/${user.id}`, {
      token, ifMatch: current.body.version, body: { department: '配件部' },
    });
    assert.equal(other.status, 200);
    await page.fill('[data-testid=user-display_name]', 'stale change');
    await page.click('[data-testid=user-save]');
    await page.waitForSelector('[data-testid=user-edit-error]');
    assert.match(await page.textContent('[data-testid=user-edit-error]'), /已被他人修改/);
    await shot(page, 'users-edit-stale-zh-CN');
    const after = await api('GET', `/users/${user.id}`, { token });
    assert.equal(after.body.display_name, `工程师 ${run}`, 'the stale edit changed nothing');
    assert.equal(after.body.department, '配件部');

    // The new role shows in the user's own navigation.
    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=login-form]');
    await signIn(page, user.username, password);
    await page.waitForSelector('[data-testid=dashboard]');
    assert.ok((await navLabels(page)).includes('我的任务'), 'the engineer role adds 我的任务');
  });
});

test('a deactivated user cannot sign in and is told why; activating lets them in again', async () => {
  const password = `pw-${run}-deactivate`;
  const user = await createUserByApi(['finance'], password);
  await withPage('zh-CN', async (page) => {
    await signInAt(page, `/users?q=${encodeURIComponent(user.username)}`, 'admin');
    await page.waitForSelector(`[data-testid="user-row-${user.username}"]`);

    // Cancel changes nothing; confirm deactivates.
    await page.click(`[data-testid="deactivate-${user.username}"]`);
    await page.waitForSelector('[data-testid=confirm-dialog]');
    await shot(page, 'users-deactivate-confirm-zh-CN');
    await page.click('[data-testid=confirm-cancel]');
    await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
    assert.match(await page.textContent(`[data-testid="user-row-${user.username}"]`), /启用/);

    await page.click(`[data-testid="deactivate-${user.username}"]`);
    await page.click('[data-testid=confirm-ok]');
    await page.waitForSelector('[data-testid=users-flash]');
    assert.match(await page.textContent(`[data-testid="user-row-${user.username}"]`), /已停用/);
    await page.waitForSelector(`[data-testid="activate-${user.username}"]`);

    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=login-form]');
    await signIn(page, user.username, password);
    await page.waitForSelector('[data-testid=login-error]');
    assert.match(await page.textContent('[data-testid=login-error]'), /该账号已停用/);
    await shot(page, 'users-deactivated-login-zh-CN');

    await signIn(page, 'admin');
    await page.waitForSelector('[data-testid=dashboard]');
    await page.goto(`${baseUrl}/users/${user.id}`);
    await page.waitForSelector('[data-testid=user-toggle-active]');
    await page.click('[data-testid=user-toggle-active]');
    await page.click('[data-testid=confirm-ok]');
    await page.waitForSelector('[data-testid=user-status-done]');
    assert.match(await page.textContent('[data-testid=user-status]'), /启用/);

    await page.click('[data-testid=logout]');
    await page.waitForSelector('[data-testid=login-form]');
    await signIn(page, user.username, password);
    await page.waitForSelector('[data-testid=dashboard]');
    assert.deepEqual(await navLabels(page), ['工作台']);
  });
});
