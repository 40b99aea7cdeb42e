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
const { repoRoot, binaryPath, startServer, launchBrowser } = require('./server');

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

module.exports = { khetane, addUser, beginStory, endStory };
