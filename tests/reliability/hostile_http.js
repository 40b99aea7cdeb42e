'use strict';
// Hostile HTTP (issue 18, item 4B): how does `khetane serve` answer requests no browser sends?
//
//   scripts/hostile-http [--slowloris-connections N] [--slowloris-seconds S] [--only PATTERN] [--verbose]
//
// Starts `khetane serve` on a fresh SQLite database and sends, over plain sockets (node `net`; no browser, no HTTP
// library that would tidy the bytes up):
//   - path traversal, raw and encoded (../, %2e%2e%2f, double-encoded, backslashes, %00, overlong UTF-8 %c0%ae, ...)
//     under /static/ and under every route that serves files, found by reading the routes in src/modules/*/ (GET
//     routes whose address speaks of files, static, downloads, guides, exports) and src/web/site.cpp (the static
//     prefix). Every answer must be a 4xx and must not contain /etc/passwd, the database or any file of the checkout
//     outside static/;
//   - oversized requests: one 100 KB header, 1,000 headers, a 100 KB address, a body over 32 MiB to /signin and to
//     another form route (with Content-Length and chunked): the issue wants 431, 414 and 413 answers, not a closed
//     connection;
//   - malformed requests: an obs-fold continuation line, no Host, a space before the colon must be refused with a 400
//     (RFC 9112 §5.2, §3.2, §5.1); the rest are as the HTTP library the server is built on (RESTinio 0.6 over
//     libhttp-parser 2.9) makes them, by design (docs/SECURITY.md): ambiguous framing (two Content-Length that differ,
//     Content-Length with chunked) and chunk sizes its parser rejects end in a connection closed without an answer,
//     and bare LF line endings and a chunk size followed by junk are accepted as the parser reads them;
//   - slowloris: 200 connections trickle a header one byte a second for 30 s while a normal client keeps fetching /;
//     every normal request must be served (its p50/p99 are measured), and /healthz must answer 200 afterwards.
// Each case expects either an answer (a status, or any 4xx) or `closed` (the connection closed or reset without an
// answer: nothing served), and has a short note saying why when that is so by design. Each case prints what the server
// answered (a status, "closed without answer", "reset" or "no answer in N s"), whether that is what it expects, and
// the note of a case that is so by design; then which cases got an answer and which a closed connection. It ends with
// one line of figures (how many cases are as expected, how many of them closed or accepted by design) and exits 1 when
// a case is not as expected, 2 when it could not begin.
//
// Binary: env KHETANE_BINARY (scripts/hostile-http defaults it to build/release/khetane); KHETANE_LOCALE_DIR is passed
// on. The server and its temporary folder go away on every exit (also on Ctrl-C).

const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { repoRoot, startServer } = require('../e2e/support/server');
const { wholeNumber, readOptions, beginScript } = require('./script_support');

const CASE_TIMEOUT_MS = 15_000; // an answer slower than this (the server's read timeout is 30 s) counts as none
const NORMAL_REQUEST_TIMEOUT_MS = 10_000;
const SLOWLORIS_WATCH_MS = 5_000; // after the attack, how long the trickling goes on to see whether the server ends it
const CONCURRENT_CASES = 4;
const FILE_ROUTE_WORDS = /files|static|download|attachment|photo|image|media|guides|export/i;

// ---------------------------------------------------------------------------------------------------------- options

function usage() {
  return `usage: scripts/hostile-http [OPTIONS]
  --slowloris-connections N   trickling connections (default 200)
  --slowloris-seconds S       how long they trickle (default 30)
  --only PATTERN              run only the cases whose name contains PATTERN (slowloris is a case too)
  --verbose                   print the first bytes of each answer
env: KHETANE_BINARY (default build/release/khetane), KHETANE_LOCALE_DIR`;
}

function parseOptions(argv) {
  const options = { slowConnections: 200, slowSeconds: 30, only: null, verbose: false };
  readOptions(argv, usage, (name, value) => {
    switch (name) {
      case '--slowloris-connections': options.slowConnections = wholeNumber(name, value(), 1); break;
      case '--slowloris-seconds': options.slowSeconds = wholeNumber(name, value(), 1); break;
      case '--only': options.only = value(); break;
      case '--verbose': options.verbose = true; break;
      default: return false;
    }
  });
  return options;
}

// ------------------------------------------------------------------------------------------------------ raw client

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Parses what came back: {status, headers, body} once a whole answer is there, else null. */
function parseAnswer(bytes) {
  let end = bytes.indexOf('\r\n\r\n');
  let separator = 4;
  if (end < 0) { end = bytes.indexOf('\n\n'); separator = 2; }
  if (end < 0) return null;
  const head = bytes.subarray(0, end).toString('latin1').split(/\r?\n/);
  const statusLine = head[0].match(/^HTTP\/\d\.\d (\d{3})/);
  if (!statusLine) return { status: null, headers: {}, body: bytes, complete: true, garbage: true };
  const headers = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = bytes.subarray(end + separator);
  let complete = false;
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    complete = body.length >= length;
    body = body.subarray(0, length);
  } else if (/chunked/i.test(headers['transfer-encoding'] || '')) {
    const parts = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf('\r\n', at);
      if (lineEnd < 0) break;
      const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size)) break;
      if (size === 0) { complete = true; break; }
      if (body.length < lineEnd + 2 + size) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status: Number(statusLine[1]), headers, body, complete };
}

/**
 * Sends `chunks` (Buffers or strings, or a function writing to the socket) to the server and waits for one answer.
 * Returns {outcome, status, headers, body, ms}: outcome is "answered", "closed" (closed without an answer),
 * "reset" (reset without an answer) or "timeout".
 */
function exchange(server, send, { timeoutMs = CASE_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect({ host: server.host, port: server.port });
    let received = Buffer.alloc(0);
    let settled = false;
    let writeError = null;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const answer = parseAnswer(received);
      if (answer && answer.status) {
        resolve({ outcome: 'answered', status: answer.status, headers: answer.headers, body: answer.body,
          ms: Date.now() - started, writeError });
        return;
      }
      resolve({ outcome: received.length ? 'garbage' : outcome, status: null, headers: {}, body: received,
        ms: Date.now() - started, writeError });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', (data) => {
      received = Buffer.concat([received, data]);
      const answer = parseAnswer(received);
      if (answer && answer.complete) finish('answered');
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', (error) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
        writeError = error.code;
        // Whatever the server said before it reset the connection is still worth reading: wait for 'close'.
        if (error.code === 'ECONNRESET') finish(received.length ? 'answered' : 'reset');
        return;
      }
      finish('reset');
    });
    socket.on('connect', async () => {
      try {
        if (typeof send === 'function') {
          await send(socket, () => settled);
        } else {
          for (const chunk of [].concat(send)) {
            if (settled) break;
            if (!socket.write(chunk)) await drained(socket);
          }
        }
      } catch (error) {
        writeError = error.code || error.message;
      }
    });
  });
}

/** Resolves when the socket can take more, or is closed. */
function drained(socket) {
  return new Promise((resolve) => {
    const done = () => { socket.off('drain', done); socket.off('close', done); resolve(); };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

/** Writes `total` bytes of `byte` in 64 KiB pieces, stopping when the exchange is over. */
async function writeMany(socket, isOver, total, byte = 'a') {
  const piece = Buffer.alloc(64 * 1024, byte);
  for (let sent = 0; sent < total && !isOver() && !socket.destroyed; sent += piece.length) {
    const part = sent + piece.length <= total ? piece : piece.subarray(0, total - sent);
    if (!socket.write(part)) await drained(socket);
  }
}

// ------------------------------------------------------------------------------------------------------ file routes

/** GET routes of the modules (and the static prefix) that serve files, as address prefixes to put a traversal after. */
function fileRoutePrefixes() {
  const sources = [];
  const walk = (directory) => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.cpp') && !entry.name.endsWith('_test.cpp')) sources.push(full);
    }
  };
  walk(path.join(repoRoot, 'src', 'modules'));
  const routes = new Set();
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\.Get\(\s*"([^"]+)"/g)) routes.add(match[1]);
  }
  const site = fs.readFileSync(path.join(repoRoot, 'src', 'web', 'site.cpp'), 'utf8');
  const staticPrefix = site.match(/static_files_\(\s*"([^"]+)"/)?.[1] ?? '/static/';
  const prefixes = new Map([[staticPrefix, 'static files']]);
  for (const route of [...routes].filter((r) => FILE_ROUTE_WORDS.test(r)).sort()) {
    // Integer parameters become 1; the prefix ends at the last "/" before any other parameter (or the last part).
    const concrete = route.replace(/\{[a-z_]+:int\}/g, '1');
    const parameter = concrete.indexOf('{');
    const upTo = parameter >= 0 ? concrete.slice(0, parameter) : concrete;
    const prefix = upTo.slice(0, upTo.lastIndexOf('/') + 1);
    if (!prefixes.has(prefix)) prefixes.set(prefix, route);
  }
  return prefixes;
}

// What must never be in an answer: /etc/passwd, the database, files of the checkout outside static/.
function secretsOf(server) {
  const secrets = [{ name: '/etc/passwd', pattern: /root:[^:\n]*:0:0:/ }];
  const firstBytes = (file, count = 80) => {
    try {
      const text = fs.readFileSync(file).subarray(0, count).toString('latin1');
      return text.length >= 16 ? text : null;
    } catch { return null; }
  };
  for (const relative of ['CMakeLists.txt', 'src/main.cpp', 'templates/layout.mustache', 'scripts/setup',
    'src/web/site.cpp']) {
    const start = firstBytes(path.join(repoRoot, relative));
    if (start) secrets.push({ name: relative, text: start });
  }
  secrets.push({ name: 'the SQLite database', text: 'SQLite format 3\u0000' });
  if (server.database) secrets.push({ name: server.database, text: 'SQLite format 3' });
  return secrets;
}

function leakIn(body, secrets) {
  const text = body.toString('latin1');
  return secrets.filter((s) => (s.pattern ? s.pattern.test(text) : text.includes(s.text))).map((s) => s.name);
}

// ------------------------------------------------------------------------------------------------------------ cases

const request = (target, { method = 'GET', headers = [], body = '', eol = '\r\n', host = true } = {}) => {
  const lines = [`${method} ${target} HTTP/1.1`];
  if (host) lines.push('Host: 127.0.0.1');
  lines.push(...headers, 'Connection: close');
  return Buffer.from(`${lines.join(eol)}${eol}${eol}${body}`, 'latin1');
};

function traversalCases(prefixes, database) {
  const up = '../'.repeat(8);
  const full = [
    ['raw ../', `${up}etc/passwd`],
    ['raw .. from inside', `x/../../../../../../../etc/passwd`],
    ['%2e%2e%2f', `${'%2e%2e%2f'.repeat(8)}etc%2fpasswd`],
    ['%2e%2e/ mixed', `${'%2e%2e/'.repeat(8)}etc/passwd`],
    ['..%2f', `${'..%2f'.repeat(8)}etc%2fpasswd`],
    ['double-encoded %252e%252e%252f', `${'%252e%252e%252f'.repeat(8)}etc%252fpasswd`],
    ['backslashes ..\\', `${'..\\'.repeat(8)}etc\\passwd`],
    ['encoded backslashes ..%5c', `${'..%5c'.repeat(8)}etc%5cpasswd`],
    ['NUL after the name', `${up}etc/passwd%00.css`],
    ['NUL inside a static name', `app.css%00/${up}etc/passwd`],
    ['overlong UTF-8 %c0%ae%c0%ae/', `${'%c0%ae%c0%ae/'.repeat(8)}etc/passwd`],
    ['overlong UTF-8 ..%c0%af', `${'..%c0%af'.repeat(8)}etc%c0%afpasswd`],
    ['absolute path', '/etc/passwd'],
    ['encoded absolute path', '%2fetc%2fpasswd'],
    ['....//', `${'....//'.repeat(8)}etc/passwd`],
    ['checkout file ../CMakeLists.txt', '../CMakeLists.txt'],
    ['checkout file ../templates/layout.mustache', '../templates/layout.mustache'],
    ['checkout file ..%2fsrc%2fmain.cpp', '..%2fsrc%2fmain.cpp'],
    ['the database', `${up.slice(0, -1)}${database}`],
  ];
  const core = ['raw ../', '%2e%2e%2f', 'double-encoded %252e%252e%252f', 'backslashes ..\\', 'NUL after the name',
    'overlong UTF-8 %c0%ae%c0%ae/', 'checkout file ../CMakeLists.txt'];
  const cases = [];
  let first = true;
  for (const [prefix, route] of prefixes) {
    for (const [name, rest] of full) {
      if (!first && !core.includes(name)) continue;
      const target = `${prefix}${rest}`;
      cases.push({
        name: `traversal ${prefix} ${name}`, group: 'traversal', route, expected: '4xx', note: TRAVERSAL_NOTE,
        summary: `GET ${target.length > 90 ? `${target.slice(0, 90)}…` : target}`,
        send: request(target), traversal: true,
      });
    }
    first = false;
  }
  // From the root too, where no route serves files.
  cases.push({
    name: 'traversal / %2e%2e%2f', group: 'traversal', route: '/', expected: '4xx', note: TRAVERSAL_NOTE,
    summary: `GET /${'%2e%2e%2f'.repeat(8)}etc%2fpasswd`, send: request(`/${'%2e%2e%2f'.repeat(8)}etc%2fpasswd`),
    traversal: true,
  });
  return cases;
}

// ---------------------------------------------------------------------------------------------------- expectations
//
// A case's `expected` is a status (200), a list of them, "4xx" (any client error), or CLOSED: the connection closed
// (or reset) without an answer, nothing served. Its `note` says why; `design` marks the cases that are what they are
// because of the HTTP library the server is built on ("closed" or "accepted"), counted apart in the last line.

const CLOSED = 'closed';
const TRAVERSAL_NOTE = 'a 4xx, and nothing outside static/ in the answer';
const CLOSED_BY_DESIGN = {
  expected: CLOSED, design: 'closed',
  note: 'RESTinio 0.6 closes a request its parser rejects without an answer (docs/SECURITY.md)',
};
const acceptedByDesign = (status) => ({
  expected: status, design: 'accepted',
  note: 'accepted by libhttp-parser 2.9, as RFC 9112 §2.2 permits for bare LF; nginx in front reads them alike '
    + '(docs/SECURITY.md)',
});

/** Whether `result` (from exchange()) is what `expected` says. */
function meets(expected, result) {
  if (expected === CLOSED) return result.outcome === 'closed' || result.outcome === 'reset';
  if (result.outcome !== 'answered') return false;
  return [].concat(expected).some((status) => (status === '4xx'
    ? result.status >= 400 && result.status < 500
    : result.status === status));
}

function expectedText(expected) {
  if (expected === CLOSED) return 'closed without an answer';
  return [].concat(expected).map((status) => (status === '4xx' ? 'a 4xx' : String(status))).join(' or ');
}

const TOO_LARGE_HEADERS = '431 Request Header Fields Too Large (RFC 6585 §5), not a closed connection';
const TOO_LONG_ADDRESS = '414 URI Too Long (RFC 9110 §15.5.15), not a closed connection';
const TOO_LARGE_BODY = '413 Content Too Large (RFC 9110 §15.5.14), not a closed connection';

function oversizedCases() {
  const big = 33 * 1024 * 1024; // over the 32 MiB limit of files, so over every limit
  const bodyTo = (route, chunked) => (socket, isOver) => {
    const head = [`POST ${route} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/x-www-form-urlencoded',
      chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${big}`, 'Connection: close', '', ''].join('\r\n');
    socket.write(head);
    if (!chunked) return writeMany(socket, isOver, big);
    return (async () => {
      const piece = 1024 * 1024;
      for (let sent = 0; sent < big && !isOver() && !socket.destroyed; sent += piece) {
        socket.write(`${piece.toString(16)}\r\n`);
        await writeMany(socket, isOver, piece);
        if (!socket.write('\r\n')) await drained(socket);
      }
      if (!isOver() && !socket.destroyed) socket.write('0\r\n\r\n');
    })();
  };
  return [
    { name: 'one 100 KB header', expected: 431, note: TOO_LARGE_HEADERS,
      send: request('/', { headers: [`X-Big: ${'a'.repeat(100 * 1024)}`] }) },
    { name: '1,000 headers', expected: 431, note: TOO_LARGE_HEADERS,
      send: request('/', { headers: Array.from({ length: 1000 }, (_, i) => `X-Header-${i}: value ${i}`) }) },
    { name: '100 KB address (query)', expected: 414, note: TOO_LONG_ADDRESS,
      send: request(`/places/search?q=${'a'.repeat(100 * 1024)}`) },
    { name: '100 KB address (path)', expected: 414, note: TOO_LONG_ADDRESS,
      send: request(`/${'a'.repeat(100 * 1024)}`) },
    { name: '33 MiB body to /signin (Content-Length)', expected: 413, note: TOO_LARGE_BODY,
      send: bodyTo('/signin', false) },
    { name: '33 MiB body to /password-reset (Content-Length)', expected: 413, note: TOO_LARGE_BODY,
      send: bodyTo('/password-reset', false) },
    { name: '33 MiB chunked body to /signin', expected: 413, note: TOO_LARGE_BODY, send: bodyTo('/signin', true) },
  ].map((c) => ({ group: 'oversized', summary: c.name, ...c }));
}

const OBS_FOLD = 'RFC 9112 §5.2: a server must refuse obs-fold with 400 (or unfold it)';

function malformedCases() {
  const post = (headers, body) => request('/signin', { method: 'POST', headers: ['Content-Type: application/x-www-form-urlencoded', ...headers], body });
  return [
    { name: 'control: a well-formed GET /', expected: 200, note: 'a request a browser sends is served',
      send: request('/') },
    { name: 'obs-fold continuation line', expected: 400, note: OBS_FOLD,
      send: request('/', { headers: ['X-Folded: first', ' second line'] }) },
    // After an empty value the parser takes the fold for the spaces before the value: the value is unfolded, as
    // RFC 9112 §5.2 also permits (and nginx in front refuses the line).
    { name: 'obs-fold continuing Host', expected: 200, design: 'accepted',
      note: 'unfolded by libhttp-parser 2.9 (the fold after an empty value is read as leading spaces), as RFC 9112 §5.2 '
        + 'permits (docs/SECURITY.md)',
      send: Buffer.from('GET / HTTP/1.1\r\nHost:\r\n 127.0.0.1\r\nConnection: close\r\n\r\n') },
    // GET / read as if its lines ended in CRLF: the page, 200.
    { name: 'bare LF line endings', ...acceptedByDesign(200),
      send: request('/', { eol: '\n' }) },
    { name: 'bare LF in one header line', ...acceptedByDesign(200),
      send: Buffer.from('GET / HTTP/1.1\r\nHost: 127.0.0.1\nX-A: b\r\nConnection: close\r\n\r\n') },
    { name: 'two Content-Length headers that differ', ...CLOSED_BY_DESIGN,
      send: post(['Content-Length: 5', 'Content-Length: 6'], 'a=1&b') },
    { name: 'Content-Length with Transfer-Encoding: chunked', ...CLOSED_BY_DESIGN,
      send: post(['Content-Length: 4', 'Transfer-Encoding: chunked'], '3\r\na=1\r\n0\r\n\r\n') },
    { name: 'chunk size not hexadecimal (zz)', ...CLOSED_BY_DESIGN,
      send: post(['Transfer-Encoding: chunked'], 'zz\r\na=1\r\n0\r\n\r\n') },
    { name: 'negative chunk size (-1)', ...CLOSED_BY_DESIGN,
      send: post(['Transfer-Encoding: chunked'], '-1\r\na=1\r\n0\r\n\r\n') },
    { name: 'chunk size over 64 bits', ...CLOSED_BY_DESIGN,
      send: post(['Transfer-Encoding: chunked'], 'fffffffffffffffffffff\r\na=1\r\n0\r\n\r\n') },
    // The parser reads "3 junk" as the size 3 and a chunk extension, so the form "a=1" reaches /signin, which refuses
    // a form without its CSRF token: 403.
    { name: 'chunk size followed by junk (3 junk)', ...acceptedByDesign(403),
      send: post(['Transfer-Encoding: chunked'], '3 junk\r\na=1\r\n0\r\n\r\n') },
    { name: 'no Host in HTTP/1.1', expected: 400,
      note: 'RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without Host',
      send: request('/', { host: false }) },
    { name: 'space before the colon (Host : x)', expected: 400,
      note: 'RFC 9112 §5.1: a server MUST reject whitespace between a field name and the colon with 400',
      send: Buffer.from('GET / HTTP/1.1\r\nHost : 127.0.0.1\r\nConnection: close\r\n\r\n') },
  ].map((c) => ({ group: 'malformed', summary: c.name, ...c }));
}

// -------------------------------------------------------------------------------------------------------- slowloris

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

function normalGet(server, target) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const done = (status, error) => resolve({ status, error, ms: Number(process.hrtime.bigint() - started) / 1e6 });
    const req = http.get({ host: server.host, port: server.port, path: target, agent: false,
      timeout: NORMAL_REQUEST_TIMEOUT_MS }, (res) => {
      res.on('data', () => {});
      res.on('end', () => done(res.statusCode, null));
      res.on('error', (error) => done(null, error.code || error.message));
    });
    req.on('timeout', () => { req.destroy(new Error(`no answer in ${NORMAL_REQUEST_TIMEOUT_MS / 1000} s`)); });
    req.on('error', (error) => done(null, error.code || error.message));
  });
}

async function slowloris(server, { connections, seconds }) {
  const sockets = [];
  const closedAt = [];
  const answeredSlow = [];
  let connectFailures = 0;
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, () => new Promise((resolve) => {
    const socket = net.connect({ host: server.host, port: server.port });
    socket.setNoDelay(true);
    socket.on('connect', () => {
      socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      sockets.push(socket);
      resolve();
    });
    socket.on('data', (data) => { answeredSlow.push(data.toString('latin1').split('\r\n')[0]); });
    socket.on('close', () => { if (!socket.ourClose) closedAt.push(Date.now() - started); });
    socket.on('error', () => { if (!sockets.includes(socket)) { connectFailures += 1; resolve(); } });
  })));
  const header = Buffer.from('X-Slowloris: ' + 'a'.repeat(200));
  let at = 0;
  const trickle = setInterval(() => {
    for (const socket of sockets) if (!socket.destroyed) socket.write(header.subarray(at % header.length, at % header.length + 1));
    at += 1;
  }, 1000);
  const normal = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    normal.push(await normalGet(server, '/'));
  }
  const attackMs = Date.now() - started;
  const stillOpen = sockets.filter((s) => !s.destroyed).length;
  // The trickle goes on a little longer: does the server end the connections itself (its read timeout)?
  const watchEnd = Date.now() + SLOWLORIS_WATCH_MS;
  while (Date.now() < watchEnd && sockets.some((s) => !s.destroyed)) await sleep(100);
  const openAfterWatch = sockets.filter((s) => !s.destroyed).length;
  clearInterval(trickle);
  for (const socket of sockets) { socket.ourClose = true; socket.destroy(); }
  await sleep(500);
  const health = await normalGet(server, '/healthz');
  const served = normal.filter((r) => r.status === 200);
  const times = served.map((r) => r.ms).sort((a, b) => a - b);
  const failed = normal.filter((r) => r.status !== 200);
  const closedSorted = closedAt.slice().sort((a, b) => a - b);
  const closedDuring = closedSorted.filter((ms) => ms <= attackMs).length;
  return {
    connections, attackS: attackMs / 1000, opened: sockets.length, connectFailures, stillOpen, openAfterWatch, closedByServer: closedAt.length,
    closedDuring,
    firstClosedS: closedSorted.length ? closedSorted[0] / 1000 : null,
    medianClosedS: closedSorted.length ? percentile(closedSorted, 50) / 1000 : null,
    answeredSlow: [...new Set(answeredSlow)].slice(0, 3),
    normal: normal.length, served: served.length, failed,
    p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1],
    health,
  };
}

// ------------------------------------------------------------------------------------------------------------ main

function describe(result) {
  switch (result.outcome) {
    case 'answered': return `${result.status} in ${result.ms} ms`;
    case 'closed': return `connection closed without answer (after ${result.ms} ms)`;
    case 'reset': return `connection reset without answer (after ${result.ms} ms)`;
    case 'timeout': return `no answer in ${CASE_TIMEOUT_MS / 1000} s`;
    case 'garbage': return `answer that is not HTTP: ${JSON.stringify(result.body.toString('latin1').slice(0, 60))}`;
    default: return result.outcome;
  }
}

async function main() {
  const started = Date.now();
  const options = beginScript('hostile-http', parseOptions, usage);
  let server = null;
  let stopping = null;
  const stop = () => {
    stopping ??= server ? server.stop() : Promise.resolve();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`hostile-http: ${signal}, cleaning up`);
      stop().catch(() => {}).finally(() => process.exit(130));
    });
  }

  const results = [];
  let slow = null;
  let stopProblem = null;
  try {
    server = await startServer();
    const address = new URL(server.url);
    server.host = address.hostname;
    server.port = Number(address.port);
    const prefixes = fileRoutePrefixes();
    console.log(`hostile-http: server at ${server.url}; file routes found: ${[...prefixes.entries()]
      .map(([prefix, route]) => `${prefix} (${route})`).join(', ')}`);
    const secrets = secretsOf(server);

    let cases = [...traversalCases(prefixes, server.database), ...oversizedCases(), ...malformedCases()];
    if (options.only) cases = cases.filter((c) => c.name.includes(options.only));
    // A few at a time; the big bodies one by one.
    const small = cases.filter((c) => !/MiB/.test(c.name));
    const large = cases.filter((c) => /MiB/.test(c.name));
    const runCase = async (c) => {
      const result = await exchange(server, c.send);
      const leaked = c.traversal || result.body?.length ? leakIn(result.body ?? Buffer.alloc(0), secrets) : [];
      const ok = meets(c.expected, result) && leaked.length === 0;
      results.push({ ...c, expect: expectedText(c.expected), result, leaked, ok });
      const mark = ok ? 'ok  ' : 'FAIL';
      console.log(`  ${mark} ${c.group.padEnd(9)} ${c.name}: ${describe(result)}; expected ${expectedText(c.expected)}`
        + `${c.design ? ` (${c.design} by design)` : ''}`
        + `${leaked.length ? `; ANSWER CONTAINS ${leaked.join(', ')}` : ''}`);
      // The note of a case that is so by design, always; of any other, when it is not as expected.
      if (c.note && (c.design || !ok)) console.log(`         note: ${c.note}`);
      if (options.verbose && result.body?.length) {
        console.log(`         ${JSON.stringify(result.body.toString('latin1').slice(0, 160))}`);
      }
      if (!ok && c.summary !== c.name) console.log(`         sent: ${c.summary}`);
    };
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENT_CASES }, async () => {
      while (next < small.length) await runCase(small[next++]);
    }));
    for (const c of large) await runCase(c);

    const health = await normalGet(server, '/healthz');
    if (health.status !== 200) {
      results.push({ name: 'server up after the cases', group: 'health', ok: false, expect: '200',
        result: { outcome: 'answered', status: health.status, ms: health.ms } });
      console.log(`  FAIL /healthz after the cases: ${health.status ?? health.error}`);
    }

    if (!options.only || 'slowloris'.includes(options.only)) {
      console.log(`hostile-http: slowloris: ${options.slowConnections} connections trickling a header for `
        + `${options.slowSeconds} s while a normal client fetches / ...`);
      slow = await slowloris(server, { connections: options.slowConnections, seconds: options.slowSeconds });
      const servedAll = slow.failed.length === 0 && slow.served > 0;
      console.log(`  ${servedAll ? 'ok  ' : 'FAIL'} slowloris normal requests: ${slow.served} of ${slow.normal} served, `
        + `p50 ${slow.p50.toFixed(1)} ms, p99 ${slow.p99.toFixed(1)} ms, max ${slow.max?.toFixed(1)} ms`
        + `${slow.failed.length ? `; failed: ${[...new Set(slow.failed.map((f) => f.status ?? f.error))].join(', ')}` : ''}`);
      console.log(`       trickling connections: ${slow.opened} opened (${slow.connectFailures} refused), `
        + `${slow.closedDuring} closed by the server during the attack (${slow.attackS.toFixed(1)} s), ${slow.stillOpen} open at its end; `
        + `${slow.closedByServer} closed by the server by ${SLOWLORIS_WATCH_MS / 1000} s later`
        + `${slow.closedByServer ? ` (first after ${slow.firstClosedS.toFixed(1)} s, median ${slow.medianClosedS.toFixed(1)} s)` : ''}, `
        + `${slow.openAfterWatch} still open then`
        + `${slow.answeredSlow.length ? `; answers they got: ${slow.answeredSlow.join(' | ')}` : '; none got an answer'}`);
      console.log(`  ${slow.health.status === 200 ? 'ok  ' : 'FAIL'} /healthz after the attack: `
        + `${slow.health.status ?? slow.health.error} in ${slow.health.ms.toFixed(1)} ms`);
      results.push({ name: 'slowloris: every normal request served', group: 'slowloris', ok: servedAll,
        expect: 'all 200', result: { outcome: 'answered', status: servedAll ? 200 : null } });
      results.push({ name: 'slowloris: /healthz 200 afterwards', group: 'slowloris', ok: slow.health.status === 200,
        expect: '200', result: { outcome: 'answered', status: slow.health.status } });
    }
  } catch (error) {
    console.error(`hostile-http: could not finish: ${error.stack || error.message}`);
    if (server) console.error(`server log (tail):\n${server.log().slice(-3000)}`);
    await stop().catch(() => {});
    process.exit(2);
  }
  try {
    await stop();
  } catch (error) {
    stopProblem = error.message;
  }

  const cases = results.filter((r) => r.group !== 'slowloris' && r.group !== 'health');
  const answered = cases.filter((r) => r.result.outcome === 'answered');
  const closed = cases.filter((r) => r.result.outcome !== 'answered');
  const failures = results.filter((r) => !r.ok);
  const byDesign = (design) => results.filter((r) => r.ok && r.design === design).length;
  const traversalsServed = results.filter((r) => r.leaked?.length).length;
  console.log('');
  const byStatus = new Map();
  for (const r of answered) byStatus.set(r.result.status, (byStatus.get(r.result.status) ?? 0) + 1);
  console.log(`hostile-http: answered: ${answered.length} (${[...byStatus.entries()].sort((a, b) => a[0] - b[0])
    .map(([status, n]) => `${n}× ${status}`).join(', ')}); without an answer: ${closed.length}`
    + `${closed.length ? ` (${closed.map((r) => `${r.name}: ${describe(r.result)}`
      + `${r.design === 'closed' && r.ok ? ', by design' : ''}`).join('; ')})` : ''}`);
  if (failures.length) {
    console.log(`hostile-http: ${failures.length} not as expected:`);
    for (const r of failures) {
      console.log(`  ${r.name}: got ${r.result ? describe(r.result) : '?'}, expected ${r.expect}`
        + `${r.leaked?.length ? ` (answer contains ${r.leaked.join(', ')})` : ''}`);
    }
  }
  if (stopProblem) console.log(`hostile-http: the server did not stop cleanly: ${stopProblem.split('\n')[0]}`);
  const failureCount = failures.length + (stopProblem ? 1 : 0);
  const slowText = slow
    ? `slowloris: ${slow.connections} connections, ${slow.served} normal requests served, p99 ${Math.round(slow.p99)} ms`
    : 'slowloris: not run';
  console.log(`hostile-http: ${results.length} cases, ${results.length - failures.length} as expected `
    + `(${byDesign('closed')} closed by design, ${byDesign('accepted')} accepted by design), `
    + `${traversalsServed} traversals served, ${slowText}, ${failureCount} failures, `
    + `${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(failureCount ? 1 : 0);
}

main();
