'use strict';
// An official of Лом imports the municipal plan from XLSX, fixes the rows the import reported, previews it and applies
// what they previewed without choosing the file again, links a measure to a national objective, and sees the gap list
// shrink by one. In English (en-GB) throughout.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');
const {
  repoRoot, assertNoSeriousA11yViolations, watchPageProblems, leadsToNewPage, pathOf,
} = require('./support/server');
const { khetane, addUser, beginStory, endStory } = require('./support/story');

const OFFICIAL_EMAIL = 'official.lom@example.org';
const OFFICIAL_PASSWORD = 'official-password-7';
// Test data, not an official text: the national strategy's objectives are not shipped (an administrator enters them).
const NATIONAL_OBJECTIVE = 'Test objective: health services reach every neighbourhood';

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-plan-', prepare: ({ folder, database }) => {
    addUser(database, OFFICIAL_EMAIL, OFFICIAL_PASSWORD, ['--name', 'Petya Ivanova', '--role', 'municipal_official',
      '--scope', 'municipality:MON24']);
    // An administrator has entered one objective of the national strategy (the command line acts as one).
    const strategy = path.join(folder, 'national.csv');
    fs.writeFileSync(strategy, `kind,code,title\r\nobjective,T1,"${NATIONAL_OBJECTIVE}"\r\n`);
    khetane(['import', 'plan', strategy, '--document', '2', '--database', database, '--share-dir', repoRoot]);
  } });
});

after(() => endStory(story));

// The plan as an official keeps it in a spreadsheet, written by another program than Khetane (ExcelJS).
const COLUMNS = ['kind', 'parent', 'code', 'title', 'areas', 'implements', 'responsible', 'start', 'end', 'progress',
  'municipal_planned'];
function planRows({ withMistakes }) {
  return [
    ['objective', '', '1', 'Equal access to quality education', 'bg2021:education', 'eu-2020-o4', '', '', '', '', ''],
    ['measure', '1', '1.1', 'Education mediators in every school', 'bg2021:education', '', '', '', '', '', ''],
    ['activity', '1.1', '1.1.1', 'Hire four education mediators', '', '', 'Municipality of Lom', '2027-01-01',
      withMistakes ? '31.02.2027' : '31.12.2027', '50', '48000'],
    ['activity', '1.1', '1.1.2', 'Summer school in Bulgarian', '', '', 'Municipality of Lom', '2027-07-01',
      '2027-08-31', '', withMistakes ? '-6000' : '6000'],
    ['objective', '', '2', 'Access to health services', 'bg2021:health', '', '', '', '', '', ''],
    ['measure', '2', '2.1', 'Health mediators', 'bg2021:health', '', '', '', '', '', ''],
  ];
}
async function writePlan(file, options) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow(COLUMNS);
  for (const row of planRows(options)) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
  return file;
}

const heading = (page) => page.getByRole('heading', { level: 1 }).innerText();
const countOf = async (page, name) => Number(await page.locator(`[data-count="${name}"]`).first().innerText());

async function signIn(page) {
  await page.goto(`${story.server.url}/signin`);
  await page.getByLabel('Email address', { exact: true }).fill(OFFICIAL_EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(OFFICIAL_PASSWORD);
  return leadsToNewPage(page, () => page.getByRole('button', { name: 'Sign in' }).click());
}

async function upload(page, file, { dryRun }) {
  await page.getByLabel('File', { exact: true }).setInputFiles(file);
  await page.getByLabel(/Dry run/).setChecked(dryRun);
  return leadsToNewPage(page, () => page.getByRole('button', { name: 'Import', exact: true }).click());
}

test('an official of Лом imports the plan from XLSX, fixes the reported rows, links a measure and closes a gap',
  async (t) => {
    const context = await story.browser.newContext({ locale: 'en-GB' });
    t.after(() => context.close());
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    let documentPath = null;
    let gapsBefore = null;

    await t.test('the official signs in and creates the municipal plan of Лом', async () => {
      assert.equal((await signIn(page)).status(), 200);
      await page.goto(`${story.server.url}/policies`);
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'New policy document' }).click());
      await page.getByLabel('Title', { exact: true }).fill('Action plan of Lom 2027–2030');
      await page.getByLabel('Level').selectOption({ label: 'Municipal' });
      await page.getByLabel('Kind').selectOption({ label: 'Action plan' });
      await page.getByLabel('First year').fill('2027');
      await page.getByLabel('Last year').fill('2030');
      await page.getByLabel(/^Municipality/).selectOption('MON24');
      const saved = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Save' }).click());
      assert.equal(saved.status(), 200);
      assert.equal(await heading(page), 'Action plan of Lom 2027–2030');
      documentPath = pathOf(page);
      assert.match(documentPath, /^\/policies\/documents\/\d+$/);
    });

    await t.test('the import reports every bad row with its line and column, and stores nothing', async () => {
      assert.ok(documentPath, 'needs the plan from the step before');
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'Import from a file' }).click());
      assert.equal(await heading(page), 'Import the plan');
      await assertNoSeriousA11yViolations(page, 'the import form');
      const file = await writePlan(path.join(story.folder, 'plan-with-mistakes.xlsx'), { withMistakes: true });
      const answer = await upload(page, file, { dryRun: false });
      assert.equal(answer.status(), 422);
      assert.match(await page.getByRole('alert').first().innerText(), /Nothing was imported/);
      const rows = await page.locator('table tbody tr').allInnerTexts();
      // Each row is named as the official numbered it, besides its line.
      assert.ok(rows.some((row) => /^4\t1\.1\.1\tend\t31\.02\.2027/.test(row)), `line 4 (1.1.1), column end is reported: ${rows}`);
      assert.ok(rows.some((row) => /^5\t1\.1\.2\tmunicipal_planned\t-6000/.test(row)),
        `line 5 (1.1.2), its budget is reported: ${rows}`);
      await assertNoSeriousA11yViolations(page, 'the import report with problems');
      await page.goto(`${story.server.url}${documentPath}`);
      assert.match(await page.getByRole('main').innerText(), /This document has no objectives yet/);
    });

    await t.test('with the rows fixed, a dry run shows the plan, and applying it stores it without a new upload',
      async () => {
      const file = await writePlan(path.join(story.folder, 'plan.xlsx'), { withMistakes: false });
      await page.goto(`${story.server.url}${documentPath}/import`);
      await upload(page, file, { dryRun: true });
      assert.equal(await countOf(page, 'created'), 6, 'a dry run says what would be created');
      const preview = page.url();
      const other = await context.newPage();
      await other.goto(`${story.server.url}${documentPath}`);
      assert.match(await other.getByRole('main').innerText(), /This document has no objectives yet/,
        'and stores nothing');
      await other.close();
      assert.equal(page.url(), preview);
      await assertNoSeriousA11yViolations(page, 'the dry run with its apply button');
      const imported = await leadsToNewPage(page,
        () => page.getByRole('button', { name: 'Apply these changes' }).click());
      assert.equal(imported.status(), 200);
      assert.equal(await countOf(page, 'created'), 6);
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'Open the plan' }).click());
      assert.match(await page.getByRole('main').innerText(), /Health mediators/);
      await assertNoSeriousA11yViolations(page, 'the plan after its import');
    });

    await t.test('linking a measure to a national objective shrinks the gap list by one', async () => {
      await page.goto(`${story.server.url}/policies/gaps?scope=municipality%3AMON24`);
      gapsBefore = await countOf(page, 'unimplemented');
      assert.match(await page.getByRole('main').innerText(), new RegExp(NATIONAL_OBJECTIVE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
        'the national objective is a gap: nothing in Лом implements it');
      await assertNoSeriousA11yViolations(page, 'the gap list');

      await page.goto(`${story.server.url}${documentPath}`);
      await leadsToNewPage(page,
        () => page.locator('ol.tree').getByRole('link', { name: 'Health mediators' }).click());
      await page.getByLabel('Find an objective or measure above to link to').fill('neighbourhood');
      await leadsToNewPage(page, () => page.getByRole('main').getByRole('button', { name: 'Search' }).click());
      await page.getByLabel(new RegExp(NATIONAL_OBJECTIVE.slice(0, 20))).check();
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Link', exact: true }).click());
      assert.match(await page.locator('#implements + ul').innerText(), /health services reach every neighbourhood/);
      await assertNoSeriousA11yViolations(page, 'the measure with its link');

      await page.goto(`${story.server.url}/policies/gaps?scope=municipality%3AMON24`);
      assert.equal(await countOf(page, 'unimplemented'), gapsBefore - 1, 'one gap fewer');
    });

    await t.test('an activity entered twice is withdrawn after a confirmation, and a restore brings it back', async () => {
      await page.goto(`${story.server.url}${documentPath}`);
      await leadsToNewPage(page,
        () => page.locator('ol.tree').getByRole('link', { name: 'Summer school in Bulgarian' }).click());
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'Withdraw from the plan' }).click());
      assert.equal(await heading(page), 'Withdraw from the plan');
      await assertNoSeriousA11yViolations(page, 'the confirmation of a withdrawal');
      await page.getByLabel(/Why it is withdrawn/).fill('Entered twice');
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Withdraw', exact: true }).click());
      assert.match(await page.locator('ul.withdrawn').innerText(), /Summer school in Bulgarian/);
      assert.doesNotMatch(await page.locator('ol.tree').innerText(), /Summer school/, 'it has left the tree');
      await assertNoSeriousA11yViolations(page, 'the plan with a withdrawn activity');

      await leadsToNewPage(page, () => page.locator('ul.withdrawn').getByRole('link').first().click());
      assert.match(await page.getByRole('main').innerText(), /Entered twice/, 'its history says why');
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Restore to the plan' }).click());
      await page.goto(`${story.server.url}${documentPath}`);
      assert.match(await page.locator('ol.tree').innerText(), /Summer school in Bulgarian/, 'it is back in the tree');
      assert.equal(await page.locator('ul.withdrawn').count(), 0);

      // The refused import answers 422 on purpose; Chromium logs every 4xx page as a console error.
      const unexpected = problems().filter((p) => !/\/import: Failed to load resource: .* status of 422/.test(p));
      assert.deepEqual(unexpected, [], 'no script errors, CSP violations or failed requests');
    });

    await t.test('on a phone, in Bulgarian, every page the official works with stays within the screen', async () => {
      const phone = await story.browser.newContext({ locale: 'bg-BG', viewport: { width: 360, height: 640 } });
      t.after(() => phone.close());
      phone.setDefaultTimeout(15_000);
      const small = await phone.newPage();
      await small.goto(`${story.server.url}/signin`);
      await small.getByLabel('Имейл адрес', { exact: true }).fill(OFFICIAL_EMAIL);
      await small.getByLabel('Парола', { exact: true }).fill(OFFICIAL_PASSWORD);
      const signedIn = await leadsToNewPage(small, () => small.getByRole('button', { name: 'Вход' }).click());
      assert.equal(signedIn.status(), 200);
      await small.goto(`${story.server.url}${documentPath}`);
      const itemPath = await small.locator('ol.tree a[href^="/policies/items/"]').first().getAttribute('href');
      const pages = ['/account', '/', '/policies', documentPath, itemPath, `${itemPath}/edit`, `${documentPath}/import`,
        `${documentPath}/items/new`, '/policies/gaps?scope=municipality%3AMON24', '/places', '/design'];
      for (const address of pages) {
        const answer = await small.goto(`${story.server.url}${address}`);
        assert.equal(answer.status(), 200, address);
        const widths = await small.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
        assert.ok(widths.page <= widths.screen, `${address} is ${widths.page} px wide on a ${widths.screen} px screen`);
        const signOut = small.getByRole('button', { name: 'Изход' });
        const box = await signOut.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= widths.screen, `${address}: sign-out is on the screen`);
      }
      await assertNoSeriousA11yViolations(small, 'the design system on a phone');
    });
  });
