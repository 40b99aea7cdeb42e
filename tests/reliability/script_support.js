'use strict';
// What the reliability scripts (crash_test.js, hostile_http.js, xss_crawl.js, two_processes.js) share: reading their
// options and refusing to begin, running a program to its end, and a throwaway PostgreSQL cluster. Each script keeps
// its own usage text and its own switch of options; only the walking of argv, the reading of whole numbers and the way
// a script gives up before it starts are here, so that they stay alike.

const { execFile, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot, binaryPath, freePort } = require('../e2e/support/server');

/** A mistake in the command line: the script prints it with its usage and exits 2. */
class UsageError extends Error {}

/** TEXT as a number when it is a whole number of at least MINIMUM; else a UsageError naming the option. */
function wholeNumber(name, text, minimum) {
  if (!/^\d+$/.test(text ?? '') || Number(text) < minimum) {
    throw new UsageError(`${name} takes a whole number of at least ${minimum}, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/**
 * Walks ARGV, calling handle(name, value) for each option: `--name=value` and `--name value` both work, and value()
 * (called only by options that take one) gives the value, taking the next argument for the second form. -h and
 * --help print usage() and exit 0; handle returns false for a name it does not know, which is a UsageError.
 */
function readOptions(argv, usage, handle) {
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const [name, inline] = argument.startsWith('--') && argument.includes('=')
      ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)]
      : [argument, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (name === '-h' || name === '--help') {
      console.log(usage());
      process.exit(0);
    }
    if (handle(name, value) === false) throw new UsageError(`unknown argument ${JSON.stringify(argument)}`);
  }
}

/**
 * The options parse(argv) reads from the command line; when they are wrong it prints `SCRIPT: message` and the usage,
 * and when there is no khetane binary it says so, and exits 2 either way: nothing has started yet to clean up.
 */
function beginScript(scriptName, parse, usage) {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${scriptName}: ${error.message}\n${usage()}`);
      process.exit(2);
    }
    throw error;
  }
  if (!fs.existsSync(binaryPath())) {
    console.error(`${scriptName}: no khetane binary at ${binaryPath()}: build it, or set KHETANE_BINARY`);
    process.exit(2);
  }
  return options;
}

/** Runs COMMAND ARGS… from the repository root to its end; its standard output, or an error with its standard error. */
function run(command, args, { env, timeout = 600_000, maxBuffer = 1 << 30 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: repoRoot, env, timeout, maxBuffer }, (error, stdout, stderr) => {
      if (error) {
        error.message = `${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`.trim();
        reject(error);
      } else {
        resolve(stdout);
      }
    });
  });
}

// ------------------------------------------------------------------------------------------------------- PostgreSQL

const pgBin = process.env.KHETANE_PG_BIN || '/usr/lib/postgresql/15/bin';

/** The server refuses to run as root: as root, run its programs as the postgres user. */
function asServerUser(program, args) {
  return process.getuid && process.getuid() === 0
    ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
    : [program, args];
}

/**
 * Starts a PostgreSQL cluster of its own in FOLDER/postgres (initdb, trust authentication, loopback only, a free
 * port) with an installation's default durability (fsync, synchronous_commit and full_page_writes on), and makes a
 * database `khetane` in it; returns its postgresql:// URL. Its stop (immediate) is pushed onto CLEANUPS, the caller's
 * list of what to undo on the way out.
 */
async function startPostgres(folder, cleanups) {
  if (!fs.existsSync(path.join(pgBin, 'pg_ctl'))) {
    throw new Error(`${pgBin}/pg_ctl not found (install postgresql-15: scripts/setup)`);
  }
  const cluster = path.join(folder, 'postgres');
  fs.mkdirSync(cluster);
  if (process.getuid() === 0) spawnSync('chown', ['postgres:', folder, cluster]);
  const data = path.join(cluster, 'data');
  const [initdb, initdbArgs] = asServerUser(path.join(pgBin, 'initdb'),
    ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  await run(initdb, initdbArgs, { env: { ...process.env }, timeout: 120_000 }).catch((error) => {
    throw new Error(`initdb failed: ${error.message}`);
  });
  const port = await freePort();
  // The defaults of an installation for durability: fsync, synchronous_commit and full_page_writes all on.
  const [pgCtl, startArgs] = asServerUser(path.join(pgBin, 'pg_ctl'), [
    '-D', data, '-l', path.join(cluster, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${cluster} -c listen_addresses=127.0.0.1 -c max_connections=100`, 'start',
  ]);
  try {
    await run(pgCtl, startArgs, { env: { ...process.env, LC_ALL: 'C.UTF-8' }, timeout: 90_000 });
  } catch (error) {
    let log = '';
    try { log = fs.readFileSync(path.join(cluster, 'server.log'), 'utf8'); } catch { /* none */ }
    throw new Error(`PostgreSQL did not start: ${error.message}\n${log}`);
  }
  cleanups.push(() => {
    const [stopper, stopArgs] = asServerUser(path.join(pgBin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(stopper, stopArgs, { stdio: 'ignore', timeout: 60_000 });
  });
  await run(path.join(pgBin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'khetane']);
  return `postgresql://postgres@127.0.0.1:${port}/khetane`;
}

module.exports = { UsageError, wholeNumber, readOptions, beginScript, run, pgBin, startPostgres };
