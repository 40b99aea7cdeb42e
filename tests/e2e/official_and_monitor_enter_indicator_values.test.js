'use strict';
// Issue "Indicators, targets and observations", told as one story on 360×640 phones, in English (en-GB):
// an official of Лом enters 2026's health- and education-mediator posts in the grid; a CSO editor adds what her
// organisation's monitors counted; the indicator's page shows both values side by side, in its table and its chart.
// A coordinator of the oblast approves the official value and closes 2026 for Лом, after which the official finds the
// cells locked, naming who closed the period and when, and a changed value sent through the form is refused with the
// same words. On the way, the grid refuses "N/A" beside its cell and the form refuses a share of 140 %.
// Лом's earlier values (2024, 2025) come from data/indicators/demo-lom-values.csv; 2026 starts empty.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { repoRoot, assertNoSeriousA11yViolations, leadsToNewPage, pathOf } = require('./support/server');
const { khetane, addUser, beginStory, endStory, assertFitsTheScreen, phoneOf, signIn } =
  require('./support/story');

const OFFICIAL = { email: 'official.lom@example.org', password: 'official-password-7', name: 'Petya Ivanova' };
const MONITOR = { email: 'monitor@example.org', password: 'monitor-password-7', name: 'Ivan Asenov' };
const COORDINATOR = { email: 'coordinator.montana@example.org', password: 'coordinator-password-7',
  name: 'Maria Georgieva' };
const ORGANISATION = 'Roma Health Watch';

const GRID_2026 = '/indicators/grid?period=2026&kind=process';
const HEALTH_PAGE = '/indicators/health_mediator_posts?place=MON24';
const HEALTH_CELL = 'Lom, Health-mediator posts';
const EDUCATION_CELL = 'Lom, Education-mediator posts';
const CIVIC_COLUMN = `Civic monitoring: ${ORGANISATION}`;

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-indicators-', prepare: ({ database }) => {
    const where = ['--database', database, '--share-dir', repoRoot];
    addUser(database, OFFICIAL.email, OFFICIAL.password, ['--name', OFFICIAL.name, '--role', 'municipal_official',
      '--scope', 'municipality:MON24']);
    // `organisation add` prints "added organisation ID (NAME); its scope is organisation:ID".
    const added = khetane(['organisation', 'add', ORGANISATION, '--kind', 'cso', '--municipality', 'MON24', ...where]);
    const scope = added.match(/organisation:\d+/)?.[0];
    assert.ok(scope, `the organisation's scope is printed (the command said "${added.trim()}")`);
    addUser(database, MONITOR.email, MONITOR.password, ['--name', MONITOR.name, '--role', 'cso_editor',
      '--scope', scope]);
    addUser(database, COORDINATOR.email, COORDINATOR.password, ['--name', COORDINATOR.name, '--role', 'coordinator',
      '--scope', 'oblast:MON']);
  } });
});

after(() => endStory(story));

const heading = (page) => page.getByRole('heading', { level: 1 }).innerText();
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Today as the pages write a date in English ("5 December 2026"): the server's clock, read in the installation's time
// zone (`khetane serve --time-zone`, Europe/Sofia unless told), where the day begins two hours before it does in UTC.
const today = () => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric',
  timeZone: 'Europe/Sofia' }).format(new Date());

/** What one period's row of a table says under each column heading: {heading: text}, or null without the row. */
function rowOfPeriod(table, period) {
  return table.evaluate((element, wanted) => {
    const headings = [...element.tHead.rows[0].cells].map((cell) => cell.innerText.trim());
    const row = [...element.tBodies[0].rows].find((each) => each.cells[0].innerText.trim() === wanted);
    if (!row) return null;
    return Object.fromEntries(headings.map((name, at) => [name, row.cells[at].innerText.trim()]));
  }, period);
}

/** The text an input points to with aria-describedby (its hint, its problem), as a screen reader reads it out. */
async function descriptionOf(input) {
  const ids = ((await input.getAttribute('aria-describedby')) || '').split(/\s+/).filter(Boolean);
  const page = input.page();
  const texts = [];
  for (const id of ids) texts.push((await page.locator(`[id="${id}"]`).innerText()).trim());
  return texts.join(' ');
}

/** The cell of the grid that holds `what` (an input or a locked figure). */
const gridCellWith = (page, what) => page.locator('#values-grid td', { has: what });

// Chromium logs each refused form (422, 409) as a console error: those are expected, nothing else is.
const unexpected = (problems) => problems
  .filter((p) => !/^console error on http:\/\/[^ ]+\/indicators\/(grid|values): .*status of (422|409)/.test(p));

test('an official and a civic monitor enter 2026 values for Лом, a coordinator approves and closes the period',
  async (t) => {
    const official = await phoneOf(story, t);
    const monitor = await phoneOf(story, t);
    const coordinator = await phoneOf(story, t);
    let officialValueUrl = null;
    let closed = false;
    let lockMessage = null; // what the grid says of a locked cell, word for word

    await t.test('the official of Лом enters 2026 mediator posts in the grid, and the grid says they are stored',
      async () => {
        const { page } = official;
        await signIn(story, page, OFFICIAL);
        const opened = await page.goto(`${story.server.url}${GRID_2026}`);
        assert.equal(opened.status(), 200);
        assert.equal(await heading(page), 'Enter values in a grid');
        const health = page.getByLabel(HEALTH_CELL, { exact: true });
        const education = page.getByLabel(EDUCATION_CELL, { exact: true });
        assert.equal(await health.inputValue(), '', 'no health-mediator posts for 2026 yet');
        assert.equal(await education.inputValue(), '', 'no education-mediator posts for 2026 yet');
        await assertFitsTheScreen(page, 'the grid');
        await assertNoSeriousA11yViolations(page, 'the grid for 2026');

        await health.fill('4');
        await education.fill('6');
        const stored = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Store the values' }).click());
        assert.equal(stored.status(), 200);
        assert.equal((await page.locator('#grid-stored').innerText()).trim(), '2 values stored.');
        assert.equal(await page.locator('#grid-stored').getAttribute('role'), 'status', 'announced to screen readers');
        assert.equal(await health.inputValue(), '4', 'the cell shows what is stored');
        assert.equal(await education.inputValue(), '6', 'the cell shows what is stored');
        for (const cell of [health, education]) {
          assert.match(await gridCellWith(page, cell).innerText(), /stored/, 'each stored cell says so');
        }
        await assertFitsTheScreen(page, 'the grid after storing');
      });

    await t.test('"N/A" in a cell is refused beside the cell, pointing to the note, and nothing changes', async () => {
      const { page } = official;
      if (!pathOf(page).startsWith('/indicators/grid')) await page.goto(`${story.server.url}${GRID_2026}`);
      const health = page.getByLabel(HEALTH_CELL, { exact: true });
      await health.fill('N/A');
      const refused = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Store the values' }).click());
      assert.equal(refused.status(), 422);
      assert.match(await page.locator('#grid-refused').innerText(), /^1 value was not stored: see the reason beside it\.$/);
      assert.equal(await page.locator('#grid-refused').getAttribute('role'), 'alert');
      assert.equal(await health.inputValue(), 'N/A', 'what was typed is still in the cell');
      assert.equal(await health.getAttribute('aria-invalid'), 'true');
      const beside = page.locator('#values-grid td', { has: health }).locator('.field-error');
      assert.match(await beside.innerText(), /Write a number\. If there is no figure, leave the value out and say why in the note\./,
        'the message stands in the cell and points to the note');
      assert.match(await descriptionOf(health), /say why in the note/, 'a screen reader hears the message with the cell');
      assert.equal(await page.getByLabel(EDUCATION_CELL, { exact: true }).getAttribute('aria-invalid'), null,
        'the other cell is not marked');
      await assertFitsTheScreen(page, 'the grid with a refused cell');
      await assertNoSeriousA11yViolations(page, 'the grid with a refused cell');

      await page.goto(`${story.server.url}${GRID_2026}`);
      assert.equal(await page.getByLabel(HEALTH_CELL, { exact: true }).inputValue(), '4', 'the stored value stays');
    });

    await t.test('a share of 140 % is refused by the form, beside the value, with what was typed kept', async () => {
      const { page, problems } = official;
      await page.goto(`${story.server.url}/indicators/values/new`);
      assert.equal(await heading(page), 'Enter a value');
      await page.getByLabel('Indicator', { exact: true }).selectOption({ label: 'Share of Roma in paid work (Share (%))' });
      await page.getByLabel('Place', { exact: true }).fill('MON24');
      await page.getByLabel('Period', { exact: true }).fill('2026');
      await page.getByLabel('Where the value comes from').selectOption({ label: 'Official statistic' });
      await page.getByLabel('Value', { exact: true }).fill('140');
      await assertFitsTheScreen(page, 'the value form');
      const refused = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Store the value' }).click());
      assert.equal(refused.status(), 422);
      const value = page.getByLabel('Value', { exact: true });
      assert.equal(await value.inputValue(), '140', 'what was typed is still there');
      assert.equal(await value.getAttribute('aria-invalid'), 'true');
      assert.match(await descriptionOf(value), /A share is between 0 and 100\./, 'the reason stands beside the value');
      const summary = page.getByRole('main').getByRole('alert');
      assert.equal(await summary.getByRole('link', { name: 'A share is between 0 and 100.' }).getAttribute('href'),
        '#value-value', 'the summary links to the value');
      await assertFitsTheScreen(page, 'the refused value form');
      assert.deepEqual(unexpected(problems()), [], 'no script errors, CSP violations or failed requests');
    });

    await t.test(`a CSO editor of ${ORGANISATION} adds a civic value for the health-mediator posts`, async () => {
      const { page } = monitor;
      await signIn(story, page, MONITOR);
      await page.goto(`${story.server.url}/indicators/values/new`);
      assert.equal(await heading(page), 'Enter a value');
      await page.getByLabel('Indicator', { exact: true }).selectOption({ label: 'Health-mediator posts (Count)' });
      await page.getByLabel('Place', { exact: true }).fill('MON24');
      await page.getByLabel('Period', { exact: true }).fill('2026');
      await page.getByLabel('Where the value comes from').selectOption({ label: 'Civic monitoring' });
      await page.getByLabel('Value', { exact: true }).fill('2');
      await page.getByLabel('Note', { exact: true }).fill('Our monitors met two health mediators at work in March.');
      await assertFitsTheScreen(page, 'the value form of the CSO editor');
      const stored = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Store the value' }).click());
      assert.equal(stored.status(), 200);
      assert.match(pathOf(page), /^\/indicators\/values\/\d+$/, 'storing leads to the value\'s page');
      assert.equal((await page.getByRole('main').getByRole('status').innerText()).trim(), 'The value is stored.');
      assert.equal(await heading(page), 'Health-mediator posts: Lom, 2026');
      const facts = await page.locator('main dl.facts').innerText();
      assert.match(facts, new RegExp(`Source\\s+${escapeRegExp(CIVIC_COLUMN)}`), 'the value is the organisation\'s');
      assert.match(facts, /Note\s+Our monitors met two health mediators at work in March\./);
      await assertFitsTheScreen(page, 'the civic value\'s page');
    });

    await t.test('the indicator\'s page shows the official and the civic value for 2026 side by side', async () => {
      const { page, problems } = monitor;
      const opened = await page.goto(`${story.server.url}${HEALTH_PAGE}`);
      assert.equal(opened.status(), 200);
      assert.equal(await heading(page), 'Health-mediator posts');
      const table = page.getByRole('table', { name: 'Values by period and source' });
      const row = await rowOfPeriod(table, '2026');
      assert.ok(row, 'the table has a row for 2026');
      assert.match(row['Official statistic'] ?? '', /^4\b.*Submitted, awaiting approval/,
        `the official value and its status (the row says ${JSON.stringify(row)})`);
      assert.match(row[CIVIC_COLUMN] ?? '', /^2\b/, `the organisation's value (the row says ${JSON.stringify(row)})`);

      const chart = page.getByRole('img', { name: 'Health-mediator posts — Lom' });
      assert.equal(await chart.count(), 1, 'a chart of the values of Лом');
      assert.equal(await chart.evaluate((element) => element.localName), 'svg', 'drawn in the page, as SVG');
      const legend = await chart.locator('.chart-legend text').allTextContents();
      assert.ok(legend.includes('Official statistic'), `the legend names the official values (it says ${legend})`);
      assert.ok(legend.includes(CIVIC_COLUMN), `the legend names the organisation (it says ${legend})`);
      const points = await chart.locator('.chart-point title').allTextContents();
      assert.ok(points.includes('Official statistic — 2026: 4'), `the official 2026 point (points: ${points})`);
      assert.ok(points.includes(`${CIVIC_COLUMN} — 2026: 2`), `the civic 2026 point (points: ${points})`);
      await assertFitsTheScreen(page, 'the indicator\'s page');
      await assertNoSeriousA11yViolations(page, 'the indicator\'s page with values from two sources');
      assert.deepEqual(unexpected(problems()), [], 'no script errors, CSP violations or failed requests');
    });

    await t.test('the coordinator opens the official value from the table and approves it', async () => {
      const { page } = coordinator;
      await signIn(story, page, COORDINATOR);
      await page.goto(`${story.server.url}${HEALTH_PAGE}`);
      const row = page.getByRole('table', { name: 'Values by period and source' }).getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: '2026', exact: true }) });
      await leadsToNewPage(page, () => row.getByRole('link', { name: '4', exact: true }).click());
      assert.match(pathOf(page), /^\/indicators\/values\/\d+$/);
      officialValueUrl = page.url();
      assert.equal(await heading(page), 'Health-mediator posts: Lom, 2026');
      assert.match(await page.locator('main dl.facts').innerText(), /Source\s+Official statistic/);
      assert.equal((await page.locator('#value-status').innerText()).trim(), 'Submitted, awaiting approval');
      await assertFitsTheScreen(page, 'the official value\'s page');

      const approved = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Approve the value' }).click());
      assert.equal(approved.status(), 200);
      assert.equal((await page.getByRole('main').getByRole('status').innerText()).trim(), 'The value is approved.');
      assert.equal((await page.locator('#value-status').innerText()).trim(), 'Approved');
      assert.match(await page.getByRole('region', { name: 'History' }).innerText(),
        new RegExp(`approved by ${escapeRegExp(COORDINATOR.name)}`), 'the history says who approved it');
      assert.equal(await page.getByRole('button', { name: 'Approve the value' }).count(), 0, 'approved once');
      await assertFitsTheScreen(page, 'the approved value\'s page');
    });

    await t.test('the coordinator closes the period 2026 for Лом', async () => {
      const { page, problems } = coordinator;
      await page.goto(`${story.server.url}/indicators/closures`);
      assert.equal(await heading(page), 'Closed periods');
      const place = page.getByLabel('Place', { exact: true });
      // The oblast's coordinator is offered the oblast and each of its municipalities.
      assert.equal(await place.locator('option', { hasText: /^Lom$/ }).count(), 1, 'Lom is offered under Montana');
      await place.selectOption({ label: 'Lom' });
      await page.getByLabel('Period', { exact: true }).fill('2026');
      await assertFitsTheScreen(page, 'the closed periods');
      const done = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Close the period' }).click());
      assert.equal(done.status(), 200);
      assert.equal(pathOf(page), '/indicators/closures');
      const row = await rowOfPeriod(page.locator('#closures'), 'Lom');
      assert.ok(row, 'the closed periods list Лом');
      assert.equal(row.Period, '2026');
      assert.equal(row['Closed by'], `${COORDINATOR.name}, ${today()}`, 'the list says who closed it and when');
      closed = true;
      await assertFitsTheScreen(page, 'the closed periods after closing');
      assert.deepEqual(unexpected(problems()), [], 'no script errors, CSP violations or failed requests');
    });

    await t.test('back in the grid, the official finds 2026 locked, naming who closed it and when', async () => {
      assert.ok(closed, 'needs the period closed in the step before');
      const { page } = official;
      const opened = await page.goto(`${story.server.url}${GRID_2026}`);
      assert.equal(opened.status(), 200);
      assert.equal(await page.getByLabel(HEALTH_CELL, { exact: true }).count(), 0, 'no field to type in');
      const health = page.locator('#cell-MON24-health_mediator_posts');
      assert.equal((await health.innerText()).trim(), '4', 'the stored value is shown');
      const message = (await gridCellWith(page, health).locator('.lock').innerText()).trim();
      assert.match(message, /^The period 2026 is closed for /, `the cell says the period is closed (it says "${message}")`);
      assert.match(message, new RegExp(escapeRegExp(COORDINATOR.name)), 'and names the coordinator who closed it');
      assert.match(message, new RegExp(escapeRegExp(today())), 'and when');
      lockMessage = message;
      const education = page.locator('#cell-MON24-education_mediator_posts');
      assert.equal((await education.innerText()).trim(), '6');
      assert.equal((await gridCellWith(page, education).locator('.lock').innerText()).trim(), message,
        'the education-mediator posts are locked by the same closure');
      await assertFitsTheScreen(page, 'the locked grid');
      await assertNoSeriousA11yViolations(page, 'the grid of a closed period');
      // The rest of the page calls the place "Lom" in English; so should the message.
      assert.match(message, /closed for Lom: .* A coordinator of Lom may reopen it\.$/,
        `the message names the place as the page does (it says "${message}")`);
    });

    await t.test('a changed value sent through the form is refused, naming the coordinator', async () => {
      assert.ok(closed, 'needs the period closed before');
      const { page, problems } = official;
      await page.goto(`${story.server.url}/indicators/values/new`);
      await page.getByLabel('Indicator', { exact: true }).selectOption({ label: 'Health-mediator posts (Count)' });
      await page.getByLabel('Place', { exact: true }).fill('MON24');
      await page.getByLabel('Period', { exact: true }).fill('2026');
      await page.getByLabel('Where the value comes from').selectOption({ label: 'Official statistic' });
      await page.getByLabel('Value', { exact: true }).fill('5');
      const refused = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Store the value' }).click());
      assert.equal(refused.status(), 409);
      const alert = (await page.getByRole('main').getByRole('alert').innerText()).trim();
      assert.match(alert, /The period 2026 is closed/, `the form says the period is closed (it says "${alert}")`);
      assert.match(alert, new RegExp(escapeRegExp(COORDINATOR.name)), 'and names the coordinator');
      assert.match(alert, new RegExp(escapeRegExp(today())), 'and when');
      if (lockMessage) assert.equal(alert, lockMessage, 'in the words the grid used');
      assert.equal(await page.getByLabel('Value', { exact: true }).inputValue(), '5', 'what was typed is kept');
      await assertFitsTheScreen(page, 'the refused change');

      assert.ok(officialValueUrl, 'needs the official value\'s page from the coordinator\'s step');
      await page.goto(officialValueUrl);
      assert.equal((await page.locator('#value-figure').innerText()).trim(), '4', 'the approved value is unchanged');
      assert.match(await page.locator('#value-lock').innerText(), new RegExp(escapeRegExp(COORDINATOR.name)),
        'its page says why it cannot be corrected, naming the coordinator');
      assert.equal(await page.getByRole('link', { name: 'Correct the value' }).count(), 0, 'nor offers to');
      assert.deepEqual(unexpected(problems()), [], 'no script errors, CSP violations or failed requests');
    });
  });
