'use strict';
// Issue "The practice platform", told as one story on 360×640 phones: an official of Каварна publishes a practice in
// Bulgarian (a first try without a title comes back with what she typed) and corrects its facts; a member in Gent adds
// a Dutch version and says a machine translated it; an official of Gent, who has Gent's plan in Khetane, finds the
// practice by a Dutch word, sees the mark, and records that Gent adapts it as a measure of that plan; the practice's
// page shows Gent and the measure it became; the official of Каварна records the exchange visit to Gent with who takes
// part; Gent's page shows the practice it took up, the visit it hosts and municipalities like it; in the Czech
// interface the library speaks Czech.

const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { assertNoSeriousA11yViolations, leadsToNewPage, pathOf } = require('./support/server');
const { addUser, beginStory, endStory, assertFitsTheScreen, phoneOf, signIn } = require('./support/story');

const KAVARNA = { email: 'education@kavarna.example.bg', password: 'kavarna-password-7', name: 'Petya Ivanova' };
const TRANSLATOR = { email: 'wijkwerk@gent.example.be', password: 'gent-password-77', name: 'Lotte Peeters' };
const GENT = { email: 'onderwijs@gent.example.be', password: 'gent-official-77', name: 'Jonas De Smet' };
const TITLE_BG = 'Родителски клубове в училищата';
const TITLE_NL = 'Ouderclubs in de scholen';
const MEASURE = 'Ouderclubs in drie basisscholen';

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-practices-', prepare: ({ database }) => {
    addUser(database, KAVARNA.email, KAVARNA.password, ['--name', KAVARNA.name, '--role', 'municipal_official',
      '--scope', 'municipality:DOB17']);
    addUser(database, TRANSLATOR.email, TRANSLATOR.password, ['--name', TRANSLATOR.name, '--role', 'cso_editor',
      '--scope', 'municipality:BE-44021']);
    addUser(database, GENT.email, GENT.password, ['--name', GENT.name, '--role', 'municipal_official',
      '--scope', 'municipality:BE-44021']);
  } });
});

after(() => endStory(story));

const heading = (page) => page.getByRole('heading', { level: 1 }).innerText();
const unexpected = (problems) => problems.filter((p) => !/status of 422/.test(p));

test('a practice of Каварна travels to Gent in another language', async (t) => {
  const kavarna = await phoneOf(story, t);
  const translator = await phoneOf(story, t);
  const gent = await phoneOf(story, t);
  let practiceUrl = null;

  await t.test('the official of Каварна publishes a practice in Bulgarian; without a title it comes back', async () => {
    const { page } = kavarna;
    await signIn(story, page, KAVARNA);
    await page.goto(`${story.server.url}/practices`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Publish a practice' }).first().click());
    assert.equal(await page.getByLabel(/^Municipality/).inputValue(), 'DOB17', 'her one municipality is chosen');
    await page.getByLabel('Language you write in').selectOption('bg');
    await page.getByLabel('What was done').fill('Учители и медиатори събират родителите всяка седмица в училищата.');
    await page.getByLabel('Education', { exact: true }).check();
    await page.getByLabel(/Promising/).check();
    const refused = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Publish' }).click());
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('#practice-title-problem').innerText(), /Fill this in/);
    assert.equal(await page.getByLabel('What was done').inputValue(),
      'Учители и медиатори събират родителите всяка седмица в училищата.', 'what she typed stays');
    await page.getByLabel('Title', { exact: true }).fill(TITLE_BG);
    await assertFitsTheScreen(page, 'the practice form');
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Publish' }).click());
    assert.equal(await heading(page), TITLE_BG);
    practiceUrl = pathOf(page);
    assert.match(practiceUrl, /^\/practices\/\d+$/);
    assert.match(await page.locator('dl.facts').innerText(), /Kavarna/);
    assert.deepEqual(unexpected(kavarna.problems()), []);
  });

  await t.test('she corrects its facts; an end before the start comes back beside the field', async () => {
    const { page } = kavarna;
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Change its facts' }).click());
    assert.equal(await page.getByLabel('Title', { exact: true }).count(), 0, 'the texts change by their versions');
    await page.getByLabel('First year').fill('2019');
    await page.getByLabel('Last year').fill('2018');
    const refused = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Save', exact: true }).click());
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('#practice-period_end-problem').innerText(), /The end comes before the start/);
    assert.equal(await page.getByLabel('First year').inputValue(), '2019', 'what she typed stays');
    await page.getByLabel('Last year').fill('');
    await page.getByLabel(/Replicated/).check();
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Save', exact: true }).click());
    assert.equal(pathOf(page), practiceUrl);
    const facts = await page.locator('dl.facts').innerText();
    assert.match(facts, /since 2019/);
    assert.match(facts, /Replicated/);
    assert.match(await page.getByRole('main').innerText(), /Учители и медиатори/, 'the text is as she wrote it');
    assert.deepEqual(unexpected(kavarna.problems()), []);
  });

  await t.test('a member in Gent adds a Dutch version and says a machine translated it', async () => {
    const { page } = translator;
    await signIn(story, page, TRANSLATOR);
    await page.goto(`${story.server.url}${practiceUrl}`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Add a version in another language' }).click());
    await page.getByLabel('Language of this version').selectOption('nl');
    await page.getByLabel('A machine translated it').check();
    await page.getByLabel('Translation service').fill('LibreTranslate');
    await page.getByLabel('Translated from').selectOption('bg');
    await page.getByLabel('Title', { exact: true }).fill(TITLE_NL);
    await page.getByLabel('What was done').fill('Leerkrachten en bemiddelaars brengen de ouders elke week samen in de scholen.');
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Save this version' }).click());
    assert.equal(await heading(page), TITLE_NL);
    assert.match(await page.getByRole('note').innerText(), /LibreTranslate translated this version from български/);
    await assertFitsTheScreen(page, 'the Dutch version');
    assert.deepEqual(unexpected(translator.problems()), []);
  });

  await t.test('the official of Gent puts Gent\'s plan into Khetane, with its measure', async () => {
    const { page } = gent;
    await signIn(story, page, GENT);
    await page.goto(`${story.server.url}/policies`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'New policy document' }).click());
    await page.getByLabel('Title', { exact: true }).fill('Actieplan Roma Gent 2027–2030');
    await page.getByLabel('Level').selectOption({ label: 'Municipal' });
    await page.getByLabel('Kind').selectOption({ label: 'Action plan' });
    await page.getByLabel('First year').fill('2027');
    await page.getByLabel('Last year').fill('2030');
    await page.getByLabel(/^Municipality/).selectOption('BE-44021');
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Save' }).click());
    const documentPath = pathOf(page);
    assert.match(documentPath, /^\/policies\/documents\/\d+$/);
    const file = path.join(story.folder, 'gent-plan.csv');
    fs.writeFileSync(file, 'uid,kind,parent,code,title\n,objective,,1,Onderwijs\n' +
      `,measure,1,1.1,${MEASURE}\n`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Import from a file' }).click());
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByLabel(/Dry run/).setChecked(false);
    await leadsToNewPage(page, () => page.getByRole('button', { name: /Import/ }).click());
    await page.goto(`${story.server.url}${documentPath}`);
    assert.match(await page.getByRole('main').innerText(), new RegExp(MEASURE));
  });

  await t.test('he finds the practice by a Dutch word, sees the mark, and records that Gent adapts it', async () => {
    const { page } = gent;
    await page.goto(`${story.server.url}/practices`);
    await page.getByLabel('Words').fill('ouders');
    await leadsToNewPage(page, () => page.locator('form.filters').getByRole('button', { name: 'Search' }).click());
    const results = page.locator('ul.practice-results li');
    assert.equal(await results.count(), 1, 'a Dutch word finds the practice written in Bulgarian');
    await leadsToNewPage(page, () => results.first().getByRole('link').first().click());
    await leadsToNewPage(page, () => page.getByRole('navigation', { name: 'Languages of this practice' })
      .getByRole('link', { name: 'Nederlands' }).click());
    assert.equal(await heading(page), TITLE_NL);
    assert.match(await page.getByRole('note').innerText(), /no person has checked it/);
    await leadsToNewPage(page, () =>
      page.getByRole('link', { name: 'Record that your municipality adopts or adapts it' }).click());
    await page.getByLabel('It adapts the practice to its conditions').check();
    await page.getByLabel('The measure of its plan it became')
      .selectOption({ label: `1.1 ${MEASURE} — Actieplan Roma Gent 2027–2030` });
    await page.getByLabel('What it changes, and why').fill('In Gent de brugfiguren leiden de clubs.');
    await assertNoSeriousA11yViolations(page, 'the take-up form');
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Record it' }).click());
    const travelled = await page.locator('section[aria-labelledby="travelled-heading"]').innerText();
    assert.match(travelled, /Gent, Belgium: adapts it/);
    assert.match(travelled, new RegExp(`It became the measure 1\\.1 ${MEASURE}`));
    assert.deepEqual(unexpected(gent.problems()), []);
  });

  await t.test('the official of Каварна records the exchange visit to Gent with the municipalities taking part', async () => {
    const { page } = kavarna;
    await page.goto(`${story.server.url}/practices/events`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Record an event' }).first().click());
    // An event is a meeting of a platform she organises: she sets up the platform of the three first.
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Set up a body' }).click());
    assert.equal(await page.getByLabel('Platform of municipalities').isChecked(), true);
    await page.getByLabel('Name', { exact: true }).fill('Платформа Каварна – Гент – Острава');
    await page.getByLabel('Place', { exact: true }).selectOption('DOB17');
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Set it up' }).click());
    await page.goto(`${story.server.url}/practices/events/new`);
    await page.getByLabel('Platform or working group').selectOption({ label: 'Платформа Каварна – Гент – Острава' });
    await page.getByLabel('Title', { exact: true }).fill('Ouderclubs: bezoek aan Gent');
    await page.getByLabel('Starts').fill('2027-04-14T09:00');
    await page.getByLabel('Ends').fill('2027-04-15T13:00');
    await page.getByLabel('Where').fill('Gent, Stadhuis');
    await page.getByLabel('Exchange visit').check();
    await page.getByLabel('Host municipality').fill('BE-44021');
    await page.getByLabel('Municipality 1', { exact: true }).fill('DOB17');
    await page.getByLabel('People').nth(0).fill('4');
    await page.getByLabel('Municipality 2', { exact: true }).fill('BE-44021');
    await page.getByLabel('People').nth(1).fill('six');
    const refused = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Record the event' }).click());
    assert.equal(refused.status(), 422);
    assert.match(await page.locator('#event-participants_2-problem').innerText(), /a whole number/);
    assert.equal(await page.getByLabel('Municipality 2', { exact: true }).inputValue(), 'BE-44021', 'what she typed stays');
    await page.getByLabel('People').nth(1).fill('6');
    await assertFitsTheScreen(page, 'the event form');
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Record the event' }).click());
    assert.equal(await heading(page), 'Ouderclubs: bezoek aan Gent');
    const taking = await page.locator('section[aria-labelledby="taking-part-heading"]').innerText();
    assert.match(taking, /Kavarna\s+4 people/);
    assert.match(taking, /Gent, Belgium\s+6 people/);
    assert.match(taking, /Total\s+10 people/);
    assert.match(await page.locator('dl.facts').innerText(), /Exchange visit/);
    assert.deepEqual(unexpected(kavarna.problems()), []);
  });

  await t.test('Gent\'s page shows the practice it took up and municipalities like it', async () => {
    const { page } = gent;
    await page.goto(`${story.server.url}/places/municipalities/BE-44021`);
    assert.equal(await heading(page), 'Gent');
    const section = await page.locator('section.place-practices').innerText();
    assert.match(section, /Practices it took up/);
    assert.match(section, new RegExp(TITLE_BG));
    assert.match(section, /Municipalities like this one/);
    assert.match(await page.locator('section.place-events').innerText(), /Ouderclubs: bezoek aan Gent/,
      'the visit it hosts');
    await assertFitsTheScreen(page, 'the page of Gent');
  });

  await t.test('in the Czech interface the library speaks Czech', async () => {
    const { page, context } = kavarna;
    await context.addCookies([{ name: 'lang', value: 'cs', url: story.server.url }]);
    await page.goto(`${story.server.url}/practices`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'cs');
    assert.equal(await heading(page), 'Dobré praxe');
    assert.match(await page.locator('ul.practice-results').innerText(), /Strojový překlad|Родителски/);
  });
});
