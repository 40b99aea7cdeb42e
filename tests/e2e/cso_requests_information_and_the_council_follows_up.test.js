'use strict';
// Issue "Meetings and the legal clock", told as one story on 360×640 phones, in English (en-GB): a CSO editor of Лом
// files an information request to the municipality on behalf of her association and sees its deadline; she records
// the municipality's extension (a decision dated before the request is refused beside its field first), then its
// refusal, which states no legal ground; the page offers the appeal with its deadline, and the municipality's
// "answered on time" record changes; at the council for cooperation's next meeting an official puts the request on
// the agenda and assigns a follow-up action (one without an owner is refused), and the request's page says so.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { repoRoot, assertNoSeriousA11yViolations, leadsToNewPage, pathOf } = require('./support/server');
const { khetane, addUser, beginStory, endStory, assertFitsTheScreen, phoneOf, signIn } = require('./support/story');

const EDITOR = { email: 'vesela@zaedno.example.org', password: 'editor-password-7', name: 'Vesela Marinova' };
const OFFICIAL = { email: 'secretary.lom@example.org', password: 'official-password-7', name: 'Ivan Petrov' };
const ASSOCIATION = 'Zaedno association';
const SUBJECT = 'Roma families on the social housing waiting list';

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-requests-', prepare: ({ database }) => {
    const where = ['--database', database, '--share-dir', repoRoot];
    const added = khetane(['organisation', 'add', ASSOCIATION, '--kind', 'cso', '--municipality', 'MON24', ...where]);
    const id = added.match(/organisation:(\d+)/)?.[1];
    assert.ok(id, `the organisation's scope is printed (the command said "${added.trim()}")`);
    addUser(database, EDITOR.email, EDITOR.password, ['--name', EDITOR.name, '--role', 'cso_editor',
      '--scope', 'municipality:MON24']);
    addUser(database, OFFICIAL.email, OFFICIAL.password, ['--name', OFFICIAL.name, '--role', 'municipal_official',
      '--scope', 'municipality:MON24']);
    khetane(['organisation', 'add-member', id, EDITOR.email, ...where]);
  } });
});

after(() => endStory(story));

const heading = (page) => page.getByRole('heading', { level: 1 }).innerText();
const unexpected = (problems) => problems.filter((p) => !/status of 422/.test(p));
const daysAgo = (days) => {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() - days);
  return day.toISOString().slice(0, 10);
};
// "14 January 2027", as the pages write a date in English.
const written = (iso) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB',
  { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const api = async (page, path) => (await page.request.get(`${story.server.url}${path}`)).json();
const lomRecord = async (page) => (await api(page, '/api/v1/requests/institutions')).institutions
  .find((each) => each.addressee === 'Община Лом');
// From the next page on, window.print only counts its calls (no print dialogue opens) and the page keeps the
// Content-Security-Policy violations it sees: an inline onclick="window.print()" is one, and prints nothing.
const recordPrinting = (page) => page.addInitScript(() => {
  window.__printed = 0;
  window.__cspViolations = [];
  window.print = () => { window.__printed += 1; };
  document.addEventListener('securitypolicyviolation',
    (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI || 'inline'}`));
});
// Clicks the page's Print button; tells how often window.print ran and which violations the page saw.
const printFromTheButton = async (page) => {
  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await page.waitForFunction(() => window.__printed > 0, null, { timeout: 5_000 }).catch(() => {});
  return page.evaluate(() => ({ printed: window.__printed, violations: window.__cspViolations }));
};
// Opens the step form of `summary` on a filing's page.
const step = async (page, summary) => {
  const details = page.locator('details.step', { has: page.locator('summary', { hasText: summary }) });
  if (await details.getAttribute('open') === null) await details.locator('summary').click();
  return details;
};

test('a CSO files an information request, follows its deadline to a refusal, and the council takes it up',
  async (t) => {
    const editor = await phoneOf(story, t);
    const official = await phoneOf(story, t);
    let requestUrl = null;
    let recordBefore = null;

    await t.test('the editor files a request to the municipality of Lom and sees its deadline', async () => {
      const { page } = editor;
      await signIn(story, page, EDITOR);
      recordBefore = await lomRecord(page);
      await page.goto(`${story.server.url}/requests`);
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'File an information request' }).click());
      assert.equal(await heading(page), 'File an information request');
      await page.getByLabel('Place of the institution').selectOption({ label: 'Lom' });
      await page.getByLabel('The municipality (its mayor)').check();
      await page.getByLabel('Subject').fill(SUBJECT);
      await page.getByLabel('The information you ask for').fill(
        'How many Roma families are on the waiting list for social housing, and how long have they waited?');
      await page.getByLabel('Through the national platform for access to public information').check();
      await page.getByLabel('Filed on', { exact: true }).fill(daysAgo(10));
      await page.getByLabel('Filed on behalf of').selectOption({ label: ASSOCIATION });
      await assertFitsTheScreen(page, 'the request form');
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'File it and follow the deadline' }).click());
      assert.equal(await heading(page), `Information request: ${SUBJECT} Waiting for the decision`);
      requestUrl = pathOf(page);
      const filed = await api(page, `/api/v1${requestUrl}`);
      assert.equal(filed.addressee, 'Община Лом');
      assert.match(await page.locator('.countdown').innerText(),
        new RegExp(`The institution must decide by ${written(filed.decide_by)}: \\d+ days? left\\.`));
      assert.match(await page.locator('table').innerText(), /ЗДОИ, чл\. 28\(1\)/);
      await assertFitsTheScreen(page, 'the request');
      await assertNoSeriousA11yViolations(page, 'the request page');
    });

    await t.test('she records the extension, after a decision dated before the request is refused', async () => {
      const { page } = editor;
      const decided = await step(page, 'The institution decided');
      await decided.getByLabel('On', { exact: true }).fill(daysAgo(15));
      await decided.getByLabel('Access granted', { exact: true }).check();
      await decided.getByRole('button', { name: 'Record' }).click();
      await page.waitForSelector('#step-decided-day-problem');
      assert.match(await page.locator('#step-decided-day-problem').innerText(),
        /This is before the institution registered it/);
      const firstDeadline = (await api(page, `/api/v1${requestUrl}`)).decide_by;
      const extended = await step(page, 'The institution extended the deadline');
      await extended.getByLabel('On', { exact: true }).fill(daysAgo(7));
      await extended.getByLabel('A large volume of information (Art. 30)').check();
      await extended.getByLabel('Note').fill('The municipality wrote that the list is long.');
      await leadsToNewPage(page, () => extended.getByRole('button', { name: 'Record' }).click());
      const after = await api(page, `/api/v1${requestUrl}`);
      assert.ok(after.decide_by > firstDeadline, 'the deadline moved on by the extension');
      assert.match(await page.locator('.countdown').innerText(), new RegExp(written(after.decide_by)));
      assert.match(await page.locator('ol.history').innerText(), /A large volume of information/);
    });

    await t.test('she records the refusal; the page offers the appeal with its deadline', async () => {
      const { page } = editor;
      const decided = await step(page, 'The institution decided');
      await decided.getByLabel('On', { exact: true }).fill(daysAgo(1));
      await decided.getByLabel('Access refused').check();
      await decided.getByLabel('The decision states no legal ground').check();
      await decided.getByLabel('The answer, and a refusal\'s factual grounds').fill('The list holds personal data.');
      await leadsToNewPage(page, () => decided.getByRole('button', { name: 'Record' }).click());
      assert.equal(await heading(page), `Information request: ${SUBJECT} Access refused`);
      const refused = await api(page, `/api/v1${requestUrl}`);
      assert.equal(refused.decided_late, false);
      assert.match(await page.locator('.notice.appeal').innerText(),
        new RegExp(`You may appeal the decision to the administrative court until ${written(refused.appeal_by)}`));
      assert.match(await page.locator('ol.history').innerText(), /A refusal must state its legal and factual grounds/);
      await assertFitsTheScreen(page, 'the refused request');
      const after = await lomRecord(page);
      assert.equal(after.on_time, recordBefore.on_time + 1, 'the municipality answered this one on time');
      await page.goto(`${story.server.url}/requests/institutions`);
      const row = page.locator('tr', { hasText: 'Община Лом' });
      assert.match(await row.innerText(), new RegExp(`\\b${after.on_time}\\b`));
      assert.deepEqual(unexpected(editor.problems()), []);
    });

    await t.test('at the council\'s next meeting the official puts the request on the agenda and assigns a follow-up',
      async () => {
        const { page } = official;
        await signIn(story, page, OFFICIAL);
        await page.goto(`${story.server.url}/meetings`);
        await leadsToNewPage(page, () => page.getByRole('link', { name: 'Заседание на съвета' }).first().click());
        assert.equal(await heading(page), 'Заседание на съвета');
        assert.match(await page.locator('ol.agenda').innerText(), /carried from an earlier meeting/);
        const agenda = await step(page, 'Put something on the agenda');
        await agenda.getByLabel('Item', { exact: true }).fill('The refused request on social housing');
        await agenda.getByLabel('A request, proposal or signal of the place').selectOption({ label: `${SUBJECT} — Община Лом` });
        await leadsToNewPage(page, () => agenda.getByRole('button', { name: 'Add to the agenda' }).click());
        assert.match(await page.locator('ol.agenda').innerText(), /The refused request on social housing/);
        const followUp = await step(page, 'Agree a follow-up action');
        await followUp.getByLabel('Action', { exact: true }).fill('Give the association the figures without names');
        await followUp.getByLabel('Due', { exact: true }).fill(daysAgo(-14));
        await followUp.getByRole('button', { name: 'Agree it' }).click();
        await page.waitForSelector('#meeting-owner-problem');
        assert.match(await page.locator('#meeting-owner-problem').innerText(), /a follow-up without an owner/);
        assert.equal(await page.getByLabel('Action', { exact: true }).inputValue(),
          'Give the association the figures without names', 'what he typed stays');
        await page.getByLabel('Owner', { exact: true }).fill('Община Лом, дирекция „Социални дейности“');
        await leadsToNewPage(page, () => page.getByRole('button', { name: 'Agree it' }).click());
        const table = page.locator('section[aria-labelledby="follow-ups"] table');
        assert.match(await table.innerText(), /Give the association the figures without names/);
        assert.match(await table.innerText(), /дирекция „Социални дейности“/);
        await assertFitsTheScreen(page, 'the meeting');
        await assertNoSeriousA11yViolations(page, 'the meeting page');
        assert.deepEqual(unexpected(official.problems()), []);
      });

    await t.test('the request\'s page says which meeting takes it up', async () => {
      const { page } = editor;
      await page.goto(`${story.server.url}${requestUrl}`);
      const section = page.locator('section[aria-labelledby="on-the-agenda"]');
      assert.match(await section.innerText(), /Заседание на съвета/);
      await leadsToNewPage(page, () => section.getByRole('link', { name: /Заседание на съвета/ }).click());
      assert.equal(await heading(page), 'Заседание на съвета');
    });

    await t.test('the print buttons of the letter and of the minutes print', async () => {
      const { page } = editor;
      await recordPrinting(page);
      await page.goto(`${story.server.url}${requestUrl}`);
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'The letter, to print or to paste' }).click());
      assert.equal(await heading(page), 'The letter');
      assert.deepEqual(await printFromTheButton(page), { printed: 1, violations: [] }, 'the letter prints');
      await page.goto(`${story.server.url}${requestUrl}`);
      await leadsToNewPage(page, () => page.locator('section[aria-labelledby="on-the-agenda"]')
        .getByRole('link', { name: /Заседание на съвета/ }).click());
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'Minutes to print' }).click());
      assert.equal(await heading(page), 'Minutes: Заседание на съвета');
      assert.deepEqual(await printFromTheButton(page), { printed: 1, violations: [] }, 'the minutes print');
      assert.deepEqual(unexpected(editor.problems()), []);
    });
  });
