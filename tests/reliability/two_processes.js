'use strict';
// Two server processes on one database behind a proxy (issue 18, item 5, "Concurrency"):
//
//   scripts/two-processes [--requests N] [--concurrency N] [--rounds N] [--keep]
//
// Starts PostgreSQL (KHETANE_TEST_POSTGRES_URL, used as it is, or a throwaway cluster of its own), loads the reference
// and demo data into it once (`khetane seed`), starts two `khetane serve` processes on it (ports A and B on loopback,
// `--trusted-proxy 127.0.0.1`) and nginx in front of both (round robin, X-Forwarded-For and Host passed on). It adds
// two officials of the municipality whose plan is the demo plan (municipal_official there, each with a password and an
// API token), and then checks:
//   (a) a session begun through nginx (GET /signin for the csrf cookie and field, POST /signin) is a session on each
//       backend: /account with its cookie answers 200 from A and from B, not a redirect to /signin;
//   (b) signing out on A ends it on B (and on A): /account then sends the cookie's holder to /signin on both;
//   (c) two people edit one measure of the demo plan with the form at /policies/items/ID/edit, each opened before
//       either saves: the first, saved through A, is accepted (303); the second, from its stale form, through B, is
//       refused as the module refuses a stale version: 409, the form sent back with "Someone changed this item while
//       you were editing it…", what that person typed kept and the version they had (so saving it again is refused
//       again); the measure holds the first change (the API and the visitor's page on both backends say so), and once
//       the second person opens the form again (seeing the first change) their change goes through;
//   (d) the same through the JSON API (POST /api/v1/policies/items/ID takes the version last read): 200, then 409;
//   (c+d at once) --rounds races in which both change the measure at the same moment from the same version, one
//       through A and one through B (the API and the form by turns): at most one may be accepted; two acceptances
//       are a lost update (the measure holds one change, and the other, acknowledged, is gone);
//   (e) --requests GETs of pages and API answers through nginx, --concurrency at a time: all 2xx, and each backend
//       served some (counted in its access log: each server's standard output).
// It ends with one line of figures and exits 1 when a check failed, 2 when it could not begin. The servers, nginx, the
// cluster and the temporary folder go away on every exit (also on Ctrl-C), unless --keep keeps the folder.
//
// Binary: env KHETANE_BINARY (scripts/two-processes defaults it to build/release/khetane); KHETANE_LOCALE_DIR is passed
// on. nginx: env KHETANE_NGINX (default /usr/sbin/nginx).

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { repoRoot, binaryPath, freePort } = require('../e2e/support/server');
const { wholeNumber, readOptions, beginScript, run, startPostgres } = require('./script_support');

const NAME = 'two-processes';
const START_TIMEOUT_MS = 120_000; // a first start under AddressSanitizer on PostgreSQL is slow
const STOP_TIMEOUT_MS = 20_000;
const REQUEST_TIMEOUT_MS = 60_000;
const STALE_MESSAGE = 'Someone changed this item while you were editing it. Reload it to see the change.';
const nginxPath = process.env.KHETANE_NGINX || '/usr/sbin/nginx';

// ---------------------------------------------------------------------------------------------------------- options

function usage() {
  return `usage: scripts/two-processes [OPTIONS]
  --requests N      GETs through nginx under load (default 200)
  --concurrency N   of them at a time (default 8)
  --rounds N        simultaneous edits of one measure, through A and B at the same moment (default 10)
  --keep            keep the temporary folder (logs, nginx.conf, the cluster's files) for a look afterwards
env: KHETANE_BINARY (default build/release/khetane), KHETANE_LOCALE_DIR, KHETANE_PG_BIN, KHETANE_TEST_POSTGRES_URL,
KHETANE_NGINX (default /usr/sbin/nginx)`;
}

function parseOptions(argv) {
  const options = { requests: 200, concurrency: 8, rounds: 10, keep: false };
  readOptions(argv, usage, (name, value) => {
    switch (name) {
      case '--requests': options.requests = wholeNumber(name, value(), 1); break;
      case '--concurrency': options.concurrency = wholeNumber(name, value(), 1); break;
      case '--rounds': options.rounds = wholeNumber(name, value(), 0); break;
      case '--keep': options.keep = true; break;
      default: return false;
    }
  });
  return options;
}

// -------------------------------------------------------------------------------------------------- what to undo

// Steps that undo what was started, run newest first on any way out: process.exit (the normal end, a failure, a
// signal) runs them. Each is synchronous: at exit there is no waiting.
const undo = [];
process.on('exit', () => {
  for (const step of undo.splice(0).reverse()) {
    try { step(); } catch (error) { console.error(`${NAME}: clean-up: ${error.message}`); }
  }
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`${NAME}: ${signal}, cleaning up`);
    process.exit(128 + os.constants.signals[signal]);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// What the last line says, filled in as the checks go: it is printed however the run ends once the checks began.
const tally = {
  began: Date.now(), checking: false, sessionValid: 0, signOutSeen: 0, staleRefused: [], rounds: 0, lostUpdates: 0,
  refusedAtOnce: 0, requests: 0, served: [0, 0], errors: 0, failures: [],
};

function lastLine(trouble = '') {
  const failed = tally.failures.length > 0 || trouble;
  return [
    `${NAME}: postgresql`,
    '2 servers behind nginx',
    `session valid on ${tally.sessionValid}/2`,
    `sign-out seen on ${tally.signOutSeen}/2`,
    `${tally.staleRefused.length} stale edits refused`
      + (tally.staleRefused.length ? ` (${tally.staleRefused.join(', ')})` : ''),
    `${tally.lostUpdates} lost updates in ${tally.rounds} simultaneous edits (${tally.refusedAtOnce} refused as stale)`,
    `${tally.requests} requests (${tally.served[0]} + ${tally.served[1]})`,
    `${tally.errors} errors`,
    `${Math.round((Date.now() - tally.began) / 1000)} s`,
  ].join(', ') + (failed ? `, FAILED (${tally.failures.length}${trouble ? `; ${trouble}` : ''})` : '');
}

// ------------------------------------------------------------------------------------------------------ processes

/**
 * Spawns PROGRAM ARGS with its output (both streams) in the file LOG; returns {child, log, exited (a promise of
 * {code, signal}), status() (null while it runs), stop(signal)}. Until it exits, it gets AT_EXIT when this script
 * exits (nginx gets SIGTERM, so that its master ends its workers).
 */
function launch(program, args, log, env, atExit = 'SIGKILL') {
  const output = fs.openSync(log, 'a');
  const child = spawn(program, args, { cwd: repoRoot, env, stdio: ['ignore', output, output] });
  fs.closeSync(output);
  let status = null;
  const kill = () => child.kill(atExit);
  undo.push(kill);
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(status = { code, signal }));
    child.on('error', (error) => resolve(status = { code: null, signal: null, error: error.message }));
  }).then((done) => {
    if (undo.includes(kill)) undo.splice(undo.indexOf(kill), 1);
    return done;
  });
  const stop = async (signal = 'SIGTERM') => {
    if (!status) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const done = await exited;
    clearTimeout(timer);
    return done;
  };
  return { child, log, exited, status: () => status, stop };
}

const tail = (file, chars = 4_000) => {
  try { return fs.readFileSync(file, 'utf8').slice(-chars); } catch { return ''; }
};

/** Waits until http://127.0.0.1:PORT/healthz answers 200, failing when PROCESS exits first or the time runs out. */
async function ready(process_, port, what) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (process_.status()) {
      throw new Error(`${what} exited before it was ready (${JSON.stringify(process_.status())}):\n${tail(process_.log)}`);
    }
    const answer = await call(port, 'GET', '/healthz', { timeoutMs: 2_000 }).catch(() => null);
    if (answer?.status === 200) return;
    if (Date.now() > deadline) {
      throw new Error(`${what} did not answer /healthz with 200 within ${START_TIMEOUT_MS / 1000} s:\n`
        + tail(process_.log));
    }
    await sleep(100);
  }
}

function nginxConfig(folder, listen, backends) {
  const inside = (name) => path.join(folder, name);
  return `# two-processes: nginx in front of two khetane processes, everything inside ${folder}
${process.getuid() === 0 ? 'user root root;  # the folder is root\'s own (0700)\n' : ''}worker_processes 1;
pid ${inside('nginx.pid')};
error_log ${inside('nginx-error.log')} warn;
events { worker_connections 512; }
http {
  access_log ${inside('nginx-access.log')};
  client_body_temp_path ${inside('nginx-temp/client')};
  proxy_temp_path ${inside('nginx-temp/proxy')};
  fastcgi_temp_path ${inside('nginx-temp/fastcgi')};
  uwsgi_temp_path ${inside('nginx-temp/uwsgi')};
  scgi_temp_path ${inside('nginx-temp/scgi')};
  upstream khetane {
${backends.map((port) => `    server 127.0.0.1:${port};`).join('\n')}
  }
  server {
    listen 127.0.0.1:${listen};
    location / {
      proxy_pass http://khetane;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header Host $host;
    }
  }
}
`;
}

// ----------------------------------------------------------------------------------------------------------- HTTP

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * One request to 127.0.0.1:PORT, in English: {status, headers, body (text)}. FORM is a list of [name, value] pairs
 * sent as a form, JSON a value sent as JSON (asking for JSON back), TOKEN an API token, COOKIES a {name: value} jar.
 */
function call(port, method, address, { form, json, token, cookies = {}, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  const headers = { 'Accept-Language': 'en' };
  let payload = null;
  if (form) {
    payload = new URLSearchParams(form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (json !== undefined) {
    payload = JSON.stringify(json);
    headers['Content-Type'] = 'application/json';
    headers.Accept = 'application/json';
  }
  if (payload !== null) headers['Content-Length'] = Buffer.byteLength(payload);
  if (token) headers.Authorization = `Bearer ${token}`;
  const jar = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
  if (jar) headers.Cookie = jar;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: address, headers, agent: keepAlive,
      timeout: timeoutMs }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers,
        body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${address}: no answer in ${timeoutMs / 1000} s`)));
    request.on('error', reject);
    request.end(payload);
  });
}

/** Someone with a browser's cookie jar: visit() sends the jar and keeps what Set-Cookie says. */
function person(email, password) {
  const cookies = {};
  const visit = async (port, method, address, options = {}) => {
    const answer = await call(port, method, address, { ...options, cookies });
    for (const line of answer.headers['set-cookie'] || []) {
      const [pair, ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      if (value === '' || attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute))) delete cookies[name];
      else cookies[name] = value;
    }
    return answer;
  };
  return { email, password, cookies, visit, token: null };
}

const isRedirectToSignIn = (answer) => [302, 303].includes(answer.status)
  && /^\/signin(\?|$)/.test(answer.headers.location || '');
const brief = (answer) => `${answer.status}${answer.headers.location ? ` → ${answer.headers.location}` : ''}`;

// ----------------------------------------------------------------------------------------------------------- forms

function decodeEntities(text) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code) => {
    if (code[0] === '#') {
      return String.fromCodePoint(code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
    }
    return named[code.toLowerCase()] ?? whole;
  });
}

function attributesOf(tag) {
  const attributes = {};
  for (const [, name, doubled, single, bare] of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attributes[name.toLowerCase()] = decodeEntities(doubled ?? single ?? bare ?? '');
  }
  return attributes;
}

/**
 * The fields the form of HTML whose action is ACTION sends as a browser sends them, as [name, value] pairs (inputs
 * but buttons, checked boxes, textareas, the chosen option of each select); null when the page has no such form.
 */
function formFields(html, action) {
  const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)]
    .find(([, tag]) => attributesOf(tag).action === action);
  if (!form) return null;
  const fields = [];
  for (const [, element, tag, inner] of form[2].matchAll(/<(input|textarea|select)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/gi)) {
    const attributes = attributesOf(tag);
    if (!attributes.name || 'disabled' in attributes) continue;
    const kind = element.toLowerCase();
    if (kind === 'textarea') {
      fields.push([attributes.name, decodeEntities((inner ?? '').replace(/^\n/, ''))]);
    } else if (kind === 'select') {
      const options = [...(inner ?? '').matchAll(/<option\b([^>]*)>([^<]*)/gi)]
        .map(([, optionTag, text]) => ({ ...attributesOf(optionTag), text: decodeEntities(text) }));
      const chosen = options.find((option) => 'selected' in option) ?? options[0];
      if (chosen) fields.push([attributes.name, chosen.value ?? chosen.text]);
    } else {
      const type = (attributes.type || 'text').toLowerCase();
      if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in attributes)) continue;
      fields.push([attributes.name, attributes.value ?? (type === 'checkbox' ? 'on' : '')]);
    }
  }
  return fields;
}

const fieldOf = (fields, name) => fields?.find(([each]) => each === name)?.[1];
const withField = (fields, name, value) => fields.map(([each, old]) => [each, each === name ? value : old]);

/** The value of the hidden field NAME on the page (the first one). */
const hiddenField = (html, name) => {
  for (const [tag] of html.matchAll(/<input\b[^>]*>/gi)) {
    const attributes = attributesOf(tag);
    if (attributes.name === name) return attributes.value ?? '';
  }
  return null;
};

// ------------------------------------------------------------------------------------------------------ the checks

/** Signs SOMEONE in with the form at /signin through PORT: the csrf cookie and field from the GET, then the POST. */
async function signIn(someone, port) {
  const page = await someone.visit(port, 'GET', '/signin');
  const csrf = hiddenField(page.body, 'csrf');
  if (page.status !== 200 || !csrf || !someone.cookies.csrf) {
    throw new Error(`GET /signin: ${page.status}, csrf field ${JSON.stringify(csrf)}, `
      + `csrf cookie ${someone.cookies.csrf ? 'set' : 'missing'}`);
  }
  const answer = await someone.visit(port, 'POST', '/signin',
    { form: [['csrf', csrf], ['next', '/'], ['email', someone.email], ['password', someone.password]] });
  if (![302, 303].includes(answer.status) || !someone.cookies.session) {
    throw new Error(`signing ${someone.email} in: ${brief(answer)}, `
      + `session cookie ${someone.cookies.session ? 'set' : 'missing'}: ${answer.body.slice(0, 300)}`);
  }
}

/** The measure as the API shows it to anyone, from PORT: the item's own fields (ItemJson). */
async function storedMeasure(port, id) {
  const answer = await call(port, 'GET', `/api/v1/policies/items/${id}`);
  if (answer.status !== 200) {
    throw new Error(`GET /api/v1/policies/items/${id} on ${port}: ${answer.status} ${answer.body.slice(0, 300)}`);
  }
  const body = JSON.parse(answer.body);
  return body.item ?? body;
}

/** A body for POST /api/v1/policies/items/ID: what the API showed, with TITLE, claiming VERSION. */
const apiChange = (shown, title, version) => ({ ...shown, title, version });

/** Opens the measure's edit form as SOMEONE through PORT: its fields as the browser would send them. */
async function openEditForm(someone, port, id) {
  const page = await someone.visit(port, 'GET', `/policies/items/${id}/edit`);
  const fields = page.status === 200 ? formFields(page.body, `/policies/items/${id}`) : null;
  if (!fields || !fieldOf(fields, 'version') || !fieldOf(fields, 'csrf')) {
    throw new Error(`GET /policies/items/${id}/edit on ${port} as ${someone.email}: ${brief(page)}, `
      + `${fields ? 'no version or csrf field in the form' : 'no edit form'}: ${page.body.slice(0, 300)}`);
  }
  return fields;
}

const saveForm = (someone, port, id, fields) => someone.visit(port, 'POST', `/policies/items/${id}`, { form: fields });

// ------------------------------------------------------------------------------------------------------------ main

async function main() {
  const options = beginScript(NAME, parseOptions, usage);
  if (!fs.existsSync(nginxPath)) {
    console.error(`${NAME}: no nginx at ${nginxPath} (apt-get install nginx-light, or set KHETANE_NGINX)`);
    return 2;
  }
  const binary = binaryPath();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'khetane-two-'));
  undo.push(() => {
    if (options.keep) console.error(`${NAME}: kept ${folder}`);
    else fs.rmSync(folder, { recursive: true, force: true });
  });
  const env = { ...process.env };
  delete env.KHETANE_QUIET; // the access log on standard output counts what each backend served
  env.ASAN_OPTIONS ??= 'detect_leaks=0';
  const fail = (text) => { tally.failures.push(text); console.log(`${NAME}: FAILED ${text}`); };
  const note = (text) => console.log(`${NAME}: ${text}`);

  let database = process.env.KHETANE_TEST_POSTGRES_URL;
  if (database) note(`PostgreSQL at ${database} (KHETANE_TEST_POSTGRES_URL)`);
  else {
    database = await startPostgres(folder, undo);
    note(`a throwaway PostgreSQL cluster at ${database}`);
  }
  const khetane = (args) => run(binary, [...args, '--database', database, '--share-dir', repoRoot], { env });
  await khetane(['seed']);

  // Two khetane processes on the database, nginx in front of both.
  const ports = [await freePort(), await freePort()];
  const servers = ports.map((port, i) => launch(binary, ['serve', '--database', database, '--listen', `127.0.0.1:${port}`,
    '--share-dir', repoRoot, '--data-dir', path.join(folder, 'files'), '--trusted-proxy', '127.0.0.1'],
  path.join(folder, `server-${'ab'[i]}.log`), env));
  await Promise.all(servers.map((server, i) => ready(server, ports[i], `khetane serve ${'AB'[i]}`)));
  const [A, B] = ports;
  const proxyPort = await freePort();
  for (const temp of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    fs.mkdirSync(path.join(folder, 'nginx-temp', temp), { recursive: true });
  }
  fs.writeFileSync(path.join(folder, 'nginx.conf'), nginxConfig(folder, proxyPort, ports));
  const nginx = launch(nginxPath, ['-p', folder, '-c', path.join(folder, 'nginx.conf'), '-g', 'daemon off;'],
    path.join(folder, 'nginx.out'), process.env, 'SIGTERM');
  await ready(nginx, proxyPort, 'nginx');
  note(`servers A on ${A} and B on ${B}, nginx on ${proxyPort}, binary ${binary}`);

  // The demo plan, its municipality's officials, a measure of it.
  const documents = JSON.parse((await call(proxyPort, 'GET', '/api/v1/policies/documents')).body).items;
  const plan = documents.find((document) => document.demo && document.municipality);
  if (!plan) throw new Error(`no demo plan of a municipality among the ${documents.length} documents the API lists`);
  const tree = JSON.parse((await call(proxyPort, 'GET', `/api/v1/policies/documents/${plan.id}`)).body);
  const measure = tree.items.find((item) => item.kind === 'measure' && !item.withdrawn_at);
  if (!measure) throw new Error(`the demo plan ${plan.id} has no measure`);
  const people = [];
  for (const who of ['first', 'second']) {
    const someone = person(`two-processes-${who}@example.org`, crypto.randomBytes(18).toString('base64url'));
    const passwordFile = path.join(folder, `password-${who}`);
    fs.writeFileSync(passwordFile, `${someone.password}\n`, { mode: 0o600 });
    await khetane(['user', 'add', someone.email, '--name', `Official ${who}`, '--role', 'municipal_official', '--scope',
      `municipality:${plan.municipality}`, '--password-file', passwordFile]);
    someone.token = (await khetane(['user', 'token', someone.email, '--label', NAME])).trim().split('\n').pop().trim();
    people.push(someone);
  }
  const [first, second] = people;
  note(`demo plan ${plan.id} of ${plan.municipality}, measure ${measure.id} (${measure.code}), officials ${first.email} `
    + `and ${second.email}`);

  // (a) A session begun through nginx holds on each backend.
  tally.checking = true;
  await signIn(first, proxyPort);
  for (const [port, label] of [[A, 'A'], [B, 'B']]) {
    const answer = await first.visit(port, 'GET', '/account');
    if (answer.status === 200 && answer.body.includes(first.email)) tally.sessionValid++;
    else fail(`(a) the session begun through nginx, on ${label}: GET /account answered ${brief(answer)}, not 200`);
  }

  // (b) Signing out on A ends the session on B too (and on A).
  const account = await first.visit(A, 'GET', '/account');
  const signOutToken = hiddenField(account.body, 'csrf');
  const session = first.cookies.session;
  const signedOut = await first.visit(A, 'POST', '/signout', { form: [['csrf', signOutToken]] });
  if (![302, 303].includes(signedOut.status)) fail(`(b) POST /signout on A answered ${brief(signedOut)}`);
  for (const [port, label] of [[B, 'B'], [A, 'A']]) {
    const answer = await call(port, 'GET', '/account', { cookies: { session } });
    if (isRedirectToSignIn(answer)) tally.signOutSeen++;
    else fail(`(b) signed out on A, the old cookie on ${label}: GET /account answered ${brief(answer)}, not → /signin`);
  }

  // (c) Two people change one measure with the form, each from a form opened before either saved.
  await signIn(first, proxyPort);
  await signIn(second, proxyPort);
  const before = await storedMeasure(A, measure.id);
  // Visitors' pages on both backends, kept before the change: they must not outlive it (web::ResponseCache).
  for (const port of ports) await call(port, 'GET', `/policies/items/${measure.id}`);
  const firstForm = await openEditForm(first, A, measure.id);
  const secondForm = await openEditForm(second, B, measure.id);
  const firstTitle = `${before.title} (first, form)`;
  const secondTitle = `${before.title} (second, form)`;
  const firstSaved = await saveForm(first, A, measure.id, withField(firstForm, 'title', firstTitle));
  if (firstSaved.status !== 303 || firstSaved.headers.location !== `/policies/items/${measure.id}`) {
    fail(`(c) the first change, through A: ${brief(firstSaved)}, not 303 → /policies/items/${measure.id}: `
      + firstSaved.body.slice(0, 300));
  }
  const staleForm = withField(secondForm, 'title', secondTitle);
  const secondSaved = await saveForm(second, B, measure.id, staleForm);
  const sentBack = formFields(secondSaved.body, `/policies/items/${measure.id}`);
  const problems = [];
  if (secondSaved.status !== 409) problems.push(`answered ${brief(secondSaved)}, not 409`);
  if (!decodeEntities(secondSaved.body).includes(STALE_MESSAGE)) problems.push('the page does not say it changed meanwhile');
  if (!sentBack) problems.push('no form sent back');
  else {
    const [title, version] = [fieldOf(sentBack, 'title'), fieldOf(sentBack, 'version')];
    if (title !== secondTitle) problems.push(`the title typed is not kept (${JSON.stringify(title)})`);
    if (version !== fieldOf(secondForm, 'version')) {
      problems.push(`the form's version is ${version}, not the ${fieldOf(secondForm, 'version')} it was opened with`);
    }
  }
  const again = await saveForm(second, B, measure.id, staleForm);
  if (again.status !== 409) problems.push(`saving the stale form a second time answered ${brief(again)}, not 409`);
  for (const [i, port] of ports.entries()) {
    const stored = await storedMeasure(port, measure.id);
    if (stored.title !== firstTitle || stored.version !== before.version + 1) {
      problems.push(`the API on ${'AB'[i]} shows "${stored.title}" version ${stored.version}, not the first change `
        + `(version ${before.version + 1})`);
    }
    const page = await call(port, 'GET', `/policies/items/${measure.id}`);
    if (!decodeEntities(page.body).includes(firstTitle)) problems.push(`a visitor's page on ${'AB'[i]} lacks the first change`);
  }
  if (problems.length === 0) tally.staleRefused.push('form');
  else fail(`(c) the second change, from a form opened before the first was saved, through B: ${problems.join('; ')}`);
  // Opened again, the form shows the first change, and the second person's change goes through.
  const reopened = await openEditForm(second, B, measure.id);
  if (fieldOf(reopened, 'title') !== firstTitle) {
    fail(`(c) the form opened again on B shows "${fieldOf(reopened, 'title')}", not the first change`);
  }
  const secondRetry = await saveForm(second, B, measure.id, withField(reopened, 'title', secondTitle));
  if (secondRetry.status !== 303) fail(`(c) the second change from the form opened again: ${brief(secondRetry)}, not 303`);

  // (d) The same through the API: the version read goes back with the change.
  const shown = await storedMeasure(A, measure.id);
  const firstApi = await call(A, 'POST', `/api/v1/policies/items/${measure.id}`,
    { token: first.token, json: apiChange(shown, `${before.title} (first, API)`, shown.version) });
  const secondApi = await call(B, 'POST', `/api/v1/policies/items/${measure.id}`,
    { token: second.token, json: apiChange(shown, `${before.title} (second, API)`, shown.version) });
  const afterApi = await storedMeasure(B, measure.id);
  const apiProblems = [];
  if (firstApi.status !== 200) apiProblems.push(`the first, through A, answered ${firstApi.status}: ${firstApi.body.slice(0, 300)}`);
  let apiError = null;
  try { apiError = JSON.parse(secondApi.body).error; } catch { /* not JSON */ }
  if (secondApi.status !== 409 || apiError?.status !== 409 || apiError?.message !== STALE_MESSAGE) {
    apiProblems.push(`the second, stale, through B answered ${secondApi.status} ${secondApi.body.slice(0, 300)}, `
      + `not 409 "${STALE_MESSAGE}"`);
  }
  if (afterApi.title !== `${before.title} (first, API)` || afterApi.version !== shown.version + 1) {
    apiProblems.push(`the measure holds "${afterApi.title}" version ${afterApi.version}, not the first change `
      + `(version ${shown.version + 1})`);
  }
  if (apiProblems.length === 0) tally.staleRefused.push('API');
  else fail(`(d) ${apiProblems.join('; ')}`);

  // At the same moment: both change the measure from the same version, one through A and one through B.
  for (let round = 1; round <= options.rounds; round++) {
    tally.rounds = round;
    const byForm = round % 2 === 0;
    const start = await storedMeasure(A, measure.id);
    const titles = [`${before.title} (round ${round}, first)`, `${before.title} (round ${round}, second)`];
    let answers;
    if (byForm) {
      const forms = [await openEditForm(first, A, measure.id), await openEditForm(second, B, measure.id)];
      answers = await Promise.all(people.map((someone, i) => saveForm(someone, ports[i], measure.id,
        withField(forms[i], 'title', titles[i]))));
    } else {
      answers = await Promise.all(people.map((someone, i) => call(ports[i], 'POST', `/api/v1/policies/items/${measure.id}`,
        { token: someone.token, json: apiChange(start, titles[i], start.version) })));
    }
    const accepted = answers.map((answer) => answer.status === (byForm ? 303 : 200));
    const stored = await storedMeasure(B, measure.id);
    const outcome = `round ${round} (${byForm ? 'form' : 'API'}, both from version ${start.version}): `
      + `first through A ${answers[0].status}, second through B ${answers[1].status}; `
      + `the measure holds "${stored.title}", version ${stored.version}`;
    if (accepted[0] && accepted[1]) {
      tally.lostUpdates++;
      const lost = stored.title === titles[0] ? 'second' : 'first';
      fail(`lost update in ${outcome}: both were accepted, and the ${lost}'s change is gone`);
    } else if (!answers.every((answer, i) => accepted[i] || answer.status === 409)) {
      fail(`simultaneous edits, ${outcome}: an answer neither accepted nor 409: `
        + answers.map((answer) => answer.body.slice(0, 200)).join(' | '));
    } else if (!accepted[0] && !accepted[1]) {
      fail(`simultaneous edits, ${outcome}: both were refused, neither change was kept`);
    } else if (stored.title !== titles[accepted.indexOf(true)] || stored.version !== start.version + 1) {
      fail(`simultaneous edits, ${outcome}: the measure does not hold the change accepted`);
    } else {
      tally.refusedAtOnce++;
      note(`simultaneous edits, ${outcome}: one accepted, one refused as stale`);
    }
  }

  // (e) Load through nginx: every answer 2xx, and both backends serve some.
  const addresses = ['/', '/policies', `/policies/documents/${plan.id}`, `/policies/items/${measure.id}`,
    '/api/v1/policies/documents', `/api/v1/policies/items/${measure.id}`, `/api/v1/policies/documents/${plan.id}`,
    `/places/municipalities/${plan.municipality}`];
  // The access log: `[time] [info] ADDRESS METHOD PATH STATUS TIME REQUEST-ID`, a line an answer.
  const accessLines = (server) => tail(server.log, Infinity).split('\n')
    .filter((line) => /\] \[info\] \S+ [A-Z]+ \/\S* \d{3} /.test(line));
  const logLines = () => servers.map((server) => accessLines(server).length);
  const linesBefore = logLines();
  const statuses = new Map();
  let next = 0;
  const loadBegan = Date.now();
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (next < options.requests) {
      const address = addresses[next++ % addresses.length];
      tally.requests++;
      try {
        const answer = await call(proxyPort, 'GET', address);
        statuses.set(answer.status, (statuses.get(answer.status) || 0) + 1);
        if (answer.status < 200 || answer.status > 299) {
          tally.errors++;
          if (tally.errors <= 5) fail(`(e) GET ${address} through nginx: ${answer.status} ${answer.body.slice(0, 200)}`);
        }
      } catch (error) {
        tally.errors++;
        if (tally.errors <= 5) fail(`(e) GET ${address} through nginx: ${error.message}`);
      }
    }
  }));
  const loadSeconds = (Date.now() - loadBegan) / 1000;
  await sleep(200); // the access log line is written after the answer
  const served = logLines().map((lines, i) => lines - linesBefore[i]);
  tally.served = served;
  const answered = [...statuses].map(([status, count]) => `${count}× ${status}`).join(', ');
  note(`load: ${options.requests} GETs in ${loadSeconds.toFixed(1)} s, answers ${answered}; served by A ${served[0]}, `
    + `by B ${served[1]}`);
  if (tally.errors > 5) fail(`(e) ${tally.errors} requests through nginx failed in all`);
  if (served.some((count) => count === 0)) {
    fail(`(e) a backend served none of the ${options.requests} requests (A ${served[0]}, B ${served[1]})`);
  }
  if (served[0] + served[1] !== options.requests) {
    fail(`(e) the access logs count ${served[0] + served[1]} answers, not the ${options.requests} requests sent`);
  }
  // Request ids are unique within one process run: two processes started in the same second share them.
  const idsOf = (server) => new Set(accessLines(server).map((line) => line.trim().split(' ').pop()));
  const [idsA, idsB] = servers.map(idsOf);
  const shared = [...idsA].filter((id) => idsB.has(id));
  if (shared.length > 0) {
    note(`note: ${shared.length} request ids (X-Request-Id, the access log, the audit log) were given by both A and B, `
      + `e.g. ${shared.slice(0, 3).join(', ')}: a request id does not tell which process answered`);
  }

  // The end: nginx and both servers stop cleanly, and no sanitizer spoke.
  await nginx.stop('SIGQUIT');
  for (const [i, server] of servers.entries()) {
    const status = await server.stop();
    const output = tail(server.log, Infinity);
    const report = output.search(/ERROR: (Address|Undefined|Leak)Sanitizer|runtime error:/);
    if (report >= 0) {
      // The head of the report (what, where, freed where), each line cut short: the folder may not be kept.
      const lines = output.slice(report).split('\n').filter((line) => !/^\s*(0x|Shadow|=>)/.test(line));
      fail(`server ${'AB'[i]} ended with a sanitizer report (exit ${JSON.stringify(status)}):\n`
        + lines.slice(0, 40).map((line) => line.slice(0, 220)).join('\n'));
    } else if (!(status.code === 0 || status.signal === 'SIGTERM')) {
      fail(`server ${'AB'[i]} did not stop cleanly on SIGTERM: ${JSON.stringify(status)}:\n${tail(server.log)}`);
    }
  }

  console.log(lastLine());
  return tally.failures.length > 0 ? 1 : 0;
}

main().then((status) => process.exit(status), (error) => {
  // Before the checks began, the script could not begin (2); after, a check could not finish (1).
  console.error(`${NAME}: ${tally.checking ? 'could not finish' : 'could not begin'}: ${error.stack || error.message}`);
  if (tally.checking) console.log(lastLine(`stopped by: ${error.message.split('\n')[0]}`));
  process.exit(tally.checking ? 1 : 2);
});
