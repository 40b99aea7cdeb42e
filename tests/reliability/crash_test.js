'use strict';
// Crash safety (issue 18, item 2): is every write that Khetane acknowledged still there after the server is killed?
//
//   scripts/crash-test [--runs N] [--postgres] [--durability normal|full] [--writers N] [--seed S]
//
// Starts `khetane serve` on a fresh database, lets 32 writers (keep-alive HTTP clients, one API token) enter values
// of an indicator (POST /api/v1/indicators/values) and measures of a plan (POST /api/v1/policies/documents/ID/items)
// as fast as they can, each row carrying a marker of its own ("crash-test r7 w12 n345"). A write is acknowledged when
// the server answers 2xx (or 303 after a form's POST). After a random 0.2–2 s of load the server gets SIGKILL and is
// started again on the same database; the script then reads the database itself (the sqlite3 command line, or psql)
// and checks that every write acknowledged so far, in every run, is there under the id the server gave it, and for
// SQLite that PRAGMA integrity_check says ok. It repeats this --runs times, prints a line a run and ends with one
// line of figures; it exits 1 if a write was lost, a check failed or the server did not start again, 2 if it could
// not begin. Servers, the PostgreSQL cluster and the temporary folder go away on every exit.
//
// Binary: env KHETANE_BINARY, default build/release/khetane under the repository root; KHETANE_LOCALE_DIR defaults
// to the `locale` folder beside the binary when there is one.
// PostgreSQL: with env KHETANE_TEST_POSTGRES_URL (scripts/with-postgres sets it) that database is used as it is, empty;
// otherwise the script starts a cluster of its own with PostgreSQL's default durability (fsync on,
// synchronous_commit on, full_page_writes on), so that the writes/s it measures are those of a real installation.

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { freePort } = require('../e2e/support/server');
const { UsageError, wholeNumber, readOptions, run, pgBin, startPostgres } = require('./script_support');

const repoRoot = path.resolve(__dirname, '..', '..');

const START_TIMEOUT_MS = 120_000;  // the first start under AddressSanitizer on PostgreSQL is slow
const STOP_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 30_000;
const READY_POLL_MS = 10;
const LOG_TAIL_CHARS = 6_000;
const EMAIL = 'crash-test@example.org';
const MARKER_PREFIX = 'crash-test r';

// ---------------------------------------------------------------------------------------------------------- options

function usage() {
  return `usage: scripts/crash-test [OPTIONS]
  --runs N               kills and restarts (default 100)
  --postgres             run against PostgreSQL (KHETANE_TEST_POSTGRES_URL if set, else a throwaway cluster)
  --durability MODE      pass --durability MODE (normal or full) to khetane serve
  --writers N            concurrent writers (default 32)
  --min-load-ms MS       shortest load before a kill (default 200)
  --max-load-ms MS       longest load before a kill (default 2000)
  --seed S               seed of the random delays (default: random, printed)
  --keep                 keep the temporary folder (and the PostgreSQL cluster's files) for a look afterwards
env: KHETANE_BINARY (default build/release/khetane), KHETANE_LOCALE_DIR, KHETANE_PG_BIN (default
/usr/lib/postgresql/15/bin), KHETANE_TEST_POSTGRES_URL`;
}

function parseOptions(argv) {
  const options = {
    runs: 100, postgres: false, durability: null, writers: 32, minLoadMs: 200, maxLoadMs: 2000, seed: null,
    keep: false,
  };
  readOptions(argv, usage, (name, value) => {
    switch (name) {
      case '--runs': options.runs = wholeNumber(name, value(), 1); break;
      case '--postgres': options.postgres = true; break;
      case '--durability': {
        const mode = value();
        if (mode !== 'normal' && mode !== 'full') throw new UsageError(`--durability is normal or full, not ${JSON.stringify(mode)}`);
        options.durability = mode;
        break;
      }
      case '--writers': options.writers = wholeNumber(name, value(), 1); break;
      case '--min-load-ms': options.minLoadMs = wholeNumber(name, value(), 1); break;
      case '--max-load-ms': options.maxLoadMs = wholeNumber(name, value(), 1); break;
      case '--seed': options.seed = wholeNumber(name, value(), 0); break;
      case '--keep': options.keep = true; break;
      default: return false;
    }
  });
  if (options.maxLoadMs < options.minLoadMs) throw new UsageError('--max-load-ms is less than --min-load-ms');
  options.seed ??= crypto.randomInt(0, 2 ** 31);
  return options;
}

// ---------------------------------------------------------------------------------------------------------- helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const figure = (n) => Math.round(n).toLocaleString('en-US');
const median = (values) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

// mulberry32: the delays are reproducible with --seed.
function randomFrom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// What is left to undo, newest first; undone on every way out (normal end, failure, Ctrl-C, SIGTERM).
const cleanups = [];
let cleanedUp = false;
function cleanUpAll() {
  if (cleanedUp) return;
  cleanedUp = true;
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try { step(); } catch (error) { console.error(`crash-test: clean-up: ${error.message}`); }
  }
}
process.on('exit', cleanUpAll);
for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    console.error(`crash-test: ${signal}, cleaning up`);
    cleanUpAll();
    process.exit(status);
  });
}

// -------------------------------------------------------------------------------------------------------- the server

function binaryPath() {
  return path.resolve(repoRoot, process.env.KHETANE_BINARY || 'build/release/khetane');
}

function childEnvironment(binary) {
  const env = { ...process.env, KHETANE_QUIET: '1' };
  // Only --durability chooses; an inherited KHETANE_DURABILITY would change what is measured without a word.
  delete env.KHETANE_DURABILITY;
  env.ASAN_OPTIONS ??= 'detect_leaks=0';
  if (!env.KHETANE_LOCALE_DIR) {
    const beside = path.join(path.dirname(binary), 'locale');
    if (fs.existsSync(beside)) env.KHETANE_LOCALE_DIR = beside;
  }
  return env;
}

/** `khetane ARGS…` to its end; its standard output. */
function khetane(setup, args) {
  return run(setup.binary, [...args, '--database', setup.database, '--share-dir', repoRoot], { env: setup.env });
}

/**
 * Starts `khetane serve` on a free port and waits for /healthz to answer 200.
 * Returns {port, child, exited (a promise of {code, signal}), status() (null while it runs), log(), readyMs}.
 */
async function startServer(setup) {
  const port = await freePort();
  const args = ['serve', '--database', setup.database, '--listen', `127.0.0.1:${port}`, '--share-dir', repoRoot,
    '--data-dir', path.join(setup.folder, 'files')];
  if (setup.durability) args.push('--durability', setup.durability);
  const began = process.hrtime.bigint();
  const child = spawn(setup.binary, args, { cwd: repoRoot, env: setup.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const forget = () => { try { child.kill('SIGKILL'); } catch { /* gone */ } };
  cleanups.push(forget);
  let output = '';
  const remember = (chunk) => {
    output += chunk.toString();
    if (output.length > 4 * LOG_TAIL_CHARS) output = output.slice(-LOG_TAIL_CHARS);
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  let status = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => { status = { code, signal }; resolve(status); });
    child.on('error', (error) => { status = { code: null, signal: null, error: error.message }; resolve(status); });
  });
  exited.then(() => { const at = cleanups.indexOf(forget); if (at >= 0) cleanups.splice(at, 1); });
  const server = { port, child, exited, status: () => status, log: () => output.slice(-LOG_TAIL_CHARS), readyMs: 0 };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (status) {
      const log = server.log();
      const refusedFlag = setup.durability && /durability/.test(log) && status.code !== 0;
      throw new Error(refusedFlag
        ? `khetane serve refused --durability ${setup.durability} (this binary has no such flag yet?): `
          + `exit ${JSON.stringify(status)}\n${log}`
        : `khetane serve exited before it was ready (${JSON.stringify(status)}):\n${log}`);
    }
    if (await healthy(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`khetane serve did not answer /healthz with 200 within ${START_TIMEOUT_MS / 1000} s:\n${server.log()}`);
    }
    await sleep(READY_POLL_MS);
  }
  server.readyMs = Number(process.hrtime.bigint() - began) / 1e6;
  return server;
}

function healthy(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 200));
      response.on('error', () => resolve(false));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

async function stopServer(server) {
  if (server.status()) return server.status();
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const status = await server.exited;
  clearTimeout(timer);
  return status;
}

// ----------------------------------------------------------------------------------------------------------- writers

/**
 * POSTs `body` on the writer's keep-alive connection. `onAnswer(status, location)` is called as soon as the status
 * line and headers are in: that is the acknowledgement, even if the body is then cut off by the kill.
 * Resolves when the exchange is over; rejects when no answer came (the connection failed).
 */
function post(agent, port, route, token, body, onAnswer) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const request = http.request({
      host: '127.0.0.1', port, path: route, method: 'POST', agent, timeout: REQUEST_TIMEOUT_MS,
      headers: {
        Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': payload.length,
        Accept: 'application/json',
      },
    }, (response) => {
      onAnswer(response.statusCode, response.headers.location);
      const chunks = [];
      let done = false;
      const finish = (complete) => {
        if (done) return;
        done = true;
        resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString(), complete });
      };
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => finish(true));
      response.on('error', () => finish(false));
      response.on('close', () => finish(false));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on('error', reject);
    request.end(payload);
  });
}

const acknowledges = (status) => (status >= 200 && status < 300) || status === 303;

/** The n-th write of writer w in run r: an indicator value or a plan's measure, alternately. */
function writeOf(targets, runNumber, w, n) {
  const marker = `${MARKER_PREFIX}${runNumber} w${w} n${n}`;
  if ((w + n) % 2 === 0) {
    const month = (runNumber * 7 + n) % 360;  // 2000-01 … 2029-12: the series' versions spread over periods
    return {
      kind: 'value', marker, route: '/api/v1/indicators/values',
      body: {
        indicator: 'health_mediator_posts', place: targets.places[w % targets.places.length],
        period: `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`,
        value: String(n % 40), note: marker,
      },
    };
  }
  const objective = targets.objectives[(w + n) % targets.objectives.length];
  return {
    kind: 'measure', marker, route: `/api/v1/policies/documents/${objective.document}/items`,
    body: { kind: 'measure', parent: objective.id, title: marker },
  };
}

function idFromLocation(location) {
  const match = /\/(\d+)(?:[/?#]|$)/.exec(location || '');
  return match ? Number(match[1]) : null;
}

/** One writer for one run: writes until `load.stopping`, records what was acknowledged. */
async function writer(load, w) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let n = 0; !load.stopping; n++) {
      const write = writeOf(load.targets, load.runNumber, w, n);
      load.sent.add(write.marker);
      let answer;
      try {
        answer = await post(agent, load.port, write.route, load.token, write.body, (status, location) => {
          if (acknowledges(status)) {
            load.acknowledged.push({ marker: write.marker, kind: write.kind, id: idFromLocation(location) });
          }
        });
      } catch (error) {
        if (!load.stopping) load.connectionErrors.push(`writer ${w}: ${error.message}`);
        return;  // the server is gone (killed, or died): this writer's run is over
      }
      if (!acknowledges(answer.status)) load.refused.add(write.marker);
      if (!acknowledges(answer.status) && !load.stopping) {
        load.unexpected.set(answer.status, (load.unexpected.get(answer.status) || 0) + 1);
        if (!load.unexpectedExample.has(answer.status)) {
          load.unexpectedExample.set(answer.status, `${write.route} ${JSON.stringify(write.body)} → ${answer.body.slice(0, 300)}`);
        }
      }
    }
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------- checking

const rowsQuery = `SELECT 'value', id, note FROM observations WHERE note LIKE '${MARKER_PREFIX}%'
UNION ALL SELECT 'measure', id, title FROM policy_items WHERE title LIKE '${MARKER_PREFIX}%';`;

async function query(setup, sql) {
  if (setup.postgresUrl) {
    return run(path.join(pgBin, 'psql'), ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-d',
      setup.postgresUrl, '-c', sql]);
  }
  return run('sqlite3', ['-batch', '-bail', '-separator', '|', setup.database, sql]);
}

/** Marker → {kind, id} of every crash-test row in the database. */
async function storedRows(setup) {
  const rows = new Map();
  for (const line of (await query(setup, rowsQuery)).split('\n')) {
    if (!line) continue;
    const [kind, id, marker] = line.split('|');
    rows.set(marker, { kind, id: Number(id) });
  }
  return rows;
}

async function integrity(setup) {
  if (setup.postgresUrl) return null;
  const answer = (await query(setup, 'PRAGMA integrity_check;')).trim();
  return answer;
}

// -------------------------------------------------------------------------------------------------------------- main

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const binary = binaryPath();
  if (!fs.existsSync(binary)) {
    throw new UsageError(`khetane binary not found at ${binary}: build it (scripts/run builds build/release) or set KHETANE_BINARY`);
  }
  if (!options.postgres && spawnSync('sqlite3', ['-version']).status !== 0) {
    throw new UsageError('the sqlite3 command line is missing (scripts/setup installs it)');
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'khetane-crash-'));
  cleanups.push(() => {
    if (options.keep) console.error(`crash-test: kept ${folder}`);
    else fs.rmSync(folder, { recursive: true, force: true });
  });
  const setup = {
    binary, env: childEnvironment(binary), folder, durability: options.durability, postgresUrl: null,
    database: path.join(folder, 'khetane.db'),
  };
  let engine = 'sqlite';
  if (options.postgres) {
    engine = 'postgresql';
    if (process.env.KHETANE_TEST_POSTGRES_URL) {
      setup.postgresUrl = process.env.KHETANE_TEST_POSTGRES_URL;
      console.log(`crash-test: PostgreSQL at ${setup.postgresUrl} (given by KHETANE_TEST_POSTGRES_URL: its own settings, `
        + 'scripts/with-postgres turns fsync off)');
    } else {
      setup.postgresUrl = await startPostgres(folder, cleanups);
      console.log(`crash-test: a throwaway PostgreSQL cluster at ${setup.postgresUrl} (fsync and synchronous_commit on)`);
    }
    setup.database = setup.postgresUrl;
  }
  const filesystem = spawnSync('stat', ['-f', '-c', '%T', folder]).stdout?.toString().trim();
  if (filesystem === 'tmpfs' || filesystem === 'ramfs') {
    console.log(`crash-test: note: ${folder} is on ${filesystem}, where fsync costs nothing: set TMPDIR to a folder on `
      + 'a disk to measure what --durability full costs');
  }
  const label = `${engine}${options.durability ? `, durability ${options.durability}` : ''}`;
  console.log(`crash-test: ${label}, ${options.runs} runs, ${options.writers} writers, load ${options.minLoadMs}–`
    + `${options.maxLoadMs} ms before each kill, seed ${options.seed}, binary ${binary}`);

  // A fresh database: the schema and the reference data, a user who may write anywhere, and an API token.
  const passwordFile = path.join(folder, 'password');
  fs.writeFileSync(passwordFile, `${crypto.randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  await khetane(setup, ['user', 'add', EMAIL, '--role', 'administrator', '--scope', 'installation', '--password-file',
    passwordFile]);
  const token = (await khetane(setup, ['user', 'token', EMAIL])).trim().split('\n').pop().trim();
  if (!/^\S{20,}$/.test(token)) throw new Error(`khetane user token printed no token: ${JSON.stringify(token)}`);
  const places = (await query(setup, "SELECT code FROM municipalities WHERE code NOT LIKE '%-%' ORDER BY code LIMIT 64;"))
    .split('\n').filter(Boolean);
  const objectives = (await query(setup, `SELECT id, document_id FROM policy_items WHERE kind = 'objective'
    AND withdrawn_at IS NULL AND document_id = (SELECT MIN(document_id) FROM policy_items WHERE kind = 'measure')
    ORDER BY id;`)).split('\n').filter(Boolean).map((line) => {
    const [id, document] = line.split('|');
    return { id: Number(id), document: Number(document) };
  });
  if (places.length === 0 || objectives.length === 0) {
    throw new Error(`the seeded database has no municipalities (${places.length}) or plan objectives (${objectives.length})`);
  }
  const targets = { places, objectives };

  const random = randomFrom(options.seed);
  const acknowledged = new Map();  // marker → {kind, id, run}
  const lost = new Map();          // marker → why
  const restartMs = [];
  const failures = [];
  const unexpected = new Map();
  const unexpectedExample = new Map();
  let loadSeconds = 0;
  let integrityOk = 0;
  let kills = 0;
  let found = 0;
  let inFlightStored = 0;
  let inFlight = 0;

  let server = await startServer(setup);
  console.log(`crash-test: first start in ${figure(server.readyMs)} ms`);
  // One write of each kind before the load: a refusal here is a fault of the test, not of the server.
  for (const n of [0, 1]) {
    const write = writeOf(targets, 0, 0, n);
    const answer = await post(new http.Agent({ keepAlive: false }), server.port, write.route, token, write.body,
      () => {});
    if (!acknowledges(answer.status)) {
      throw new Error(`the first ${write.kind} was refused: ${answer.status} ${answer.body.slice(0, 500)}`);
    }
  }

  const began = Date.now();
  for (let runNumber = 1; runNumber <= options.runs; runNumber++) {
    const load = {
      runNumber, targets, token, port: server.port, stopping: false, sent: new Set(), acknowledged: [],
      refused: new Set(), connectionErrors: [], unexpected, unexpectedExample,
    };
    const delay = options.minLoadMs + random() * (options.maxLoadMs - options.minLoadMs);
    const loadBegan = process.hrtime.bigint();
    const writers = Array.from({ length: options.writers }, (_, w) => writer(load, w));
    // The server dying by itself during the load is a failure: watch for it while waiting.
    const diedEarly = await Promise.race([sleep(delay).then(() => false), server.exited.then(() => true)]);
    load.stopping = true;
    const loadMs = Number(process.hrtime.bigint() - loadBegan) / 1e6;
    if (diedEarly) {
      failures.push(`run ${runNumber}: the server died by itself after ${figure(loadMs)} ms of load `
        + `(${JSON.stringify(server.status())}):\n${server.log()}`);
    } else {
      server.child.kill('SIGKILL');
      kills++;
    }
    const status = await server.exited;
    await Promise.all(writers);
    loadSeconds += loadMs / 1000;
    if (!diedEarly && status.signal !== 'SIGKILL') {
      failures.push(`run ${runNumber}: the server ended with ${JSON.stringify(status)}, not by the SIGKILL:\n${server.log()}`);
    }
    if (/ERROR: (Address|Undefined|Leak)Sanitizer|runtime error:/.test(server.log())) {
      failures.push(`run ${runNumber}: a sanitizer report in the server's output:\n${server.log()}`);
    }
    for (const error of load.connectionErrors) failures.push(`run ${runNumber}: connection failed during the load: ${error}`);
    for (const write of load.acknowledged) acknowledged.set(write.marker, { ...write, run: runNumber });

    // Start again on the same database, then read it beside the idle server.
    try {
      server = await startServer(setup);
    } catch (error) {
      failures.push(`run ${runNumber}: the server did not start again: ${error.message}`);
      console.log(`run ${runNumber}/${options.runs}: ${figure(load.acknowledged.length)} writes acknowledged; `
        + 'THE SERVER DID NOT START AGAIN');
      server = null;
      break;
    }
    restartMs.push(server.readyMs);

    const rows = await storedRows(setup);
    let missing = 0;
    for (const [marker, write] of acknowledged) {
      const row = rows.get(marker);
      if (!row) {
        if (!lost.has(marker)) lost.set(marker, `run ${write.run}, missing after the restart of run ${runNumber}`);
        missing++;
      } else if (write.id !== null && (row.id !== write.id || row.kind !== write.kind)) {
        if (!lost.has(marker)) {
          lost.set(marker, `run ${write.run}: acknowledged as ${write.kind} ${write.id}, stored as ${row.kind} ${row.id}`);
        }
        missing++;
      }
    }
    found = acknowledged.size - missing;
    let runInFlight = 0;
    let runInFlightStored = 0;
    const acknowledgedThisRun = new Set(load.acknowledged.map((write) => write.marker));
    for (const marker of load.sent) {
      if (acknowledgedThisRun.has(marker) || load.refused.has(marker)) continue;
      runInFlight++;
      if (rows.has(marker)) runInFlightStored++;
    }
    inFlight += runInFlight;
    inFlightStored += runInFlightStored;

    let integrityText = '';
    if (!setup.postgresUrl) {
      const answer = await integrity(setup);
      if (answer === 'ok') {
        integrityOk++;
        integrityText = ', integrity ok';
      } else {
        integrityText = `, INTEGRITY: ${answer.split('\n').slice(0, 3).join('; ')}`;
        failures.push(`run ${runNumber}: PRAGMA integrity_check said:\n${answer}`);
      }
    }
    const rate = load.acknowledged.length / (loadMs / 1000);
    console.log(`run ${runNumber}/${options.runs}: killed after ${figure(loadMs)} ms, `
      + `${figure(load.acknowledged.length)} writes acknowledged (${figure(rate)}/s), `
      + `${figure(found)}/${figure(acknowledged.size)} found, ${figure(missing)} lost, `
      + `${runInFlight} in flight (${runInFlightStored} stored)${integrityText}, restarted in ${figure(server.readyMs)} ms`);
  }
  const elapsed = (Date.now() - began) / 1000;

  if (server) {
    const status = await stopServer(server);
    if (!(status.code === 0 || status.signal === 'SIGTERM')) {
      console.log(`crash-test: note: the last server did not stop cleanly on SIGTERM (${JSON.stringify(status)})`);
    }
  }

  for (const [status, count] of unexpected) {
    console.log(`crash-test: ${figure(count)} answers ${status} during the load, e.g. ${unexpectedExample.get(status)}`);
  }
  if (lost.size > 0) {
    console.log(`crash-test: ${figure(lost.size)} acknowledged writes lost, the first ones:`);
    for (const [marker, why] of [...lost].slice(0, 20)) console.log(`  ${marker}: ${why}`);
  }
  for (const failure of failures.slice(0, 10)) console.log(`crash-test: FAILED ${failure}`);
  if (acknowledged.size === 0) failures.push('no write was acknowledged: the test tested nothing');

  const runsDone = restartMs.length;
  const unexpectedCount = [...unexpected.values()].reduce((a, b) => a + b, 0);
  const parts = [
    `crash-test: ${label}`,
    `${runsDone} runs`,
    `${kills} kills`,
    `${figure(acknowledged.size)} writes acknowledged`,
    `${figure(acknowledged.size - lost.size)} found`,
    `${figure(lost.size)} lost`,
  ];
  if (!setup.postgresUrl) parts.push(`integrity ok ${integrityOk}/${runsDone}`);
  parts.push(`${figure(acknowledged.size / Math.max(loadSeconds, 0.001))} writes/s`);
  parts.push(`restart median ${figure(median(restartMs))} ms, max ${figure(Math.max(0, ...restartMs))} ms`);
  parts.push(`${figure(inFlight)} in flight at the kills (${figure(inFlightStored)} stored)`);
  if (unexpectedCount > 0) parts.push(`${figure(unexpectedCount)} refused`);
  parts.push(`${figure(elapsed)} s`);
  const failed = lost.size > 0 || failures.length > 0 || runsDone < options.runs
    || (!setup.postgresUrl && integrityOk < runsDone);
  if (failed) parts.push('FAILED');
  console.log(parts.join(', '));
  return failed ? 1 : 0;
}

main().then((status) => {
  cleanUpAll();
  process.exit(status);
}, (error) => {
  console.error(`crash-test: ${error instanceof UsageError ? '' : 'could not run: '}${error.message}`);
  if (error instanceof UsageError) console.error(usage());
  cleanUpAll();
  process.exit(2);
});
