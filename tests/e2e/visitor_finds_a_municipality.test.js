'use strict';
// A visitor on a phone, browsing in Bulgarian, switches to English, searches for a municipality with the keyboard
// and reads its page: population chart with its table, and the locator map. Every page is checked with axe.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  phoneContext, assertNoSeriousA11yViolations, watchPageProblems, leadsToNewPage, pathOf,
} = require('./support/server');
const { beginStory, endStory } = require('./support/story');

let story;

before(async () => {
  story = await beginStory();
});

after(() => endStory(story));

const htmlLang = (page) => page.locator('html').getAttribute('lang');

test('a visitor on a phone finds Blagoevgrad and reads its population and map', async (t) => {
  const context = await phoneContext(story.browser, 'bg-BG');
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchPageProblems(page);

  // Home, in Bulgarian because the phone says bg-BG.
  const home = await page.goto(`${story.server.url}/`);
  assert.equal(home.status(), 200);
  assert.equal(await htmlLang(page), 'bg');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Заедно за приобщаване');
  await assertNoSeriousA11yViolations(page, 'the home page (bg)');

  // Switch to English with the language switcher.
  const bulgarianSwitcher = page.getByRole('navigation', { name: 'Език' });
  assert.equal(await bulgarianSwitcher.locator('[aria-current="true"]').innerText(), 'Български');
  const english = bulgarianSwitcher.getByRole('link', { name: 'English' });
  assert.ok(await english.isVisible(), 'the English link of the switcher is visible on a phone');
  await leadsToNewPage(page, () => english.click());

  assert.equal(pathOf(page), '/', 'the switcher brings the visitor back to the page they were on');
  assert.equal(await page.locator('html[lang="en"]').count(), 1, '<html lang="en"> after switching');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Together for inclusion');
  const switcher = page.getByRole('navigation', { name: 'Language' });
  const bulgarian = switcher.getByRole('link', { name: 'Български' });
  assert.equal(await bulgarian.count(), 1, 'the switcher now offers Български as a link');
  assert.ok(await bulgarian.isVisible(), 'the Български link is visible');
  assert.match(await bulgarian.getAttribute('href'), /^\/language\/bg\?next=/);
  assert.equal(await switcher.getByRole('link', { name: 'English' }).count(), 0, 'English is no longer a link');
  assert.equal(await switcher.locator('[aria-current="true"]').innerText(), 'English');

  // Search with the keyboard: type into the labelled search box, press Enter.
  const searchBox = page.getByRole('searchbox', { name: 'Find a municipality' });
  assert.equal(await page.getByLabel('Find a municipality').count(), 1, 'the search box has a label');
  await searchBox.focus();
  await page.keyboard.type('Благоевград');
  await leadsToNewPage(page, () => page.keyboard.press('Enter'));

  assert.equal(pathOf(page), '/places/search');
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Благоевград');
  assert.equal(await htmlLang(page), 'en', 'the chosen language sticks');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Search places');
  assert.equal(await page.getByRole('searchbox', { name: 'Find a municipality' }).inputValue(), 'Благоевград',
    'the search box keeps what was typed');
  const municipalities = page.locator('section', { has: page.getByRole('heading', { name: 'Municipalities' }) });
  const result = municipalities.getByRole('link', { name: 'Blagoevgrad', exact: true });
  assert.equal(await result.count(), 1, 'exactly one municipality result named Blagoevgrad');
  assert.equal(await result.getAttribute('href'), '/places/municipalities/BLG03');
  await assertNoSeriousA11yViolations(page, 'the search results for Благоевград');

  // Open the municipality.
  await leadsToNewPage(page, () => result.click());
  assert.equal(pathOf(page), '/places/municipalities/BLG03');
  const heading = page.getByRole('heading', { level: 1 });
  assert.ok(await heading.isVisible());
  assert.match(await heading.innerText(), /^Blagoevgrad\s+Благоевград$/);

  const chart = page.locator('figure.population-chart svg[role="img"]');
  assert.equal(await chart.count(), 1, 'one population chart');
  assert.ok(await chart.isVisible(), 'the population chart is visible');
  const chartBox = await chart.boundingBox();
  assert.ok(chartBox.width > 100 && chartBox.height > 50, `the chart has a readable size (${JSON.stringify(chartBox)})`);
  assert.equal(await page.getByRole('img', { name: 'Population of Blagoevgrad municipality by year' }).count(), 1,
    'the chart has an accessible name');

  const table = page.getByRole('table', { name: 'Population of Blagoevgrad municipality by year' });
  assert.ok(await table.isVisible(), 'the population table is visible beside the chart');
  assert.equal(await table.evaluate((t) => t.classList.contains('population-table')), true);
  const yearRows = table.locator('tbody tr');
  assert.equal(await yearRows.count(), 19, 'sixteen years from the settlements, three of the municipality');
  const years = await yearRows.locator('th').allInnerTexts();
  assert.deepEqual(years, [...Array.from({ length: 16 }, (_, i) => String(2002 + i)), '2023', '2024', '2025']);
  assert.equal(await yearRows.nth(15).locator('td').innerText(), '75,583', 'the 2017 figure, in English format');
  assert.equal(await yearRows.last().locator('td').innerText(), '70,708', 'the NSI figure for 31 December 2025');

  const highlighted = page.locator('figure.locator-map svg path.map-highlight');
  assert.equal(await highlighted.count(), 1, 'the map highlights one municipality');
  assert.ok(await highlighted.isVisible(), 'the highlighted municipality is drawn');
  assert.ok((await highlighted.getAttribute('d')).length > 20, 'the highlighted path has a shape');
  const highlightBox = await highlighted.boundingBox();
  assert.ok(highlightBox.width > 1 && highlightBox.height > 1,
    `the highlighted municipality has an area on screen (${JSON.stringify(highlightBox)})`);
  await assertNoSeriousA11yViolations(page, 'the Blagoevgrad municipality page');
  assert.deepEqual(problems(), [], 'no script errors, CSP violations or failed requests along the way');
});

test('an unknown address shows a "not found" page in the chosen language, with a way home', async (t) => {
  const context = await phoneContext(story.browser, 'bg-BG');
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchPageProblems(page);

  const bg = await page.goto(`${story.server.url}/no/such/page`);
  assert.equal(bg.status(), 404);
  assert.equal(await htmlLang(page), 'bg');
  assert.notEqual(await page.getByRole('heading', { level: 1 }).innerText(), 'Page not found',
    'the Bulgarian page is not in English');

  // Choose English with the switcher on the 404 page itself: it should bring us back to the same address.
  await leadsToNewPage(page, () => page.getByRole('navigation', { name: 'Език' })
    .getByRole('link', { name: 'English' }).click());
  assert.equal(pathOf(page), '/no/such/page');
  assert.equal(await htmlLang(page), 'en');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Page not found');
  const reload = await page.reload();
  assert.equal(reload.status(), 404, 'still a 404 in English');
  await assertNoSeriousA11yViolations(page, 'the 404 page (en)');

  const homeLink = page.getByRole('main').getByRole('link', { name: 'Go to the home page' });
  assert.equal(await homeLink.getAttribute('href'), '/');
  await leadsToNewPage(page, () => homeLink.click());
  assert.equal(pathOf(page), '/');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Together for inclusion');
  // Chromium reports the 404 of the page itself as a console error: that one is expected.
  const unexpected = problems().filter((p) => !/status of 404/.test(p) || !p.includes('/no/such/page'));
  assert.deepEqual(unexpected, [], 'no script errors, CSP violations or failed requests');
});

test('searching "lom" in Latin lower case finds the municipality Лом (MON24)', async (t) => {
  const context = await phoneContext(story.browser, 'bg-BG');
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchPageProblems(page);

  const response = await page.goto(`${story.server.url}/places/search?q=lom`);
  assert.equal(response.status(), 200);
  assert.equal(await htmlLang(page), 'bg');
  const municipalities = page.locator('section', { has: page.getByRole('heading', { name: 'Общини' }) });
  const lom = municipalities.getByRole('link', { name: 'Лом', exact: true });
  assert.equal(await lom.count(), 1, 'Лом is among the municipalities found');
  assert.equal(await lom.getAttribute('href'), '/places/municipalities/MON24');
  const firstResult = municipalities.getByRole('link').first();
  assert.equal(await firstResult.innerText(), 'Лом', 'the exact match comes first');
  await assertNoSeriousA11yViolations(page, 'the search results for lom');
  assert.deepEqual(problems(), [], 'no script errors, CSP violations or failed requests');
});
