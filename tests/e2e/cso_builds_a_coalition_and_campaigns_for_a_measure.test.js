'use strict';
// Issue "Allies, coalitions and advocacy campaigns", told as one story on 360×640 phones, in English (en-GB): a CSO
// editor in Лом maps six stakeholders for "education mediators in every school" (a person without a recorded basis is
// refused first, an influence of 9 too), invites two into a public coalition, starts a campaign whose ask is linked to
// the demo plan's first measure, records a meeting with the mayor and an information request as actions; the official
// adds the budget line to the measure; the editor records the result, and the measure's page shows the campaign and
// what came of it.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { repoRoot, assertNoSeriousA11yViolations, leadsToNewPage, pathOf } = require('./support/server');
const { khetane, addUser, beginStory, endStory, assertFitsTheScreen, phoneOf, signIn } = require('./support/story');

const EDITOR = { email: 'nadya@together.example.org', password: 'editor-password-7', name: 'Nadya Stoyanova' };
const OFFICIAL = { email: 'budget.lom@example.org', password: 'official-password-7', name: 'Georgi Dimov' };
const ASSOCIATION = 'Together for Lom';
const ISSUE = 'Education mediators in every school';
const STAKEHOLDERS = [
  { kind: 'organisation', name: 'Vasil Levski school', sector: 'Institution' },
  { kind: 'organisation', name: 'Mladenovo initiative group', sector: 'Roma initiative group' },
  { kind: 'organisation', name: 'Danube weekly', sector: 'Media' },
  { kind: 'organisation', name: 'Lom builders union', sector: 'Professional' },
  { kind: 'person', name: 'The mayor of Lom', basis: 'A public role they hold' },
  { kind: 'person', name: 'Teacher M.', basis: 'Their consent', purpose: 'The mediators campaign', pseudonym: true },
];

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-advocacy-', prepare: ({ database }) => {
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
const today = () => new Date().toISOString().slice(0, 10);
const api = async (page, path) => (await page.request.get(`${story.server.url}${path}`)).json();
const step = async (page, summary) => {
  const details = page.locator('details.step', { has: page.locator('summary', { hasText: summary }) });
  if (await details.getAttribute('open') === null) await details.locator('summary').click();
  return details;
};

test('a CSO maps its allies, builds a coalition and campaigns until the plan changes', async (t) => {
  const editor = await phoneOf(story, t);
  const official = await phoneOf(story, t);
  let registerUrl = null;
  let coalitionUrl = null;
  let campaignUrl = null;
  let measureUrl = null;

  await t.test('the editor registers six stakeholders; a person without a recorded basis is refused', async () => {
    const { page } = editor;
    await signIn(story, page, EDITOR);
    await page.goto(`${story.server.url}/advocacy`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Register of stakeholders' }).click());
    registerUrl = pathOf(page) + new URL(page.url()).search;
    for (const one of STAKEHOLDERS) {
      await page.goto(`${story.server.url}${registerUrl}`);
      await leadsToNewPage(page, () => page.getByRole('link',
        { name: one.kind === 'person' ? 'Add a person' : 'Add an organisation' }).click());
      await page.getByLabel('Name', { exact: true }).fill(one.name);
      if (one.kind === 'organisation') {
        await page.getByLabel(one.sector, { exact: true }).check();
      } else {
        if (one.pseudonym) await page.getByLabel('This is a pseudonym, not the person\'s name').check();
        if (one.name === 'The mayor of Lom') {
          await page.getByRole('button', { name: 'Add to the register' }).click();
          await page.waitForSelector('.field-error');
          assert.match(await page.locator('#stakeholder-consent_basis .field-error').innerText(),
            /Record why this person's data may be kept/);
          assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), one.name, 'what she typed stays');
        }
        await page.getByLabel(one.basis, { exact: true }).check();
        if (one.purpose) await page.getByLabel('For what they consented').fill(one.purpose);
      }
      await assertFitsTheScreen(page, `the form for ${one.name}`);
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Add to the register' }).click());
      assert.match(await heading(page), new RegExp(`^${one.name}`));
    }
    await page.goto(`${story.server.url}${registerUrl}`);
    assert.equal(await page.locator('table.register tbody tr').count(), 6);
    assert.deepEqual(unexpected(editor.problems()), []);
  });

  await t.test('she sets up a public coalition, invites two, and maps all six; an influence of 9 is refused', async () => {
    const { page } = editor;
    await page.goto(`${story.server.url}/advocacy`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Set up a coalition' }).click());
    await page.getByLabel('Name', { exact: true }).fill('Mediators for Lom');
    await page.getByLabel('Shared goals').fill(ISSUE);
    await page.getByLabel(/Public membership/).check();
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Set it up' }).click());
    coalitionUrl = pathOf(page);
    for (const name of ['Vasil Levski school', 'Mladenovo initiative group']) {
      await page.getByLabel('Invite from the register').selectOption({ label: name });
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Add to the coalition' }).click());
    }
    assert.match(await page.locator('section[aria-labelledby="members"]').innerText(), /Vasil Levski school/);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Draw a new map' }).click());
    await page.getByLabel('Issue', { exact: true }).fill(ISSUE);
    const rows = page.locator('fieldset.map-row');
    assert.equal(await rows.count(), 6);
    for (let at = 0; at < 6; at += 1) {
      const row = rows.nth(at);
      await row.locator('input[type=checkbox]').check();
      await row.getByLabel('Influence (1–5)').fill(String(1 + (at % 5)));
      await row.getByLabel('Interest (1–5)').fill(String(5 - (at % 5)));
    }
    await rows.nth(0).getByLabel('Influence (1–5)').fill('9');
    await page.getByRole('button', { name: 'Draw the map' }).click();
    await page.waitForSelector('.field-error');
    assert.match(await rows.nth(0).locator('.field-error').innerText(), /Score the influence from 1 to 5/);
    await rows.nth(0).getByLabel('Influence (1–5)').fill('4');
    await rows.nth(0).getByLabel('Stance').selectOption({ label: 'Ally' });
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Draw the map' }).click());
    const map = page.locator('section[aria-labelledby="map"]');
    assert.equal(await map.locator('svg circle').count(), 6, 'six dots on the grid');
    assert.equal(await map.locator('tbody tr').count(), 6, 'and six rows beside it');
    await assertFitsTheScreen(page, 'the coalition with its map');
    await assertNoSeriousA11yViolations(page, 'the coalition page');
  });

  await t.test('she starts a campaign whose ask is the plan\'s measure, and records two actions', async () => {
    const { page } = editor;
    const demo = await api(page, '/api/v1/advocacy/campaigns/1');
    const measure = demo.asks[0].item_id;
    assert.ok(measure, 'the demo campaign asks about the demo plan\'s first measure');
    measureUrl = `/policies/items/${measure}`;
    await page.goto(`${story.server.url}${coalitionUrl}`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Start a campaign' }).click());
    await page.getByLabel('Title', { exact: true }).fill(ISSUE);
    await page.getByLabel('Goal', { exact: true }).fill('A mediator in every school with Roma children next year.');
    await page.getByLabel('Stage').selectOption({ label: 'Action' });
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Start the campaign' }).click());
    campaignUrl = pathOf(page);
    const ask = await step(page, 'Add an ask');
    await ask.getByLabel('The ask', { exact: true }).fill('Fund a mediator in every school');
    await ask.getByLabel('A measure or objective of your place\'s plans').selectOption({ value: String(measure) });
    await leadsToNewPage(page, () => ask.getByRole('button', { name: 'Add' }).click());
    assert.match(await page.locator('section[aria-labelledby="asks"]').innerText(), /Fund a mediator in every school/);
    const record = async (what, title, link) => {
      const action = await step(page, 'Record an action');
      await action.getByLabel('What', { exact: true }).selectOption({ label: what });
      await action.getByLabel('Title', { exact: true }).fill(title);
      if (link) await action.getByLabel('Its page in Khetane').fill(link);
      await leadsToNewPage(page, () => action.getByRole('button', { name: 'Record' }).click());
    };
    await record('Meeting', 'Meeting with the mayor');
    await record('Information request', 'How many mediators work in Lom', '/requests/1');
    const actions = await page.locator('section[aria-labelledby="actions"]').innerText();
    assert.match(actions, /Meeting: Meeting with the mayor/);
    assert.match(actions, /Information request: How many mediators work in Lom/);
    await assertFitsTheScreen(page, 'the campaign');
  });

  await t.test('the official adds the budget line; the editor records the result, which the measure shows', async () => {
    const { page } = official;
    await signIn(story, page, OFFICIAL);
    await page.goto(`${story.server.url}${measureUrl}`);
    await leadsToNewPage(page, () => page.getByRole('link', { name: 'Change' }).first().click());
    const planned = page.locator('table[aria-labelledby="budgets-caption"] input[name^="planned_"], '
      + 'div[aria-labelledby="budgets-caption"] input[name^="planned_"]').first();
    await planned.fill('24000');
    await leadsToNewPage(page, () => page.getByRole('button', { name: 'Save' }).click());
    assert.deepEqual(unexpected(official.problems()), []);

    const mine = editor.page;
    await mine.goto(`${story.server.url}${campaignUrl}`);
    const result = await step(mine, 'Record a result');
    await result.getByLabel('What came of it', { exact: true }).selectOption({ label: 'Budget line added' });
    await result.getByLabel('What changed').fill('The council added 24,000 for mediators.');
    await result.getByLabel('In the plan').selectOption({ index: 1 });
    await leadsToNewPage(mine, () => result.getByRole('button', { name: 'Record' }).click());
    assert.match(await mine.locator('section[aria-labelledby="results"]').innerText(),
      /Budget line added: The council added 24,000 for mediators\.[\s\S]*version \d+ of the item/);
    await mine.goto(`${story.server.url}${measureUrl}`);
    const section = mine.locator('section[aria-labelledby="campaigns-on-item"]');
    assert.match(await section.innerText(), new RegExp(ISSUE));
    assert.match(await section.innerText(), /Budget line added/);
    assert.deepEqual(unexpected(editor.problems()), []);
  });
});
