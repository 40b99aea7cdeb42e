'use strict';
// What the reliability scripts (crash_test.js, hostile_http.js, xss_crawl.js) share: reading their options and
// refusing to begin. Each script keeps its own usage text and its own switch of options; only the walking of argv, the
// reading of whole numbers and the way a script gives up before it starts are here, so that they stay alike.

const fs = require('node:fs');
const { binaryPath } = require('../e2e/support/server');

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

module.exports = { UsageError, wholeNumber, readOptions, beginScript };
