'use strict';
// What each browser story starts from: a database of its own in a temporary folder, prepared through the command line
// (users, data) before the server starts on it, then the server and a browser.
//
//   let story;
//   before(async () => {
//     story = await beginStory({ folderPrefix: 'khetane-e2e-invite-', prepare: ({ database }) => {
//       addUser(database, 'admin@example.org', 'admin-password-42', ['--role', 'administrator']);
//     } });
//   });
//   after(() => endStory(story));
//
// (A file here is not run as a test: `node --test tests/e2e/` runs only the files named like *.test.js.)

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const assert = require('node:assert/strict');
const { repoRoot, binaryPath, startServer, launchBrowser, phoneContext, watchPageProblems, leadsToNewPage } =
  require('./server');

/** Runs `khetane ARGS…` from the repository root to its end; returns what it printed on standard output. */
function khetane(args) {
  return execFileSync(binaryPath(), args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 })
    .toString();
}

/**
 * `khetane user add EMAIL ARGS…` on `database`, with `password` given through a file beside the database (readable by
 * its owner only), as an administrator adds a user.
 */
function addUser(database, email, password, args = []) {
  const passwordFile = path.join(path.dirname(database), `password-${email}`);
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  khetane(['user', 'add', email, ...args, '--database', database, '--share-dir', repoRoot,
    '--password-file', passwordFile]);
}

/** Closes the browser, stops the server and removes the story's folder; what was not started is skipped. */
async function endStory(story) {
  if (!story) return;
  if (story.browser) await story.browser.close();
  try {
    if (story.server) await story.server.stop();
  } finally {
    fs.rmSync(story.folder, { recursive: true, force: true });
  }
}

/**
 * Makes a temporary folder (named from `folderPrefix`) with a database path in it, lets `prepare({folder, database})`
 * fill the database through the command line, then starts the server on it and a browser.
 * Returns {folder, database, server, browser}; end it with endStory(). When a step fails, what was started is ended.
 */
async function beginStory({ folderPrefix = 'khetane-e2e-story-', prepare = () => {} } = {}) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
  const story = { folder, database: path.join(folder, 'khetane.db'), server: null, browser: null };
  try {
    await prepare(story);
    story.server = await startServer({ database: story.database });
    story.browser = await launchBrowser();
    return story;
  } catch (error) {
    await endStory(story).catch(() => { /* the first failure is the one to report */ });
    throw error;
  }
}

/** The page is no wider than the phone's screen: nothing pushes it sideways. */
async function assertFitsTheScreen(page, what) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  assert.ok(widths.page <= widths.screen, `${what} is ${widths.page} px wide on a ${widths.screen} px screen`);
}

/** A phone of one person in the story (360×640, English), closed with the test `t`, with its pages' problems collected. */
async function phoneOf(story, t) {
  const context = await phoneContext(story.browser, 'en-GB');
  t.after(() => context.close());
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page, problems: watchPageProblems(page) };
}

/** Signs `person` ({email, password, name}) in through the sign-in form of the story's server, as a person would. */
async function signIn(story, page, person) {
  await page.goto(`${story.server.url}/signin`);
  await page.getByLabel('Email address', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  const home = await leadsToNewPage(page, () => page.getByRole('button', { name: 'Sign in' }).click());
  assert.equal(home.status(), 200, `${person.name} is signed in`);
  return home;
}

module.exports = { khetane, addUser, beginStory, endStory, assertFitsTheScreen, phoneOf, signIn };
