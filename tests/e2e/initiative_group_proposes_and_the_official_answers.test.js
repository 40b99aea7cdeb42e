'use strict';
// Issue "Co-programming", told as one story on 360×640 phones, in English (en-GB): the official of Лом carries the
// (demo) plan over into a draft for the next period and opens a public consultation on it, after a period of 20 days
// without a reason is refused; a member of an initiative group comments on a measure (a comment with a script is
// refused beside its field, with what she typed kept) and makes three proposals on behalf of the group; the official
// accepts one, which becomes a measure of the draft linked both ways, partly accepts one and rejects one, each with
// reasons (a rejection without them is refused), and publishes the answers together; the statement shows 1 of 3
// accepted with the reasons; the guide on public consultations is one click from the consultation's page.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { repoRoot, assertNoSeriousA11yViolations, leadsToNewPage, pathOf } = require('./support/server');
const { khetane, addUser, beginStory, endStory, assertFitsTheScreen, phoneOf, signIn } = require('./support/story');

const OFFICIAL = { email: 'official.lom@example.org', password: 'official-password-7', name: 'Petya Ivanova' };
const MEMBER = { email: 'roza@mladenovo.example.org', password: 'member-password-7', name: 'Roza Kirilova' };
const GROUP = 'Mladenovo initiative group';
const SCHOLARSHIPS = 'Scholarships for secondary school students';
const ROMANI = 'Mediators who speak Romani';
const BUS = 'A school bus from Mladenovo';
const PARTLY = 'Speaking Romani will count in the selection, but the law does not let us require it.';
const REJECTED = 'The national programme already pays for transport to school.';

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-consultation-', prepare: ({ database }) => {
    const where = ['--database', database, '--share-dir', repoRoot];
    const added = khetane(['organisation', 'add', GROUP, '--kind', 'initiative_group', '--municipality', 'MON24',
      ...where]);
    const id = added.match(/organisation:(\d+)/)?.[1];
    assert.ok(id, `the organisation's scope is printed (the command said "${added.trim()}")`);
    addUser(database, OFFICIAL.email, OFFICIAL.password, ['--name', OFFICIAL.name, '--role', 'municipal_official',
      '--scope', 'municipality:MON24']);
    addUser(database, MEMBER.email, MEMBER.password, ['--name', MEMBER.name, '--role', 'community_monitor',
      '--scope', 'municipality:MON24']);
    khetane(['organisation', 'add-member', id, MEMBER.email, ...where]);
  } });
});

after(() => endStory(story));

const heading = (page) => page.getByRole('heading', { level: 1 }).innerText();
// Chromium logs each refused form (422) as a console error: those are expected, nothing else is.
const unexpected = (problems) => problems.filter((p) => !/status of 422/.test(p));

test('an initiative group comments and proposes, the official answers each, the statement shows what became of them',
  async (t) => {
    const official = await phoneOf(story, t);
    const member = await phoneOf(story, t);
    let consultationUrl = null;

    await t.test('the official carries the plan over and opens a consultation on the draft', async () => {
      const { page } = official;
      await signIn(story, page, OFFICIAL);
      await page.goto(`${story.server.url}/policies?scope=municipality%3AMON24`);
      await leadsToNewPage(page, () => page.getByRole('link', { name: /Lom municipal action plan 2027–2030/ }).click());
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'Carry the plan over' }).click());
      await page.getByLabel('First year').fill('2035');
      await page.getByLabel('Last year').fill('2038');
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Make the draft' }).click());
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'Open a public consultation on this draft' }).click());
      assert.equal(await heading(page), 'Open a public consultation');
      const first = await page.getByLabel('First day for proposals').inputValue();
      const twenty = new Date(`${first}T12:00:00Z`);
      twenty.setUTCDate(twenty.getUTCDate() + 20);
      await page.getByLabel('Last day for proposals').fill(twenty.toISOString().slice(0, 10));
      await page.getByLabel('Motives of the draft').fill('## Why\n\nSo that every child in Mladenovo goes to school.');
      await page.getByLabel('Preliminary impact assessment').fill('Children and parents of Mladenovo; the budget.');
      await page.getByRole('button', { name: 'Open the consultation' }).click();
      await page.waitForSelector('#consultation-short_period_reason-problem');
      assert.match(await page.locator('#consultation-short_period_reason-problem').innerText(),
        /shorter than 30 days needs the exceptional reason/);
      assert.match(await page.getByLabel('Motives of the draft').inputValue(), /every child in Mladenovo/,
        'what she typed stays');
      const thirty = new Date(`${first}T12:00:00Z`);
      thirty.setUTCDate(thirty.getUTCDate() + 30);
      await page.getByLabel('Last day for proposals').fill(thirty.toISOString().slice(0, 10));
      await assertFitsTheScreen(page, 'the refused consultation form');
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Open the consultation' }).click());
      assert.match(await heading(page), /^Public consultation: Lom municipal action plan/);
      assert.match(await page.locator('.countdown').innerText(), /Closes in 30 days/);
      consultationUrl = pathOf(page);
      assert.match(consultationUrl, /^\/consultations\/\d+$/);
    });

    await t.test('a member of the group comments on a measure; a comment with a script is refused', async () => {
      const { page } = member;
      await signIn(story, page, MEMBER);
      await page.goto(`${story.server.url}${consultationUrl}`);
      const onMeasure = page.locator('details.comment-on', { has: page.locator('summary', { hasText: /^Comment on 1\.1$/ }) });
      await onMeasure.locator('summary').click();
      await onMeasure.getByLabel('Comment on 1.1').fill('Nice <script>alert(1)</script>');
      await onMeasure.getByLabel('Written').selectOption({ label: `on behalf of ${GROUP}` });
      await onMeasure.getByRole('button', { name: 'Publish the comment' }).click();
      await page.waitForSelector('details.comment-on[open] .field-error');
      const refused = page.locator('details.comment-on[open]');
      assert.match(await refused.locator('.field-error').innerText(), /Write plain text/);
      assert.equal(await refused.locator('textarea').inputValue(), 'Nice <script>alert(1)</script>');
      assert.equal(await refused.getByLabel('Written').evaluate((select) => select.selectedOptions[0].textContent),
        `on behalf of ${GROUP}`, 'the organisation she chose stays chosen');
      await refused.locator('textarea').fill('Mediators helped a lot. Let there be six: the children are more.');
      await leadsToNewPage(page, () => refused.getByRole('button', { name: 'Publish the comment' }).click());
      const comment = page.locator('.comment', { hasText: 'Let there be six' });
      assert.match(await comment.locator('.comment-meta').innerText(), new RegExp(`${MEMBER.name} for ${GROUP}`));
      await assertFitsTheScreen(page, 'the consultation with a comment');
      await assertNoSeriousA11yViolations(page, 'the consultation page');
    });

    await t.test('she makes three proposals on behalf of the group, each from where it belongs', async () => {
      const { page } = member;
      const propose = async (link, title, body) => {
        await page.goto(`${story.server.url}${consultationUrl}`);
        await leadsToNewPage(page, () => link(page).click());
        assert.equal(await heading(page), 'Make a proposal');
        await page.getByLabel('Title').fill(title);
        await page.getByLabel('What you propose and why').fill(body);
        await page.getByLabel('Made').selectOption({ label: `on behalf of ${GROUP}` });
        await assertFitsTheScreen(page, 'the proposal form');
        await leadsToNewPage(page, () => page.getByRole('button', { name: 'Publish the proposal' }).click());
        assert.match(await heading(page), new RegExp(`^Proposal \\d: ${title}`));
      };
      await propose((p) => p.locator('article.draft-item').filter({ has: p.getByRole('heading', { name: /^Objective 1 / }) })
        .getByRole('link', { name: 'Propose a new measure here' }), SCHOLARSHIPS, 'Fifty scholarships a year.');
      await propose((p) => p.locator('article.draft-item').filter({ has: p.getByRole('heading', { name: /^Measure 1\.1 / }) })
        .getByRole('link', { name: 'Propose a change' }), ROMANI, 'Mediators who speak Romani reach the parents.');
      await propose((p) => p.locator('article.draft-item').filter({ has: p.getByRole('heading', { name: /^Measure 1\.1 / }) })
        .getByRole('link', { name: 'Propose a new activity here' }), BUS, 'The walk to school is 4 km.');
    });

    await t.test('the official answers: one accepted into the plan, one partly, one rejected with reasons', async () => {
      const { page } = official;
      await page.goto(`${story.server.url}${consultationUrl}`);
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'Answer the proposals' }).click());
      assert.equal(await heading(page), 'Answer the proposals');
      const answer = async (number, choice, reasons, outcome) => {
        const item = page.locator(`#proposal-${number}`);
        const details = item.locator('details.answer');
        if (await details.getAttribute('open') === null) await details.locator('summary').click();
        await item.getByLabel(choice, { exact: true }).check();
        await item.getByLabel('Reasons').fill(reasons);
        if (outcome) await item.getByLabel(outcome).check();
        await leadsToNewPage(page, () => item.getByRole('button', { name: 'Prepare the answer' }).click());
      };
      await answer(3, 'Rejected', '', null);
      assert.match(await page.locator('#proposal-3 .field-error').innerText(), /Give the reasons/,
        'a rejection without reasons is refused beside its field');
      await answer(1, 'Accepted', '', 'Add it to the draft as a new measure');
      await answer(2, 'Partly accepted', PARTLY, 'It became, or changed, this item:');
      await answer(3, 'Rejected', REJECTED, null);
      assert.match(await page.locator('.publish-answers').innerText(), /3 answers are prepared/);
      await assertFitsTheScreen(page, 'the answers page');
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Publish the prepared answers' }).click());
      assert.equal(await heading(page), 'Statement on the proposals received');
      assert.match(await page.locator('.accepted-share').innerText(), /^1 of 3 answered proposals accepted in full/);
      const table = await page.locator('.report-table').innerText();
      assert.ok(table.includes(PARTLY) && table.includes(REJECTED), 'the reasons are in the statement');
      await assertFitsTheScreen(page, 'the statement');
    });

    await t.test('the accepted proposal and the measure it became name each other', async () => {
      const { page } = member;
      await page.goto(`${story.server.url}${consultationUrl}/report`);
      await leadsToNewPage(page, () => page.getByRole('row', { name: new RegExp(SCHOLARSHIPS) })
        .getByRole('link', { name: 'The item it became' }).click());
      assert.match(await heading(page), new RegExp(SCHOLARSHIPS));
      const origin = page.getByRole('link', { name: /^Came from proposal 1 by Roza Kirilova for Mladenovo/ });
      await leadsToNewPage(page, () => origin.click());
      assert.equal(await heading(page), `Proposal 1: ${SCHOLARSHIPS}`);
      assert.match(await page.locator('#answer + p').innerText(), /Accepted/);
    });

    await t.test('the guide on public consultations is one click from the consultation', async () => {
      const { page } = member;
      await page.goto(`${story.server.url}${consultationUrl}`);
      await leadsToNewPage(page, () => page.getByRole('link', { name: /How a public consultation works/ }).click());
      assert.equal(await heading(page), 'Public consultation on a draft');
      assert.match(await page.locator('article.guide').innerText(), /Art\. 26\(4\)/);
      await assertFitsTheScreen(page, 'the guide');
    });

    assert.deepEqual(unexpected(official.problems()), []);
    assert.deepEqual(unexpected(member.problems()), []);
  });
