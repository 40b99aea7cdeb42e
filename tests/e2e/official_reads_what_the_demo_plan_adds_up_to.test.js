'use strict';
// An official of Лом opens the demo action plan that a new installation ships, reads what it adds up to (the whole
// plan's progress, its budget by funding source and by objective), finds which activities have not reported yet and
// why one objective's figure is what it is; then reads the same page on a phone in Bulgarian and in print, and
// downloads the plan with its totals. Every figure is worked out by hand from data/policy/demo-lom-action-plan.csv
// (progress: each item counts equally, the demo plan's rule; docs/methodology.md).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  assertNoSeriousA11yViolations, watchPageProblems, leadsToNewPage, phoneContext,
} = require('./support/server');
const { addUser, beginStory, endStory } = require('./support/story');

const OFFICIAL_EMAIL = 'official.lom@example.org';
const OFFICIAL_PASSWORD = 'official-password-7';
const DEMO_PLAN = 'Lom municipal action plan 2027–2030 (demo data)';

// The objectives' progress is the mean of their measures': education (50 + 25) / 2 = 37.5, health 75, employment
// (100 + 10) / 2 = 55; housing has nothing reported. The plan: (37.5 + 75 + 55) / 3 = 55.83.
const PLAN_PROGRESS = '56%';
const NOT_REPORTED = ['Summer school in Bulgarian', 'Childhood immunisation campaign',
  'Detailed development plan for the quarter'];

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-totals-', prepare: ({ database }) => {
    addUser(database, OFFICIAL_EMAIL, OFFICIAL_PASSWORD, ['--name', 'Petya Ivanova', '--role', 'municipal_official',
      '--scope', 'municipality:MON24']);
  } });
});

after(() => endStory(story));

const cells = (row) => row.locator('th, td').allInnerTexts();

async function signIn(page) {
  await page.goto(`${story.server.url}/signin`);
  await page.getByLabel('Email address', { exact: true }).fill(OFFICIAL_EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(OFFICIAL_PASSWORD);
  return leadsToNewPage(page, () => page.getByRole('button', { name: 'Sign in' }).click());
}

test('an official of Лом reads what the demo plan adds up to and which activities have not reported', async (t) => {
  const context = await story.browser.newContext({ locale: 'en-GB' });
  t.after(() => context.close());
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  let planUrl = null;

  await t.test('the official opens the demo plan from the cascade', async () => {
    assert.equal((await signIn(page)).status(), 200);
    await page.goto(`${story.server.url}/policies?scope=municipality%3AMON24`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: DEMO_PLAN }).click());
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), DEMO_PLAN);
    planUrl = page.url();
    const facts = await page.locator('dl.facts').innerText();
    assert.match(facts, /How progress adds up\s+each item counts equally/);
    assert.match(facts, /Each objective counts equally in the plan, each measure within its objective/,
      'the rule says what it means under its name');
  });

  await t.test('sees the whole plan\'s progress, with how many items it counts and how many did not report', async () => {
    assert.ok(planUrl, 'needs the plan from the step before');
    const totals = page.getByRole('region', { name: 'What the plan adds up to' });
    assert.equal(await totals.locator('#plan-progress').innerText(), PLAN_PROGRESS);
    assert.equal(await totals.locator('[data-count="counted"]').innerText(), '5');
    assert.equal(await totals.locator('[data-count="not-reported"]').innerText(), '3');
  });

  await t.test('sees the budget of the whole plan by funding source and in all, as people write amounts', async () => {
    const table = page.getByRole('table', { name: /Budget of the whole plan by funding source \(EUR\)/ });
    assert.deepEqual(await cells(table.locator('thead tr')), ['Funding source', 'Planned', 'Secured', 'Spent']);
    const rows = await Promise.all((await table.locator('tbody tr').all()).map(cells));
    assert.deepEqual(rows, [
      ['Municipal budget', '€127,500.00', '€94,500.00', '€56,130.00'],
      ['ESF+', '€52,500.00', '€0.00', '€0.00'],
      ['Other source', '€9,000.00', '€9,000.00', '€2,250.00'],
    ], 'the largest planned first');
    assert.deepEqual(await cells(table.locator('tfoot tr')), ['All sources', '€189,000.00', '€103,500.00', '€58,380.00']);
  });

  await t.test('sees each objective\'s progress and budget', async () => {
    const table = page.getByRole('table', { name: /Progress and budget by objective/ });
    const rows = await Promise.all((await table.locator('tbody tr').all()).map(cells));
    assert.deepEqual(rows, [
      ['1 Equal access to quality education', '38%', '€90,000.00', '€66,000.00', '€30,000.00'],
      ['2 Access to health services', '75%', '€40,500.00', '€36,000.00', '€27,000.00'],
      ['3 Lasting employment', '55%', '€43,500.00', '€1,500.00', '€1,380.00'],
      // Housing plans money that nobody has secured or spent yet: not reported, never €0.00.
      ['4 Adequate housing', 'not reported', '€15,000.00', 'not reported', 'not reported'],
    ]);
    const education = page.locator('ol.tree li.objective').first();
    assert.match(await education.locator('.node-facts').innerText(),
      /Progress: 38% \(from the items below: counted 2, did not report 1\)/);
    assert.equal(await education.locator('.node-money').innerText(), 'Planned / secured / spent (EUR): '
      + 'Municipal budget €75,000.00 / €57,000.00 / €27,750.00; Other source €9,000.00 / €9,000.00 / €2,250.00; '
      + 'ESF+ €6,000.00 / not reported / not reported; All sources €90,000.00 / €66,000.00 / €30,000.00');
    await assertNoSeriousA11yViolations(page, 'the demo plan with its totals');
  });

  await t.test('finds the three activities that have not reported yet, and opens one', async () => {
    await page.getByRole('link', { name: '3', exact: true }).click();
    assert.equal(new URL(page.url()).hash, '#not-reported');
    const listed = await page.locator('ul.not-reported-list li a').allInnerTexts();
    assert.deepEqual(listed, NOT_REPORTED);
    const summerSchool = page.locator('ul.not-reported-list').getByRole('link', { name: 'Summer school in Bulgarian' });
    await leadsToNewPage(page, () => summerSchool.click());
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Summer school in Bulgarian/);
    assert.match(await page.locator('dl.facts').innerText(), /Progress\s+not reported/);
  });

  await t.test('reads how the education objective\'s figure comes about', async () => {
    await page.goto(planUrl);
    await leadsToNewPage(page, () => page.locator('ol.tree').getByRole('link',
      { name: 'Equal access to quality education' }).click());
    const counted = page.getByRole('table', { name: /Counted: the items under it that report \(2\)/ });
    const rows = await Promise.all((await counted.locator('tbody tr').all()).map(cells));
    assert.deepEqual(rows, [
      ['Activity 1.1.1 Hire four education mediators', '50%', '€48,000.00'],
      ['Activity 1.2.1 Thirty grants a school year', '25%', '€36,000.00'],
    ]);
    assert.match(await page.locator('#not-reported + ul').innerText(), /Summer school in Bulgarian/);
    const budget = page.getByRole('table', { name: /Budget with the items under it \(EUR\)/ });
    assert.deepEqual(await cells(budget.locator('tfoot tr')), ['All sources', '€90,000.00', '€66,000.00', '€30,000.00']);
    await assertNoSeriousA11yViolations(page, 'the objective with how its progress adds up');
  });

  await t.test('downloads the plan with its totals after the items', async () => {
    // In the reader's language: this reader reads English.
    const exported = await context.request.get(`${planUrl}/export.csv`, { headers: { 'Accept-Language': 'en' } });
    assert.equal(exported.status(), 200);
    const csv = await exported.text();
    assert.match(csv, /\r\n#totals\r\nScope,Stable id,Code,Title,Source,Planned,Secured,Spent,Currency,Progress,/);
    const planLine = 'Plan,,,Общински план за действие на Лом 2027–2030 (демонстрационни данни),All sources,'
      + '189000.00,103500.00,58380.00,EUR,55.83,,5,3';
    assert.ok(csv.includes(`\r\n${planLine}\r\n`), `the whole plan's line of totals: ${planLine}`);
    assert.deepEqual(problems(), [], 'no script errors, CSP violations or failed requests');
  });
});

test('on a phone in Bulgarian, and on paper, the totals fit and read as Bulgarian amounts', async (t) => {
  const context = await phoneContext(story.browser, 'bg-BG');
  t.after(() => context.close());
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  await page.goto(`${story.server.url}/policies?scope=municipality%3AMON24`);
  await leadsToNewPage(page, () => page.getByRole('link',
    { name: 'Общински план за действие на Лом 2027–2030 (демонстрационни данни)' }).click());

  const totals = page.getByRole('region', { name: 'Обобщение на плана' });
  assert.match(await totals.locator('.plan-progress').innerText(), /Напредък на целия план: 56%/);
  const all = await cells(page.locator('#plan-totals tfoot tr'));
  assert.equal(all[0], 'Всички източници');
  assert.deepEqual(all.slice(1).map((amount) => amount.replace(/\s/g, ' ')),
    ['189 000,00 €', '103 500,00 €', '58 380,00 €'], 'spaces between thousands, a comma before the cents, the euro after');
  assert.ok(await page.locator('ul.not-reported-list').isVisible());

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360 px phone`);
  for (const table of ['#plan-totals', '#objective-totals']) {
    const box = await page.locator(table).locator('xpath=..').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `${table} scrolls within the screen, not the page`);
  }
  await assertNoSeriousA11yViolations(page, 'the demo plan on a phone, in Bulgarian');

  // On paper: an A4 page's width, the print style sheet.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'no navigation on paper');
  for (const shown of ['#plan-progress', '#plan-totals', '#objective-totals', 'ul.not-reported-list']) {
    assert.ok(await page.locator(shown).isVisible(), `${shown} is printed`);
  }
  const width = await page.evaluate(() => document.querySelector('#objective-totals').scrollWidth);
  const room = await page.evaluate(() => document.querySelector('#objective-totals').parentElement.clientWidth);
  assert.ok(width <= room, 'the table by objective is printed whole, not cut at the edge');
  assert.deepEqual(problems(), [], 'no script errors, CSP violations or failed requests');
});
