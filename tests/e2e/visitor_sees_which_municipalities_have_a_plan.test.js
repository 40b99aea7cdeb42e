'use strict';
// A visitor on a phone, in Bulgarian, opens the oblast of Montana: its map shows which municipalities have an adopted
// plan (Лом, with the demo plan), each municipality a link they can reach with the keyboard; they open Лом and read
// its Census 2021. Everything fits a 360 px screen and is checked with axe.

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

async function assertFitsThePhone(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than a 360 px phone`);
}

test('on a phone, the map of Montana marks Лом, whose plan is adopted, and leads to its census', async (t) => {
  const context = await phoneContext(story.browser, 'bg-BG');
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchPageProblems(page);

  const places = await page.goto(`${story.server.url}/places`);
  assert.equal(places.status(), 200);
  const country = page.locator('figure.plan-map svg.area-map');
  assert.ok(await country.isVisible(), 'the map of the country is shown');
  assert.equal(await page.locator('svg.area-map a.map-area').count(), 265, 'every municipality is a link');
  await assertFitsThePhone(page, '/places');
  await assertNoSeriousA11yViolations(page, 'the places page with its map');

  await page.goto(`${story.server.url}/places/oblasts/MON`);
  const map = page.getByRole('group', { name: 'Общините в Монтана с приет общински план' });
  assert.ok(await map.isVisible(), 'the map of the oblast is named');
  const lom = map.getByRole('link', { name: 'Лом: има приет общински план (демонстрационни данни)' });
  assert.equal(await lom.count(), 1, 'Лом is a link named with its adopted (demo) plan');
  assert.equal(await lom.getAttribute('class'), 'map-area map-marked', 'and hatched');
  assert.equal(await map.getByRole('link', { name: 'Монтана: няма приет общински план' }).count(), 1);
  const box = await map.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360, `the map fits the screen (${JSON.stringify(box)})`);
  const row = page.locator('table.municipalities-table tr', { has: page.getByRole('link', { name: 'Лом', exact: true }) });
  assert.match(await row.locator('td.adopted-plan').innerText(), /Общински план за действие на Лом 2027–2030/);
  assert.match(await row.locator('td.adopted-plan').innerText(), /Демонстрационни данни/);
  await assertFitsThePhone(page, 'the oblast page');
  await assertNoSeriousA11yViolations(page, 'the oblast of Montana with its map');

  // The keyboard reaches Лом on the map, and Enter opens its page.
  await lom.focus();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '/places/municipalities/MON24');
  await leadsToNewPage(page, () => page.keyboard.press('Enter'));
  assert.equal(pathOf(page), '/places/municipalities/MON24');
  const census = page.locator('section.census');
  assert.ok(await census.isVisible(), 'the census section is shown');
  assert.match(await census.locator('.census-roma').innerText(), /^Роми: 2\s508 души, 11,8% от населението/);
  await assertFitsThePhone(page, 'the municipality page with its census');
  for (const table of await census.locator('.table-scroll').all()) {
    const tableBox = await table.boundingBox();
    assert.ok(tableBox.x >= 0 && tableBox.x + tableBox.width <= 360, 'each census table fits or scrolls within the screen');
  }
  await assertNoSeriousA11yViolations(page, 'Лом with its census');
  assert.deepEqual(problems(), [], 'no script errors, CSP violations or failed requests along the way');
});
