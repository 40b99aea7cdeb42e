'use strict';
// Issue "Dashboards, maps, scorecards and open data", told as one story on a 360×640 phone, in English (en-GB): a
// journalist opens the home page, switches the map to "Overdue measures and activities", opens Лом from the map with
// the keyboard, reads its scorecard (the figures, the plan by area, the official and community views side by side),
// downloads the CSV, and prints the scorecard: the PDF Chromium prints has the chart and the table and no navigation,
// on at most two pages. Every page fits the screen and passes axe.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { assertNoSeriousA11yViolations, leadsToNewPage, pathOf } = require('./support/server');
const { beginStory, endStory, assertFitsTheScreen, phoneOf } = require('./support/story');

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-dashboards-' });
});

after(() => endStory(story));

test('a journalist finds Лом on the map of overdue measures and prints its scorecard', async (t) => {
  const { page, problems } = await phoneOf(story, t);

  // The home page leads with the map of the country.
  const home = await page.goto(`${story.server.url}/`);
  assert.equal(home.status(), 200);
  const map = page.locator('section.country-map svg.shaded-map');
  assert.ok(await map.isVisible(), 'the home page shows the map');
  assert.equal(await map.locator('a.map-area').count(), 265, 'every municipality is a link on the map');
  await assertFitsTheScreen(page, 'the home page with its map');

  // She switches the map to overdue measures, without a script: a form that reloads the page.
  await page.getByLabel('Colour the map by').selectOption({ label: 'Overdue measures and activities' });
  await leadsToNewPage(page, () => page.getByRole('button', { name: 'Show' }).click());
  assert.match(page.url(), /measure=overdue-measures/);
  const overdueMap = page.getByRole('group', { name: 'Overdue measures and activities' });
  assert.ok(await overdueMap.isVisible(), 'the map is named after the chosen figure');
  const legend = await page.locator('section.country-map .map-legend').innerText();
  for (const step of ['0', '1–2', '3–5', '6–10', '11 or more', 'No figure']) {
    assert.ok(legend.includes(step), `the legend has the step "${step}" (it says: ${legend})`);
  }
  assert.match(await page.locator('section.country-map .map-method').innerText(), /deadline .* has passed/);
  assert.match(await page.locator('section.country-map').innerText(), /Demo data/, 'demo figures are labelled');
  await assertNoSeriousA11yViolations(page, 'the home page with the map of overdue measures');
  // What changed this week: the demo cycle and plan, dated and labelled.
  const week = page.locator('section.this-week');
  assert.match(await week.innerText(), /community assessments? verified/);

  // The keyboard reaches Лом on the map; Enter opens its scorecard.
  const lom = overdueMap.getByRole('link', { name: /^Lom: \d+ \(demo data\)$/ });
  assert.equal(await lom.count(), 1, 'Лом is a link named with its figure');
  await lom.focus();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '/scorecards/MON24');
  await leadsToNewPage(page, () => page.keyboard.press('Enter'));
  assert.equal(pathOf(page), '/scorecards/MON24');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Scorecard: Lom');
  const cards = await page.locator('.scorecard-figures .cards').innerText();
  assert.match(cards, /13%\s+Activities completed/, 'the activities completed, as the demo plan reports them');
  assert.match(cards, /Too few assessments to show\s+Community score/, 'three assessments are too few to show');
  for (const part of ['The plan by area', 'Progress against targets', 'Official and community views',
    'Latest verified assessments']) {
    assert.equal(await page.getByRole('heading', { level: 2, name: part }).count(), 1, `the scorecard has "${part}"`);
  }
  const views = page.locator('section.scorecard-part', { has: page.getByRole('heading', { name: 'Official and community views' }) });
  assert.match(await views.innerText(), /Information days with the labour office\s+Completed, 100%\s+Not visible on the ground/);
  assert.match(await page.locator('.notice.demo').first().innerText(), /demo data/);
  await assertFitsTheScreen(page, 'the scorecard');
  await assertNoSeriousA11yViolations(page, 'the scorecard of Лом');

  // The CSV: every figure and part, one row per cell.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'khetane-scorecard-MON24.csv');
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeffPart,Row,Column,Value\r\n'), 'a CSV with its header');
  assert.match(csv, /Figures,Activities completed,Value,12\.5\r\n/);
  assert.match(csv, /The plan by area,Education,Measures,2\r\n/);

  // Printing: the chart and the table are there, the navigation is not, and it fits two pages.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site-header').isVisible(), false, 'no navigation in print');
  assert.ok(await page.locator('.scorecard-chart svg').isVisible(), 'the chart is printed');
  assert.ok(await page.locator('table.scorecard-table').isVisible(), 'the table is printed');
  assert.equal(await page.locator('.downloads').isVisible(), false, 'no download links in print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
  assert.ok(pages >= 1 && pages <= 2, `the printed scorecard is ${pages} page(s)`);
  await page.emulateMedia({ media: 'screen' });

  assert.deepEqual(problems(), [], 'no script errors, CSP violations or failed requests along the way');
});

test('the overview ranks only the municipalities that have a figure, and every list is open data', async (t) => {
  const { page, problems } = await phoneOf(story, t);
  await page.goto(`${story.server.url}/overview/MON?measure=activities-completed`);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Oblast Montana at a glance');
  const rows = page.locator('table.comparison:not(.by-area) tbody tr');
  assert.equal(await rows.count(), 11, 'the eleven municipalities of Montana');
  assert.match(await rows.first().innerText(), /^1\s+Lom/, 'Лом, the only one with a plan, is first');
  assert.equal(await rows.nth(1).locator('td').first().innerText(), '', 'the others have no rank, not a rank of 0');
  assert.match(await rows.nth(1).innerText(), /No adopted plan/);
  await assertFitsTheScreen(page, 'the overview of Montana');
  await assertNoSeriousA11yViolations(page, 'the overview of Montana');

  const figures = await page.request.get(`${story.server.url}/api/v1/dashboards/figures?measure=activities-completed&oblast=MON&format=csv`);
  assert.equal(figures.status(), 200);
  assert.match(figures.headers()['content-type'], /^text\/csv/);
  const text = await figures.text();
  assert.match(text, /true,MON24,Лом,Lom,MON,1,false,12\.5,/, `Лом's row (the CSV: ${text.slice(0, 300)})`);

  await page.goto(`${story.server.url}/open-data`);
  assert.ok(await page.getByRole('link', { name: 'Download the open-data archive (ZIP)' }).isVisible());
  const zip = await page.request.get(`${story.server.url}/open-data/khetane-open-data.zip`);
  assert.equal(zip.status(), 200);
  const bytes = await zip.body();
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip archive');
  assert.ok(bytes.includes(Buffer.from('dashboards-figures.csv')) && bytes.includes(Buffer.from('README.md')));
  await assertNoSeriousA11yViolations(page, 'the open data page');
  assert.deepEqual(problems(), []);
});
