'use strict';
// Support for the browser tests: a real khetane server on a fresh database, Debian's chromium driven by
// playwright-core, and an axe-core check. See /work/shared/STACK-NOTES.md, "Browser tests".

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..', '..');

const STARTUP_TIMEOUT_MS = 60_000; // the first start seeds the reference data (slow under ASan)
const STOP_TIMEOUT_MS = 20_000;
const LOG_TAIL_CHARS = 8_000;

// Servers still running; killed if the test process goes away without stopping them.
const running = new Set();
process.on('exit', () => {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The khetane binary: env KHETANE_BINARY, default build/debug-asan/khetane under the repository root. */
const binaryPath = () => path.resolve(repoRoot, process.env.KHETANE_BINARY || 'build/debug-asan/khetane');

/**
 * Starts `khetane serve` on a free loopback port with a fresh temporary SQLite database (or the one named by
 * `database`, else by KHETANE_E2E_DATABASE) and waits until /healthz answers 200.
 * Binary: see binaryPath().
 * Returns {url, database, log(), stop()}. stop() sends SIGTERM, waits for the exit and rejects if the server did not
 * exit cleanly (a sanitizer report at exit is a failure too).
 */
async function startServer({ database: chosenDatabase } = {}) {
  const binary = binaryPath();
  if (!fs.existsSync(binary)) {
    throw new Error(`khetane binary not found at ${binary}: build it (cmake --build build/debug-asan --target khetane) `
      + 'or set KHETANE_BINARY');
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'khetane-e2e-'));
  const database = chosenDatabase || process.env.KHETANE_E2E_DATABASE || path.join(workDir, 'khetane.db');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;

  let output = '';
  const remember = (chunk) => {
    output += chunk.toString();
    if (output.length > 4 * LOG_TAIL_CHARS) output = output.slice(-LOG_TAIL_CHARS);
  };
  const logTail = () => output.slice(-LOG_TAIL_CHARS);

  const child = spawn(binary, [
    'serve',
    '--database', database,
    '--listen', `127.0.0.1:${port}`,
    '--share-dir', repoRoot,
    '--data-dir', path.join(workDir, 'files'),
  ], {
    cwd: repoRoot,
    env: { ...process.env, KHETANE_QUIET: process.env.KHETANE_QUIET ?? '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);

  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => { running.delete(child); resolve({ code, signal }); });
    child.on('error', (error) => { running.delete(child); resolve({ code: null, signal: null, error }); });
  });
  let exitStatus = null;
  exited.then((status) => { exitStatus = status; });

  const cleanUp = () => fs.rmSync(workDir, { recursive: true, force: true });

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (exitStatus) {
      cleanUp();
      throw new Error(`khetane exited before it was ready (${JSON.stringify(exitStatus)}):\n${logTail()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      cleanUp();
      throw new Error(`khetane did not answer /healthz with 200 within ${STARTUP_TIMEOUT_MS / 1000} s:\n${logTail()}`);
    }
    await sleep(200);
  }

  let stopping = null;
  async function stop() {
    if (stopping) return stopping;
    stopping = (async () => {
      if (!exitStatus) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const status = await exited;
      clearTimeout(timer);
      cleanUp();
      const clean = status.code === 0 || (status.code === null && status.signal === 'SIGTERM');
      if (!clean) {
        throw new Error(`khetane did not stop cleanly (${JSON.stringify(status)}):\n${logTail()}`);
      }
    })();
    return stopping;
  }

  return { url, database, log: logTail, stop };
}

// Exactly the flags from STACK-NOTES: Debian's chromium, no browser download.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

async function launchBrowser() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A phone-sized context (360×640, touch, mobile viewport), in the given locale. */
function phoneContext(browser, locale = 'bg-BG') {
  return browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale });
}

const axePath = require.resolve('axe-core');
let axeSource = null;

/**
 * Puts axe-core into the page. STACK-NOTES suggests page.addScriptTag({path}), but that adds an inline <script>,
 * which khetane's Content-Security-Policy (script-src 'self') rightly blocks, and leaves a CSP error in the console.
 * Rather than switching CSP off for the whole context (bypassCSP would also hide CSP violations of the app itself),
 * the same file is evaluated through the DevTools protocol, which CSP does not govern.
 */
async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  axeSource ??= fs.readFileSync(axePath, 'utf8');
  await page.evaluate(`${axeSource}\n;void 0`);
  if (!(await page.evaluate(() => typeof window.axe === 'object' && typeof window.axe.run === 'function'))) {
    throw new Error(`axe-core could not be loaded into ${page.url()}`);
  }
}

/**
 * Collects what goes wrong inside the page as the visitor sees it: uncaught script errors, console errors
 * (including Content-Security-Policy violations) and failed requests. Returns a function giving the list so far.
 */
function watchPageProblems(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // ERR_ABORTED: the browser dropped a request (often the favicon) because the page navigated away; not a fault.
    if (reason === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
  });
  return () => problems.slice();
}

/**
 * Runs axe-core on the page and throws, listing every violation of impact "serious" or "critical"
 * (rule id, help text, and the selectors of each element), so that one failure shows them all.
 */
async function assertNoSeriousA11yViolations(page, label = page.url()) {
  await injectAxe(page);
  const results = await page.evaluate(() => window.axe.run());
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length > 0) {
    const lines = blocking.map((v) => {
      const nodes = v.nodes.map((n) => `      ${n.target.join(' ')}\n        ${(n.failureSummary || '').replace(/\n/g, '\n        ')}`);
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
    });
    throw new Error(`axe found ${blocking.length} serious or critical violation(s) on ${label}:\n${lines.join('\n')}`);
  }
  return results;
}

/** Runs `action` (a click, a key press) and waits until the page it leads to has loaded; returns its response. */
async function leadsToNewPage(page, action) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    action(),
  ]);
  return response;
}

const pathOf = (page) => new URL(page.url()).pathname;

module.exports = {
  repoRoot, binaryPath, freePort, startServer, launchBrowser, phoneContext, assertNoSeriousA11yViolations, injectAxe,
  watchPageProblems, leadsToNewPage, pathOf, CHROMIUM_ARGS,
};
