'use strict';
// An administrator invites a municipal official of Лом; the official opens the link, sets a password, signs in,
// and sees Лом as their scope; the official cannot open the administration area. Meanwhile the administrator adds a
// funding source the region's plans need. In English (en-GB) throughout.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { assertNoSeriousA11yViolations, watchPageProblems, leadsToNewPage, pathOf } = require('./support/server');
const { addUser, beginStory, endStory } = require('./support/story');

const ADMIN_EMAIL = 'admin@example.org';
const ADMIN_PASSWORD = 'admin-password-42';
const OFFICIAL_EMAIL = 'official.lom@example.org';
const OFFICIAL_NAME = 'Petya Ivanova';
const OFFICIAL_PASSWORD = 'official-password-7';

let story;

before(async () => {
  // Our own database, so that the administrator exists before the server starts on it.
  story = await beginStory({ folderPrefix: 'khetane-e2e-invite-', prepare: ({ database }) => {
    addUser(database, ADMIN_EMAIL, ADMIN_PASSWORD, ['--name', 'Admin', '--role', 'administrator']);
  } });
  assert.equal(story.server.database, story.database, 'the server runs on the database the administrator was added to');
});

after(() => endStory(story));

const heading = (page) => page.getByRole('heading', { level: 1 }).innerText();

/** Fills the sign-in form as a person would (labels, typing) and sends it with Enter. */
async function signIn(page, email, password) {
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).focus();
  await page.keyboard.type(password);
  return leadsToNewPage(page, () => page.keyboard.press('Enter'));
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// "Lom" or "Лом" as a word of its own (JavaScript's \b knows only ASCII letters, so not \b here).
const NAMES_LOM = /(?<!\p{L})(?:Lom|Лом)(?!\p{L})/u;

// One story, told in steps: a step that fails is reported, and the steps after it still run when they can.
test('an administrator invites an official of Лом, who sets a password, sees Лом and stays out of the admin area',
  async (t) => {
    const adminContext = await story.browser.newContext({ locale: 'en-GB' });
    t.after(() => adminContext.close());
    adminContext.setDefaultTimeout(10_000);
    const admin = await adminContext.newPage();
    const adminProblems = watchPageProblems(admin);

    // The official uses a browser of their own: no cookies of the administrator.
    const officialContext = await story.browser.newContext({ locale: 'en-GB' });
    t.after(() => officialContext.close());
    officialContext.setDefaultTimeout(10_000);
    const official = await officialContext.newPage();
    const officialProblems = watchPageProblems(official);

    let invitationUrl = null;
    let passwordSaved = false;

    await t.test('the administrator signs in and prepares an invitation for a municipal official of Лом', async () => {
      // Going straight to the invitation form leads through the sign-in page and back to the form.
      await admin.goto(`${story.server.url}/admin/invitations/new`);
      assert.equal(pathOf(admin), '/signin', 'a visitor who is not signed in is sent to sign in first');
      assert.equal(await heading(admin), 'Sign in');
      const signedIn = await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
      assert.equal(signedIn.status(), 200);
      assert.equal(pathOf(admin), '/admin/invitations/new', 'after signing in the administrator is back at the form');
      assert.equal(await heading(admin), 'Invite someone');
      assert.equal(await admin.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).count(), 1,
        'the header shows who is signed in');
      await assertNoSeriousA11yViolations(admin, 'the invitation form');

      await admin.getByLabel('Email address', { exact: true }).fill(OFFICIAL_EMAIL);
      await admin.getByLabel('Name', { exact: true }).fill(OFFICIAL_NAME);
      await admin.getByLabel('Role', { exact: true }).selectOption({ label: 'Municipal official' });
      await admin.getByLabel('Where the role holds').fill('municipality:MON24');
      await admin.getByLabel('Language of the message').selectOption({ label: 'English' });
      const created = await leadsToNewPage(admin,
        () => admin.getByRole('button', { name: 'Prepare the invitation' }).click());

      assert.equal(created.status(), 201);
      assert.equal(await heading(admin), 'The invitation is ready');
      assert.match(await admin.getByRole('main').getByRole('status').innerText(),
        /Pass this link on to the person you invite/);
      const facts = await admin.locator('main dl.facts').innerText();
      assert.match(facts, new RegExp(escapeRegExp(OFFICIAL_EMAIL)), 'the page repeats whom the invitation is for');
      assert.match(facts, /Municipal official/, 'the page repeats the role');
      const link = admin.getByRole('main').getByRole('link', { name: /\/invitations\// });
      assert.equal(await link.count(), 1, 'one invitation link on the page');
      assert.ok(await link.isVisible(), 'the one-time link is shown');
      const linkText = (await link.innerText()).trim();
      assert.match(linkText, /\/invitations\/[A-Za-z0-9_-]{16,}$/, 'the link carries a long token');
      assert.equal(new URL(await link.getAttribute('href'), story.server.url).pathname,
        new URL(linkText, story.server.url).pathname, 'the link goes where its text says');
      invitationUrl = new URL(linkText, story.server.url).href;
      await assertNoSeriousA11yViolations(admin, 'the invitation-created page');
      assert.deepEqual(adminProblems(), [], 'no script errors, CSP violations or failed requests for the administrator');
    });

    await t.test('the administrator adds a funding source the plans of the region need, after one typing mistake',
      async () => {
        await admin.goto(`${story.server.url}/admin/users`);
        await leadsToNewPage(admin, () => admin.getByRole('link', { name: 'Funding sources' }).click());
        assert.equal(await heading(admin), 'Funding sources');
        const codes = await admin.locator('main table tbody th').allInnerTexts();
        assert.deepEqual(codes, ['municipal', 'state', 'esf_plus', 'erdf', 'eea_norway', 'swiss', 'rrp', 'other'],
          'a new installation has the state budget and the Recovery and Resilience Plan among its sources');

        await admin.getByLabel('Code', { exact: true }).fill('Interreg VI-A');
        await admin.getByLabel('Name in Bulgarian').fill('Интеррег VI-A Румъния–България');
        await admin.getByLabel('Name in English').fill('Interreg VI-A Romania–Bulgaria');
        // The browser would stop a code that does not match its pattern; the server must say why on its own too.
        await admin.locator('#source-code').evaluate((input) => input.removeAttribute('pattern'));
        const refused = await leadsToNewPage(admin,
          () => admin.getByRole('button', { name: 'Add the funding source' }).click());
        assert.equal(refused.status(), 422);
        assert.match(await admin.locator('#source-code-problem').innerText(), /lower-case Latin letters/,
          'the message stands beside the code');
        assert.equal(await admin.getByLabel('Name in English').inputValue(), 'Interreg VI-A Romania–Bulgaria',
          'what was typed is still there');
        await assertNoSeriousA11yViolations(admin, 'the refused funding source');

        await admin.getByLabel('Code', { exact: true }).fill('interreg_ro_bg');
        const added = await leadsToNewPage(admin,
          () => admin.getByRole('button', { name: 'Add the funding source' }).click());
        assert.equal(added.status(), 200);
        assert.match(await admin.getByRole('main').getByRole('status').innerText(), /The funding source is added/);
        const row = admin.locator('main table tbody tr', { hasText: 'interreg_ro_bg' });
        assert.match(await row.innerText(), /interreg_ro_bg_planned, interreg_ro_bg_secured, interreg_ro_bg_spent/,
          'the page says which columns an action-plan file gives it');
        const last = await admin.locator('main table tbody th').last().innerText();
        assert.equal(last, 'other', '"other" stays last');
        await assertNoSeriousA11yViolations(admin, 'the funding sources');
      });

    await t.test('the official opens the link and chooses a password', async () => {
      assert.ok(invitationUrl, 'needs the link from the step before');
      const opened = await official.goto(invitationUrl);
      assert.equal(opened.status(), 200);
      assert.equal(await heading(official), 'Welcome: choose your password');
      assert.match(await official.getByRole('main').innerText(),
        new RegExp(`Account: ${escapeRegExp(OFFICIAL_EMAIL)}`), 'the page says which account the password is for');
      await assertNoSeriousA11yViolations(official, 'the choose-password page');

      await official.getByLabel('New password').focus();
      await official.keyboard.type(OFFICIAL_PASSWORD);
      await official.getByLabel('The same password again').focus();
      await official.keyboard.type(OFFICIAL_PASSWORD);
      const saved = await leadsToNewPage(official,
        () => official.getByRole('button', { name: 'Save the password' }).click());

      assert.equal(saved.status(), 200);
      assert.equal(pathOf(official), '/signin', 'saving the password leads to the sign-in page');
      assert.equal(new URL(official.url()).searchParams.get('password_set'), '1');
      assert.equal(await heading(official), 'Sign in');
      passwordSaved = true;
      await assertNoSeriousA11yViolations(official, 'the sign-in page after setting the password');
    });

    await t.test('the sign-in page tells the official that the password is set', async () => {
      assert.ok(passwordSaved, 'needs the password saved in the step before');
      const notice = official.getByRole('main').getByRole('status');
      assert.equal(await notice.count(), 1, 'a status message on the sign-in page after the password was set');
      assert.equal((await notice.innerText()).trim(), 'Your password is set. Sign in with it.');
    });

    await t.test('the official signs in and sees the role of municipal official for Лом', async () => {
      assert.ok(passwordSaved, 'needs the password saved in the step before');
      if (pathOf(official) !== '/signin') await official.goto(`${story.server.url}/signin`);
      const home = await signIn(official, OFFICIAL_EMAIL, OFFICIAL_PASSWORD);
      assert.equal(home.status(), 200);
      assert.equal(pathOf(official), '/', 'signing in leads home');
      assert.equal(await heading(official), 'Your work');
      assert.match(await official.getByRole('main').innerText(), /Your municipality's plans/,
        'home shows the plans of the municipality the official works for');
      await assertNoSeriousA11yViolations(official, 'the official\'s home');
      await leadsToNewPage(official, () => official.getByRole('banner').getByRole('link', { name: OFFICIAL_NAME }).click());
      assert.equal(await heading(official), 'Your account');
      const main = official.getByRole('main');
      const facts = await main.locator('dl.facts').innerText();
      assert.match(facts, new RegExp(escapeRegExp(OFFICIAL_NAME)), 'the account shows the name the administrator gave');
      assert.match(facts, new RegExp(escapeRegExp(OFFICIAL_EMAIL)), 'the account shows the email address');
      const roleItems = main.getByRole('listitem').filter({ hasText: /^\s*Municipal official: / });
      assert.equal(await roleItems.count(), 1, 'the account lists the role Municipal official once');
      const roleText = (await roleItems.innerText()).trim();
      assert.match(roleText, NAMES_LOM, `the scope names the municipality Lom / Лом (the page says "${roleText}")`);
      await assertNoSeriousA11yViolations(official, 'the account page of the official');
    });

    await t.test('the official cannot open the administration area', async () => {
      assert.ok(passwordSaved, 'needs the password saved before');
      if (pathOf(official) !== '/account') await signIn(official, OFFICIAL_EMAIL, OFFICIAL_PASSWORD);
      for (const address of ['/admin/invitations/new', '/admin/audit']) {
        const refused = await official.goto(`${story.server.url}${address}`);
        assert.equal(refused.status(), 403, `${address} is refused to the official`);
        assert.equal(pathOf(official), address, `${address}: no redirect to sign in, the refusal is shown in place`);
        assert.equal(await heading(official), 'You may not open this page', `${address}: the page says so`);
        assert.match(await official.getByRole('main').innerText(), /Ask an administrator if you need it/);
        assert.equal(await official.getByLabel('Where the role holds').count(), 0, `${address}: no invitation form`);
      }
      // Chromium logs the 403 of each refused page as a console error: those two are expected, nothing else is.
      const unexpected = officialProblems()
        .filter((p) => !/^console error on http:\/\/[^ ]+\/admin\/(invitations\/new|audit): .*status of 403/.test(p));
      assert.deepEqual(unexpected, [], 'no script errors, CSP violations or failed requests for the official');
    });
  });
