'use strict';
// Issue "Community monitoring", told as one story on 360×640 phones, in English (en-GB): a CSO editor opens a
// monitoring cycle over Лом's (demo) plan; a community monitor of her organisation files an assessment of "Information
// days with the labour office", which the plan reports completed, with a photo carrying a GPS position, while the
// phone has no connection; when the connection returns, the assessment arrives exactly once and the stored photo has
// no GPS tag; the editor verifies it; the official of Лом answers; the activity's page shows both views and the
// discrepancy; the printed shadow report contains all of it. On the way, a score of 140 is refused beside its field.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot, assertNoSeriousA11yViolations, leadsToNewPage, pathOf } = require('./support/server');
const { khetane, addUser, beginStory, endStory, assertFitsTheScreen, phoneOf, signIn } =
  require('./support/story');

const EDITOR = { email: 'editor@zaedno.example.org', password: 'editor-password-7', name: 'Vesela Dimitrova' };
const MONITOR = { email: 'monitor@zaedno.example.org', password: 'monitor-password-7', name: 'Roza Kirilova' };
const OFFICIAL = { email: 'official.lom@example.org', password: 'official-password-7', name: 'Petya Ivanova' };
const ORGANISATION = 'Zaedno Lom';
const CYCLE = 'Lom, first half of 2027';
const ACTIVITY = '3.1.1 Information days with the labour office';
const PSEUDONYM = 'Rosa from Mladenovo';
const ACTION = 'Hold an information day in Mladenovo';
const ANSWER = 'The information days were held in the community centre; we will hold the next one in Mladenovo.';

let story;

before(async () => {
  story = await beginStory({ folderPrefix: 'khetane-e2e-monitoring-', prepare: ({ database }) => {
    const where = ['--database', database, '--share-dir', repoRoot];
    const added = khetane(['organisation', 'add', ORGANISATION, '--kind', 'cso', '--municipality', 'MON24', ...where]);
    const scope = added.match(/organisation:\d+/)?.[0];
    assert.ok(scope, `the organisation's scope is printed (the command said "${added.trim()}")`);
    addUser(database, EDITOR.email, EDITOR.password, ['--name', EDITOR.name, '--role', 'cso_editor', '--scope', scope]);
    addUser(database, MONITOR.email, MONITOR.password, ['--name', MONITOR.name, '--role', 'community_monitor',
      '--scope', scope]);
    addUser(database, OFFICIAL.email, OFFICIAL.password, ['--name', OFFICIAL.name, '--role', 'municipal_official',
      '--scope', 'municipality:MON24']);
  } });
});

after(() => endStory(story));

const heading = (page) => page.getByRole('heading', { level: 1 }).innerText();

// A photo as a phone writes it with location on: the demo picture with an EXIF block whose GPS IFD says N 42° 30′.
function photoWithGps() {
  const jpeg = fs.readFileSync(path.join(repoRoot, 'data/monitoring/demo-photo.jpg'));
  const tiff = Buffer.from([
    0x49, 0x49, 0x2a, 0, 8, 0, 0, 0,
    1, 0, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0,
    2, 0,
    1, 0, 2, 0, 2, 0, 0, 0, 0x4e, 0, 0, 0,
    2, 0, 5, 0, 3, 0, 0, 0, 56, 0, 0, 0,
    0, 0, 0, 0,
    42, 0, 0, 0, 1, 0, 0, 0, 30, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const length = payload.length + 2;
  const segment = Buffer.concat([Buffer.from([0xff, 0xe1, length >> 8, length & 0xff]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

// Chromium logs each refused form (422) as a console error, and each request made while offline as failed: those are
// expected, nothing else is.
const unexpected = (problems) => problems.filter((p) => !/status of 422/.test(p) && !/ERR_INTERNET_DISCONNECTED/.test(p));

test('a monitor files an assessment offline, the editor verifies it, the official answers, the report shows it',
  async (t) => {
    const editor = await phoneOf(story, t);
    const monitor = await phoneOf(story, t);
    const official = await phoneOf(story, t);
    let cycleUrl = null;
    let assessmentUrl = null;
    let activityUrl = null;

    await t.test('the editor opens a cycle over Лом\'s plans, pseudonymous, with the scorecard\'s criteria', async () => {
      const { page } = editor;
      await signIn(story, page, EDITOR);
      await page.goto(`${story.server.url}/monitoring/new`);
      assert.equal(await heading(page), 'Open a monitoring cycle');
      await page.getByLabel('Title', { exact: true }).fill(CYCLE);
      assert.equal(await page.getByLabel('Municipality', { exact: true }).inputValue(), 'MON24',
        'the organisation\'s municipality is chosen for her');
      await page.getByLabel('Starts', { exact: true }).fill('2027-01-01');
      await page.getByLabel('Ends', { exact: true }).fill('2027-06-30');
      await page.getByLabel('Community scorecard').check();
      await page.getByLabel(/Pseudonymous:/).check();
      await page.getByLabel('Our organisation\'s monitors').check();
      assert.match(await page.getByLabel('Criteria of the scorecard').inputValue(), /^Access\nQuality\n/);
      await assertFitsTheScreen(page, 'the cycle form');
      const opened = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Open the cycle' }).click());
      assert.equal(opened.status(), 200);
      assert.match(await heading(page), new RegExp(CYCLE));
      cycleUrl = pathOf(page);
      assert.match(cycleUrl, /^\/monitoring\/cycles\/\d+$/);
      await assertNoSeriousA11yViolations(page, 'the cycle page');
    });

    await t.test('a score of 140 is refused beside its field, and what was typed stays', async () => {
      const { page } = monitor;
      await signIn(story, page, MONITOR);
      await page.goto(`${story.server.url}${cycleUrl}`);
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'File an assessment' }).click());
      assert.equal(await heading(page), 'File an assessment');
      await page.getByLabel('Measure or activity').selectOption({ label: ACTIVITY });
      await page.getByLabel('Not visible on the ground').check();
      await page.getByLabel('Score from 0 to 100').first().fill('140');
      await page.getByLabel('What you saw, in your words').fill('Nobody in the quarter heard of an information day.');
      await page.getByLabel('Pseudonym').fill(PSEUDONYM);
      await page.getByRole('button', { name: 'Send the assessment' }).click();
      await page.waitForSelector('.form-error');
      assert.equal(await page.locator('#assessment-score_0-problem').innerText(), 'A score is a whole number from 0 to 100.');
      assert.equal(await page.getByLabel('Score from 0 to 100').first().inputValue(), '140');
      assert.equal(await page.getByLabel('Pseudonym').inputValue(), PSEUDONYM);
      await assertFitsTheScreen(page, 'the refused form');
    });

    await t.test('filed with a photo while offline, the assessment waits on the phone and arrives once', async () => {
      const { page, context } = monitor;
      await page.getByLabel('Score from 0 to 100').first().fill('15');
      await page.getByLabel('Score from 0 to 100').nth(1).fill('20');
      await page.getByLabel('Photos').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg',
        buffer: photoWithGps() });
      await context.setOffline(true);
      await page.getByRole('button', { name: 'Send the assessment' }).click();
      const status = page.locator('#draft-status');
      await status.waitFor({ state: 'visible' });
      assert.match(await status.innerText(), /No connection\. Your assessment and its photos are kept on this phone/);
      assert.equal(await heading(page), 'File an assessment', 'the phone stays on the form');

      const arrived = page.waitForURL(/\/monitoring\/receipts\//);
      await context.setOffline(false);
      await arrived;
      assert.match(await heading(page), /^Your assessment/);
      assert.match(await page.locator('main').innerText(), /Waiting for moderation/);
      await assertFitsTheScreen(page, 'the receipt');

      const photo = page.locator('.evidence-photos img').first();
      const source = await photo.getAttribute('src');
      const stored = await page.request.get(`${story.server.url}${source}`);
      assert.equal(stored.status(), 200);
      assert.equal(stored.headers()['content-type'], 'image/jpeg');
      const bytes = await stored.body();
      assert.equal(bytes.indexOf('Exif'), -1, 'the stored photo has no EXIF block');
      assert.equal(bytes.indexOf(Buffer.from([0x25, 0x88])), -1, 'nor a GPS tag');
      assert.ok(bytes.length > 0 && bytes[0] === 0xff && bytes[1] === 0xd8, 'it is a JPEG');
    });

    await t.test('the editor finds exactly one assessment waiting and verifies it', async () => {
      const { page } = editor;
      await page.goto(`${story.server.url}${cycleUrl}`);
      const waiting = page.locator('#waiting + ul li');
      assert.equal(await waiting.count(), 1, 'the retry made no second assessment');
      await leadsToNewPage(page, () => waiting.first().getByRole('link').click());
      assessmentUrl = pathOf(page);
      assert.match(await page.locator('main').innerText(), new RegExp(`pseudonym ${PSEUDONYM} \\(account: ${MONITOR.name}\\)`),
        'the moderator sees who is behind the pseudonym');
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Verify' }).click());
      assert.match(await page.locator('h1').innerText(), /Verified/);
    });

    await t.test('the official of Лом answers, and the public sees the pseudonym and the answer, not the account',
      async () => {
        const { page } = official;
        await signIn(story, page, OFFICIAL);
        await page.goto(`${story.server.url}${assessmentUrl}`);
        await page.getByLabel('Your answer').fill(ANSWER);
        await leadsToNewPage(page, () => page.getByRole('button', { name: 'Publish the answer' }).click());
        const text = await page.locator('main').innerText();
        assert.match(text, new RegExp(ANSWER.replace(/[.;]/g, '.')));
        assert.match(text, new RegExp(`${OFFICIAL.name}, \\d{1,2} \\w+ \\d{4}`), 'the answer is dated and signed');

        const visitor = await story.browser.newContext({ locale: 'en-GB' });
        t.after(() => visitor.close());
        const public_ = await visitor.newPage();
        await public_.goto(`${story.server.url}${assessmentUrl}`);
        const seen = await public_.locator('main').innerText();
        assert.match(seen, new RegExp(PSEUDONYM));
        assert.doesNotMatch(seen, new RegExp(MONITOR.name), 'the public never sees who filed under a pseudonym');
        activityUrl = await public_.locator('main dl a').first().getAttribute('href');
      });

    await t.test('the activity\'s page shows the official view and the community\'s, and the discrepancy', async () => {
      const { page } = official;
      await page.goto(`${story.server.url}${activityUrl}`);
      const section = page.locator('section.community-view');
      const text = await section.innerText();
      assert.match(text, /Official\s+Completed\s+100/);
      assert.match(text, /Not visible on the ground/);
      assert.match(text, /Discrepancy/);
      assert.match(text, new RegExp(ANSWER.slice(0, 40)));
      await assertFitsTheScreen(page, 'the activity\'s page');
      await assertNoSeriousA11yViolations(page, 'the activity\'s page with both views');
    });

    await t.test('after the interface meeting the editor closes the cycle with a joint action plan', async () => {
      const { page } = editor;
      await page.goto(`${story.server.url}${cycleUrl}`);
      await leadsToNewPage(page, () => page.getByRole('link', { name: 'Close the cycle' }).click());
      await page.getByLabel('Date of the interface meeting').fill('2027-07-02');
      await page.getByLabel('What is to be done').first().fill(ACTION);
      const refused = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Close the cycle' }).click());
      assert.equal(refused.status(), 422, 'an action without an owner is refused');
      assert.equal(await page.locator('#closing-action_0_owner-problem').innerText(), 'Say who does it.');
      assert.equal(await page.getByLabel('What is to be done').first().inputValue(), ACTION, 'what was typed stays');
      await page.getByLabel('Who does it').first().fill('Lom municipality');
      await page.getByLabel('By when').first().fill('2027-09-30');
      await leadsToNewPage(page, () => page.getByRole('button', { name: 'Close the cycle' }).click());
      assert.match(await page.locator('h1').innerText(), /Closed/);
      assert.match(await page.locator('#joint-plan').locator('..').innerText(), new RegExp(ACTION));
      assert.equal(await page.getByRole('link', { name: 'File an assessment' }).count(), 0, 'it takes no more');
    });

    await t.test('the printed shadow report contains the assessment, the discrepancy and the answer', async () => {
      const { page } = editor;
      await page.goto(`${story.server.url}${cycleUrl}/report`);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.locator('main').innerText();
      assert.match(printed, /Information days with the labour office/);
      assert.match(printed, /Discrepancy/);
      assert.match(printed, /Not visible on the ground/);
      assert.match(printed, new RegExp(ANSWER.slice(0, 40)));
      assert.match(printed, new RegExp(`Joint action plan[\\s\\S]*${ACTION}`));
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 1000, 'the report prints');
    });

    for (const person of [editor, monitor, official]) assert.deepEqual(unexpected(person.problems()), []);
  });
