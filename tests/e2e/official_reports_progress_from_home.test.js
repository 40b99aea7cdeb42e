'use strict';
// On a 360×640 phone, in Bulgarian, an official of Лом signs in and lands on their home, which lists the activities of
// Лом's plan that have not reported progress. They report one, see the plan's bar move and the activity leave the
// list; every page they visit stays within the screen. Figures from data/policy/demo-lom-action-plan.csv (each item
// counts equally): with the summer school at 100 %, measure 1.1 is (50 + 100) / 2 = 75, education (75 + 25) / 2 = 50,
// and the plan (50 + 75 + 55) / 3 = 60.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  assertNoSeriousA11yViolations, watchPageProblems, leadsToNewPage, phoneContext, pathOf,
} = require('./support/server');
const { addUser, beginStory, endStory } = require('./support/story');

const OFFICIAL_EMAIL = 'official.lom@example.org';
const OFFICIAL_PASSWORD = 'official-password-7';
const SUMMER_SCHOOL = 'Лятно училище по български език';

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-home-', prepare: ({ database }) => {
    addUser(database, OFFICIAL_EMAIL, OFFICIAL_PASSWORD, ['--name', 'Петя Иванова', '--role', 'municipal_official',
      '--scope', 'municipality:MON24']);
  } });
});

after(() => endStory(story));

/** The page is no wider than the phone's screen: nothing pushes it sideways. */
async function assertFitsTheScreen(page, what) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  assert.ok(widths.page <= widths.screen, `${what} is ${widths.page} px wide on a ${widths.screen} px screen`);
}

const unreportedCard = (page) => page.locator('.card', { hasText: 'дейности без отчетен напредък' }).locator('.card-value');
const unreportedList = (page) => page.locator('#home-unreported + ul');

test('an official on a phone reports an activity\'s progress from their home and sees the plan move', async (t) => {
  const context = await phoneContext(story.browser, 'bg-BG');
  t.after(() => context.close());
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = watchPageProblems(page);

  await t.test('signing in leads home, to the activities of Лом\'s plan that have not reported', async () => {
    await page.goto(`${story.server.url}/signin`);
    await page.getByLabel('Имейл адрес', { exact: true }).fill(OFFICIAL_EMAIL);
    await page.getByLabel('Парола', { exact: true }).fill(OFFICIAL_PASSWORD);
    const home = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Вход' }).click());
    assert.equal(home.status(), 200);
    assert.equal(pathOf(page), '/');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Вашата работа');
    assert.match(await page.locator('.home-plan h4').innerText(), /демонстрационни данни/, 'the demo plan, marked so');
    assert.equal(await unreportedCard(page).innerText(), '3');
    assert.match(await unreportedList(page).innerText(), new RegExp(SUMMER_SCHOOL));
    assert.match(await page.locator('.home-plan').first().innerText(), /Напредък на целия план: 56%/);
    await assertFitsTheScreen(page, 'the home');
    await assertNoSeriousA11yViolations(page, 'the official\'s home on a phone');
  });

  await t.test('she reports the summer school done, and home shows the bar moved and the activity gone', async () => {
    const row = unreportedList(page).locator('li', { hasText: SUMMER_SCHOOL });
    await leadsToNewPage(page, () => row.getByRole('link', { name: 'Отчетете напредък' }).click());
    await assertFitsTheScreen(page, 'the activity form');
    await page.getByLabel('Напредък (%)').fill('100');
    const saved = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Запазване' }).click());
    assert.equal(saved.status(), 200);
    await assertFitsTheScreen(page, 'the plan');

    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Khetane', exact: true }).click());
    assert.equal(pathOf(page), '/');
    assert.equal(await unreportedCard(page).innerText(), '2');
    assert.doesNotMatch(await unreportedList(page).innerText(), new RegExp(SUMMER_SCHOOL), 'it has left the list');
    assert.match(await page.locator('.home-plan').first().innerText(), /Напредък на целия план: 60%/);
    assert.equal(await page.locator('.home-plan progress').first().getAttribute('value'), '60');
    await assertFitsTheScreen(page, 'the home after the report');
    assert.deepEqual(problems(), [], 'no script errors, CSP violations or failed requests');
  });
});

test('a journalist on a phone opens Лом\'s page and reaches its plan and its gaps in one click each', async (t) => {
  const context = await phoneContext(story.browser, 'bg-BG');
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  await page.goto(`${story.server.url}/places/municipalities/MON24`);
  const plans = page.getByRole('region', { name: 'Планове' });
  await assertFitsTheScreen(page, 'Лом\'s page');
  await assertNoSeriousA11yViolations(page, 'Лом\'s page with its plans');
  await leadsToNewPage(page, () => plans.getByRole('link', { name: /демонстрационни данни/ }).click());
  assert.match(pathOf(page), /^\/policies\/documents\/\d+$/, 'one click to the plan');
  await page.goBack();
  await leadsToNewPage(page, () => plans.getByRole('link', { name: /^Пропуски/ }).click());
  assert.equal(pathOf(page), '/policies/gaps', 'one click to the gaps');
  assert.equal(new URL(page.url()).searchParams.get('scope'), 'municipality:MON24');
  assert.deepEqual(problems(), [], 'no script errors, CSP violations or failed requests');
});
