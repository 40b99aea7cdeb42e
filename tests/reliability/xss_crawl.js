'use strict';
// Hostile input in a real browser (issue 18, item 4A): does any text a person can type into Khetane run as script?
//
//   scripts/xss-crawl [--max-pages N] [--roles visitor,cso_editor,...] [--jobs N] [--max-forms N] [--keep] [--verbose]
//
// Starts `khetane serve` on a fresh SQLite database with the demo data that every installation ships, adds one user
// per role (community monitor and CSO editor of an organisation in Лом, municipal official of Лом, regional
// coordinator of Монтана oblast, national coordinator, programme operator, administrator) and then, as a visitor and
// as each of them:
//   1. crawls the site from / over same-origin links (at most --max-pages answers a role, preferring addresses of a
//      shape not seen yet; links and forms that sign out, delete or end things are left alone), and finds every
//      <form method=post> on the pages it reads: no route is written here, so modules added later are covered;
//   2. submits each form (and each submit button with a formaction of its own) with every text-like field (input
//      text/search/email/url/tel/unknown type, textarea, file names) filled with payloads from
//      tests/reliability/xss_payloads.txt, rotated so that every payload is used: once with every text-like field,
//      once with email and tel fields valid (so that the rest is stored) and URL fields given the javascript:/data:
//      payloads; hidden fields (the CSRF token) as the page carries them, selects, radios and checkboxes at their
//      first valid value. Then once more with SQL and full-text metacharacters. GET forms get the same payloads in their query. Forms on the pages a submission
//      leads to are submitted too (up to --max-forms a role);
//   3. opens every page it crawled, every page a submission led to, and every form answer that repeats a payload
//      (replayed with its own headers, CSP included) in Chromium, with an init script that defines window.__xss (which
//      the payloads call), overrides alert/confirm/prompt and listens for securitypolicyviolation, and looks in the
//      page for markup that went through unescaped (<xss-probe>, on* attributes, javascript: links, a leaked CSRF
//      token from a mustache payload).
// Findings: a script that ran, a dialog, injected markup, a CSP violation, a console error or uncaught script error,
// any answer 5xx (and database error text in an answer), each printed with role, address, form, field and payload.
// It ends with one line of figures and exits 1 when there is a finding, 2 when it could not begin.
//
// Binary: env KHETANE_BINARY (scripts/xss-crawl defaults it to build/release/khetane); KHETANE_LOCALE_DIR is passed on.
// The temporary folder, the server and the browser go away on every exit (also on Ctrl-C).

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { repoRoot } = require('../e2e/support/server');
const { UsageError, wholeNumber, readOptions, beginScript } = require('./script_support');
const { khetane, addUser, beginStory, endStory } = require('../e2e/support/story');

const REQUEST_TIMEOUT_MS = 60_000; // a slow page under AddressSanitizer
const NAVIGATION_TIMEOUT_MS = 60_000;
const SETTLE_MS = 60; // after load: autofocus, ontoggle and the like fire
const MAX_REDIRECTS = 5;
const MAX_PER_SHAPE = 3; // addresses of one shape (/policies/items/N) crawled a role
const MAX_PER_QUERY_SHAPE = 2; // of one shape with the same query parameter names
const MAX_FORMS_PER_SHAPE = 2; // forms whose action has one shape, submitted a role
const SIBLINGS_FIRST = 4; // addresses under one parent (/indicators/*) crawled before others of that parent wait
const PAYLOAD_FILE = path.join(__dirname, 'xss_payloads.txt');

// Links and forms that would end the session, or delete, withdraw or end things: a word of their path (or of the
// submit button's name/value) is one of these.
const DESTRUCTIVE = new Set(['signout', 'sign-out', 'logout', 'log-out', 'delete', 'withdraw', 'revoke', 'erase',
  'remove', 'leave', 'hide', 'reject', 'cancel', 'close', 'end', 'archive', 'deactivate', 'disable', 'destroy']);

const SQL_PAYLOADS = [
  "'", '"', "''", "' OR '1'='1", '" OR "1"="1', "' OR 1=1 --", "'; DROP TABLE users; --", '1; SELECT 1', '--', ';',
  '/* comment', '%', '_', '%_%', '\\', "\\'", "' UNION SELECT NULL, NULL --", "' UNION SELECT name, sql FROM sqlite_master --",
  "1' AND 1=CAST((SELECT version()) AS INT) --", "%' AND '%'='", '`', "'||'", "x' COLLATE nocase --", 'a\u0000b',
  // full-text search syntax (FTS5 MATCH, tsquery)
  '"unterminated', 'NEAR(a b', 'title:x', '^x', 'x*', '(', ')', 'a AND', 'OR', 'NOT', '-x', '&|!', "a:* & !b",
  '*', '[', ']', '{', '}', '$1', '?', ':name', '@p', '0x7FFFFFFF', '-9223372036854775809', '1e999', 'NaN',
];
// Database error text that an answer should never show (none of it is in the payloads, which answers may repeat).
const DATABASE_ERROR_TEXT = new RegExp([
  'SQLITE_[A-Z]+', 'sqlite3_[a-z_]+', 'near "[^"]*": syntax error', 'unrecognized token:', 'no such (?:table|column):',
  'fts5: syntax error', 'malformed MATCH expression', 'syntax error at or near', 'unterminated quoted string',
  'invalid input syntax for', 'PQexec', 'SQL logic error',
].join('|'));

const ROLES = [
  { key: 'visitor' },
  { key: 'community_monitor', role: 'community_monitor', scope: 'organisation' },
  { key: 'cso_editor', role: 'cso_editor', scope: 'organisation' },
  { key: 'municipal_official', role: 'municipal_official', scope: 'municipality:MON24' },
  { key: 'regional_coordinator', role: 'coordinator', scope: 'oblast:MON' },
  { key: 'national_coordinator', role: 'coordinator', scope: 'installation' },
  { key: 'programme_operator', role: 'programme_operator', scope: 'installation' },
  { key: 'administrator', role: 'administrator', scope: 'installation' },
];

// ---------------------------------------------------------------------------------------------------------- options

function usage() {
  return `usage: scripts/xss-crawl [OPTIONS]
  --max-pages N     answers crawled per role (default 80)
  --max-forms N     POST forms submitted per role, counting those found after a submission (default 80)
  --roles LIST      comma-separated, from: ${ROLES.map((r) => r.key).join(', ')} (default: all)
  --jobs N          roles crawled and checked at once (default 2)
  --keep            keep the temporary folder (database) for a look afterwards
  --verbose         print each address crawled and each form submitted, with the answer's status
env: KHETANE_BINARY (default build/release/khetane), KHETANE_LOCALE_DIR`;
}

function parseOptions(argv) {
  const options = { maxPages: 80, maxForms: 80, roles: ROLES.map((r) => r.key), jobs: 2, keep: false };
  readOptions(argv, usage, (name, value) => {
    switch (name) {
      case '--max-pages': options.maxPages = wholeNumber(name, value(), 1); break;
      case '--max-forms': options.maxForms = wholeNumber(name, value(), 0); break;
      case '--jobs': options.jobs = wholeNumber(name, value(), 1); break;
      case '--keep': options.keep = true; break;
      case '--verbose': options.verbose = true; break;
      case '--roles': {
        const wanted = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = wanted.filter((key) => !ROLES.some((r) => r.key === key));
        if (wanted.length === 0 || unknown.length > 0) {
          throw new UsageError(`--roles: unknown role(s) ${unknown.join(', ') || '(none given)'}`);
        }
        options.roles = wanted;
        break;
      }
      default: return false;
    }
  });
  return options;
}

// --------------------------------------------------------------------------------------------------------- payloads

function readPayloads() {
  const lines = fs.readFileSync(PAYLOAD_FILE, 'utf8').split('\n').map((line) => line.replace(/\r$/, ''));
  const payloads = lines.filter((line) => line.length > 0 && !line.startsWith('#'));
  if (payloads.length === 0) throw new Error(`no payloads in ${PAYLOAD_FILE}`);
  return payloads;
}

/**
 * Hands out payloads in turn; each use gets a number of its own (XID in the corpus), remembered with where it went,
 * so that a finding can say which form, field and payload caused it.
 */
class PayloadSource {
  constructor(xss, sql) {
    this.xss = xss;
    this.sql = sql;
    this.next = { xss: 0, sql: 0, url: 0 };
    this.used = new Array(xss.length).fill(0);
    this.uses = new Map(); // use id -> {payloadIndex, ...where}
    this.nextId = 100000; // six digits: not a year or a count that happens to be in a page
    this.urlPayloads = xss.map((p, i) => [p, i]).filter(([p]) => /^\s*(javascript|vbscript|data|java\s|jav&|&#|\/\/|https?:)/i.test(p))
      .map(([, i]) => i);
  }

  take(kind, where) {
    if (kind === 'sql') {
      const text = this.sql[this.next.sql++ % this.sql.length];
      return { text, id: null };
    }
    const index = kind === 'url'
      ? this.urlPayloads[this.next.url++ % this.urlPayloads.length]
      : this.next.xss++ % this.xss.length;
    const id = this.nextId++;
    this.used[index] += 1;
    this.uses.set(id, { payloadIndex: index, ...where });
    return { text: this.xss[index].replaceAll('XID', String(id)), id };
  }

  describe(id) {
    const use = this.uses.get(Number(id));
    if (!use) return `payload use ${id} (unknown)`;
    return `${use.method} ${use.action} (form on ${use.source}) as ${use.role}, field "${use.field}", payload `
      + `#${use.payloadIndex + 1} ${JSON.stringify(this.xss[use.payloadIndex])}`;
  }
}

// ---------------------------------------------------------------------------------------------------------- helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const thousands = (n) => n.toLocaleString('en-GB');

/** Runs `work(item)` over `items`, `jobs` at a time. */
async function eachLimited(items, jobs, work) {
  let at = 0;
  const workers = Array.from({ length: Math.min(jobs, items.length) }, async () => {
    while (at < items.length) {
      const item = items[at++];
      await work(item);
    }
  });
  await Promise.all(workers);
}

/** "/sign-out" -> ["sign-out", "sign", "out"]: the words of a path part, hyphenated ones whole and in pieces. */
function wordsOf(text) {
  let decoded = text;
  try { decoded = decodeURIComponent(text); } catch { /* as it is */ }
  return decoded.toLowerCase().split(/[^a-z-]+/).flatMap((w) => [w, ...w.split('-')]).filter(Boolean);
}

function isDestructive(url, extra = '') {
  let target;
  try { target = new URL(url); } catch { return true; }
  const words = [...target.pathname.split('/'), ...extra.split(/[\s=]+/)].flatMap((part) => wordsOf(part));
  return words.some((word) => DESTRUCTIVE.has(word));
}

/**
 * /policies/items/17/edit -> /policies/items/N/edit: a path part with a digit in it (an id, a place code such as MON24
 * or BE-44021, a hash) or a long token stands for any such part.
 */
function shapeOf(url) {
  const { pathname } = new URL(url);
  return pathname.split('/').map((part) => (/\d/.test(part) && !/\.[a-z]+$/i.test(part) ? 'N'
    : /^[A-Za-z0-9_-]{32,}$/.test(part) ? 'T' : part)).join('/');
}

function queryShapeOf(url) {
  const target = new URL(url);
  return `${shapeOf(url)}?${[...new Set([...target.searchParams.keys()])].sort().join('&')}`;
}

const isHtml = (contentType) => /text\/html|application\/xhtml/i.test(contentType || '');

// What the crawl reads from a page, in the browser's own parser (a DOMParser document runs no script).
function extractFromHtml({ html, base }) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const absolute = (value) => { try { return new URL(value, base).href; } catch { return null; } };
  const links = [];
  // A link with hreflang switches the interface language: the same pages again, in another language.
  for (const link of doc.querySelectorAll('a[href]:not([hreflang]), area[href]')) {
    const href = absolute(link.getAttribute('href'));
    if (href) links.push(href);
  }
  const forms = [];
  for (const form of doc.querySelectorAll('form')) {
    const fields = [];
    for (const element of form.elements) {
      const tag = element.tagName.toLowerCase();
      if (tag === 'fieldset' || tag === 'output' || tag === 'object') continue;
      let type = tag;
      if (tag === 'input') type = (element.getAttribute('type') || 'text').toLowerCase();
      if (tag === 'button') type = (element.getAttribute('type') || 'submit').toLowerCase();
      fields.push({
        tag, type,
        name: element.getAttribute('name') || '',
        value: tag === 'textarea' ? element.textContent : (element.getAttribute('value') ?? (tag === 'button' ? '' : null)),
        checked: element.hasAttribute('checked'),
        disabled: element.disabled,
        multiple: element.hasAttribute('multiple'),
        accept: element.getAttribute('accept') || '',
        min: element.getAttribute('min'),
        max: element.getAttribute('max'),
        step: element.getAttribute('step'),
        label: (element.labels?.[0]?.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 60),
        text: tag === 'button' ? element.textContent.trim().slice(0, 40) : '',
        formaction: element.getAttribute('formaction'),
        formmethod: element.getAttribute('formmethod'),
        formenctype: element.getAttribute('formenctype'),
        options: tag === 'select' ? [...element.options].map((o) => ({
          value: o.value, disabled: o.disabled, selected: o.hasAttribute('selected'),
        })) : undefined,
      });
    }
    forms.push({
      method: (form.getAttribute('method') || 'get').toLowerCase(),
      action: absolute(form.getAttribute('action') || base),
      enctype: (form.getAttribute('enctype') || 'application/x-www-form-urlencoded').toLowerCase(),
      fields,
    });
  }
  return { links, forms };
}

// Run in each page that is checked: markup that went through unescaped, and a leaked CSRF token.
function scanPage() {
  const found = [];
  const MARK = /__xss|alert\(|xss-probe|evil\.example/i;
  const snippet = (element) => element.outerHTML.slice(0, 240);
  const badScheme = (value) => /^(javascript|vbscript):|^data:text\/html/i.test(value.replace(/[\u0000-\u0020]/g, ''));
  for (const element of document.querySelectorAll('*')) {
    const tag = element.localName;
    if (tag === 'xss-probe') { found.push({ what: 'injected <xss-probe> element', html: snippet(element) }); continue; }
    if (['iframe', 'frame', 'object', 'embed'].includes(tag)) {
      found.push({ what: `injected <${tag}>`, html: snippet(element) });
      continue;
    }
    if (tag === 'base' && element.href && new URL(element.href).origin !== location.origin) {
      found.push({ what: 'injected <base>', html: snippet(element) });
    }
    if ((tag === 'script' || tag === 'style') && MARK.test(element.textContent)) {
      found.push({ what: `payload inside <${tag}>`, html: snippet(element) });
    }
    if ((tag === 'meta' || tag === 'link') && element.closest('body')) {
      found.push({ what: `injected <${tag}> in the body`, html: snippet(element) });
    }
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const { value } = attribute;
      if (name === 'data-xss-probe') found.push({ what: 'injected attribute data-xss-probe', html: snippet(element) });
      else if (name.startsWith('on') && MARK.test(value)) found.push({ what: `injected ${name} handler`, html: snippet(element) });
      else if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background', 'srcdoc'].includes(name)
        && (badScheme(value) || (name === 'srcdoc' && MARK.test(value)))) {
        found.push({ what: `${name}="${value.slice(0, 60)}"`, html: snippet(element) });
      }
    }
  }
  // {{csrf_token}} rendered as a template: the token shows in the page's text.
  const token = document.querySelector('input[name=csrf]')?.value;
  if (token && token.length >= 20 && document.body && document.body.innerText.includes(token)) {
    found.push({ what: 'the CSRF token is in the page text (template injection)', html: '' });
  }
  // Whether a payload is in the page as text (escaped): the check saw what it was meant to see.
  const shown = /__xss\(|xss-probe/.test(document.body?.innerText ?? '');
  return { found, shown };
}

// ------------------------------------------------------------------------------------------------------- the crawl

class Crawl {
  constructor({ options, server, browser, payloads }) {
    this.options = options;
    this.origin = new URL(server.url).origin;
    this.browser = browser;
    this.payloads = payloads;
    this.findings = [];
    this.counts = { pagesChecked: 0, postForms: 0, posts: 0, getForms: 0, fields: 0, fetched: 0, pagesShowingPayloads: 0 };
    this.parser = null;
  }

  /** Records a finding; the same one seen by several roles is one finding, listing the roles. */
  finding(kind, role, text, group = text) {
    const key = `${kind} ${group}`;
    const known = this.findings.find((f) => f.key === key);
    if (known) {
      if (!known.roles.includes(role)) known.roles.push(role);
      return;
    }
    this.findings.push({ kind, roles: [role], key, text });
    console.log(`  FINDING ${kind} [${role}] ${text}`);
  }

  async parse(html, base) {
    return this.parser.evaluate(extractFromHtml, { html, base });
  }

  sameOrigin(url) {
    try { return new URL(url).origin === this.origin; } catch { return false; }
  }

  /**
   * One request and its same-origin redirects through the role's context (its cookies). Returns the last answer
   * {url, status, contentType, text, headers} and records a 5xx anywhere on the way as a finding.
   */
  async request(state, url, { method = 'GET', data, multipart, headers, what }) {
    let current = url;
    let answer = null;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let response;
      try {
        response = await state.context.request.fetch(current, {
          method, data, multipart, headers, maxRedirects: 0, failOnStatusCode: false, timeout: REQUEST_TIMEOUT_MS,
        });
      } catch (error) {
        this.finding('no-answer', state.role.key, `${method} ${current} ${what ?? ''}: ${error.message.split('\n')[0]}`);
        return answer;
      }
      this.counts.fetched += 1;
      const status = response.status();
      const responseHeaders = response.headers();
      const contentType = responseHeaders['content-type'] || '';
      const body = await response.body();
      await response.dispose();
      const text = isHtml(contentType) || /text|json/.test(contentType) ? body.toString('utf8') : '';
      answer = { url: current, status, contentType, text, headers: responseHeaders, method };
      if (status >= 500) {
        this.finding('server-error', state.role.key, `${status} on ${method} ${current} ${what ?? ''}\n      answer: `
          + `${text.replace(/\s+/g, ' ').slice(0, 300)}`);
      } else if (text && DATABASE_ERROR_TEXT.test(text)) {
        const match = text.match(DATABASE_ERROR_TEXT)[0];
        this.finding('server-error', state.role.key, `database error text "${match}" in the ${status} answer to `
          + `${method} ${current} ${what ?? ''}`);
      }
      const location = responseHeaders.location;
      if (status >= 300 && status < 400 && location) {
        const next = new URL(location, current).href;
        if (!this.sameOrigin(next)) return answer;
        current = next;
        method = 'GET';
        data = undefined;
        multipart = undefined;
        headers = undefined;
        continue;
      }
      return answer;
    }
    return answer;
  }

  // -------------------------------------------------------------------------------------------------- sign in

  async signIn(state) {
    const { role } = state;
    if (!role.email) return;
    const page = await this.request(state, `${this.origin}/signin`, { what: '(sign-in form)' });
    const { forms } = await this.parse(page.text, page.url);
    const form = forms.find((f) => f.method === 'post' && new URL(f.action).pathname === '/signin');
    if (!form) throw new Error(`no sign-in form on ${page.url}`);
    const body = new URLSearchParams();
    for (const field of form.fields) {
      if (!field.name || field.type === 'submit') continue;
      if (field.type === 'email' || field.name === 'email') body.append(field.name, role.email);
      else if (field.type === 'password') body.append(field.name, role.password);
      else body.append(field.name, field.value ?? '');
    }
    const answer = await this.request(state, form.action, {
      method: 'POST', data: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      what: '(sign in)',
    });
    if (!(await this.signedIn(state))) {
      throw new Error(`${role.key} could not sign in (answer ${answer?.status} at ${answer?.url})`);
    }
  }

  async signedIn(state) {
    const answer = await this.request(state, `${this.origin}/account`, { what: '(session check)' });
    return answer && answer.status === 200 && new URL(answer.url).pathname === '/account';
  }

  // --------------------------------------------------------------------------------------------- 1. crawl

  async crawl(state) {
    const { options } = this;
    // The next address is the one most likely to show a new form: a shape not fetched yet; a page rather than data
    // (CSV, JSON, the API); one of few siblings fetched (not the tenth /indicators/SLUG); then the first found.
    const waiting = [{ url: `${this.origin}/`, order: 0 }];
    const seen = new Set([waiting[0].url]);
    const perShape = new Map();
    const perQueryShape = new Map();
    const perParent = new Map();
    const parentOf = (url) => shapeOf(url).replace(/\/[^/]*$/, '/*');
    let fetched = 0;
    let order = 0;
    const consider = (url) => {
      const target = new URL(url);
      target.hash = '';
      const href = target.href;
      if (!this.sameOrigin(href) || seen.has(href)) return;
      if (target.pathname.startsWith('/static/') || isDestructive(href, target.search)) return;
      seen.add(href);
      waiting.push({ url: href, order: ++order });
    };
    const looksLikeData = (url) => /\.(csv|xlsx|json|ics|xml|svg|pdf|zip|geojson)$|^\/api\//.test(new URL(url).pathname);
    const rank = ({ url, order: found }) => [perShape.get(shapeOf(url)) ?? 0, looksLikeData(url) ? 1 : 0,
      (perParent.get(parentOf(url)) ?? 0) >= SIBLINGS_FIRST ? 1 : 0, found];
    const before = (a, b) => {
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
      return false;
    };
    while (fetched < options.maxPages && waiting.length > 0) {
      let best = 0;
      let bestRank = rank(waiting[0]);
      for (let i = 1; i < waiting.length; i++) {
        const r = rank(waiting[i]);
        if (before(r, bestRank)) { best = i; bestRank = r; }
      }
      const { url } = waiting.splice(best, 1)[0];
      const shape = shapeOf(url);
      const queryShape = queryShapeOf(url);
      if ((perShape.get(shape) ?? 0) >= MAX_PER_SHAPE || (perQueryShape.get(queryShape) ?? 0) >= MAX_PER_QUERY_SHAPE) {
        continue;
      }
      perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
      perQueryShape.set(queryShape, (perQueryShape.get(queryShape) ?? 0) + 1);
      perParent.set(parentOf(url), (perParent.get(parentOf(url)) ?? 0) + 1);
      fetched += 1;
      const answer = await this.request(state, url, { what: '(crawl)' });
      if (this.options.verbose) console.log(`    ${state.role.key} GET ${url} -> ${answer?.status} ${answer?.url ?? ''}`);
      if (!answer) continue;
      if (!isHtml(answer.contentType) || !answer.text) continue;
      state.toCheck.add(answer.url);
      const { links, forms } = await this.parse(answer.text, answer.url);
      for (const link of links) consider(link);
      this.noteForms(state, forms, answer.url);
    }
    state.crawled = fetched;
  }

  /** Adds a page's forms (one entry per submit button with an action of its own) to the role's list. */
  noteForms(state, forms, source) {
    for (const form of forms) {
      const submitters = form.fields.filter((f) => (f.type === 'submit' || f.type === 'image') && !f.disabled);
      const variants = new Map();
      const add = (submitter) => {
        const action = submitter?.formaction ? new URL(submitter.formaction, source).href : form.action;
        const method = (submitter?.formmethod || form.method).toLowerCase();
        const enctype = (submitter?.formenctype || form.enctype).toLowerCase();
        const key = `${method} ${action} ${enctype}`;
        if (!variants.has(key)) variants.set(key, { ...form, action, method, enctype, submitter, source });
      };
      if (submitters.length === 0) add(null);
      for (const submitter of submitters) add(submitter);
      for (const variant of variants.values()) {
        if (!this.sameOrigin(variant.action)) continue;
        const buttonWords = variant.submitter ? `${variant.submitter.name}=${variant.submitter.value ?? ''}` : '';
        if (isDestructive(variant.action, buttonWords)) continue;
        if (variant.method === 'post') {
          const names = variant.fields.map((f) => f.name).filter(Boolean).sort().join(',');
          const signature = `${variant.action} ${names} ${buttonWords}`;
          if (state.formSignatures.has(signature)) continue;
          state.formSignatures.add(signature);
          state.postForms.push(variant);
        } else if (variant.method === 'get') {
          const signature = `${new URL(variant.action).pathname} ${variant.fields.map((f) => f.name).sort().join(',')}`;
          if (state.getSignatures.has(signature)) continue;
          state.getSignatures.add(signature);
          state.getForms.push(variant);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------ 2. submit

  /**
   * The entries a browser would send for `form`, with text-like fields filled by `fill(field, kind)`; kind is
   * "text" for any text-like field, or in the typed variant "email"/"tel"/"url" for such fields.
   */
  entriesOf(form, fill, typed) {
    const entries = [];
    const today = new Date().toISOString().slice(0, 10);
    const groupsDone = new Set();
    const groups = new Map();
    for (const field of form.fields) {
      if ((field.type === 'checkbox' || field.type === 'radio') && field.name) {
        if (!groups.has(field.name)) groups.set(field.name, []);
        groups.get(field.name).push(field);
      }
    }
    for (const field of form.fields) {
      if (!field.name || field.disabled) continue;
      switch (field.type) {
        case 'submit': case 'image': case 'button': case 'reset':
          if (field === form.submitter) entries.push([field.name, field.value ?? '']);
          break;
        case 'hidden':
          entries.push([field.name, field.value ?? '']);
          break;
        case 'checkbox': case 'radio': {
          if (groupsDone.has(field.name)) break;
          groupsDone.add(field.name);
          const group = groups.get(field.name).filter((f) => !f.disabled);
          const chosen = group.filter((f) => f.checked);
          const sent = field.type === 'radio' ? (chosen.length ? chosen.slice(0, 1) : group.slice(0, 1))
            : (chosen.length ? chosen : group.slice(0, 1));
          for (const each of sent) entries.push([each.name, each.value ?? 'on']);
          break;
        }
        case 'select': {
          const usable = (field.options || []).filter((o) => !o.disabled);
          const selected = usable.filter((o) => o.selected);
          const firstValid = usable.find((o) => o.value !== '') ?? usable[0];
          const sent = selected.length && selected.some((o) => o.value !== '') ? (field.multiple ? selected : selected.slice(0, 1))
            : (firstValid ? [firstValid] : []);
          for (const option of sent) entries.push([field.name, option.value]);
          break;
        }
        case 'number': case 'range':
          entries.push([field.name, field.value || field.min || '1']);
          break;
        case 'date':
          entries.push([field.name, field.value || today]);
          break;
        case 'datetime-local':
          entries.push([field.name, field.value || `${today}T10:00`]);
          break;
        case 'time':
          entries.push([field.name, field.value || '10:00']);
          break;
        case 'month':
          entries.push([field.name, field.value || today.slice(0, 7)]);
          break;
        case 'week':
          entries.push([field.name, field.value || `${today.slice(0, 4)}-W10`]);
          break;
        case 'color':
          entries.push([field.name, field.value || '#000000']);
          break;
        case 'password':
          entries.push([field.name, field.value ?? '']);
          break;
        case 'file':
          entries.push([field.name, { file: true, field }]);
          break;
        default: { // text, search, email, url, tel, textarea, an unknown type
          let kind = 'text';
          if (typed) {
            if (field.type === 'email' || /e-?mail/i.test(field.name)) kind = 'email';
            else if (field.type === 'tel' || /phone|tel/i.test(field.name)) kind = 'tel';
            else if (field.type === 'url' || /url|link|website|href/i.test(field.name)) kind = 'url';
          }
          entries.push([field.name, fill(field, kind)]);
        }
      }
    }
    return entries;
  }

  async submit(state, form, pass, typed) {
    const { role } = state;
    const payloads = this.payloads;
    const where = { role: role.key, method: form.method.toUpperCase(), action: form.action, source: form.source };
    const filled = [];
    const fill = (field, kind) => {
      const fieldName = field.name;
      if (pass === 'sql') {
        const { text } = payloads.take('sql');
        filled.push([fieldName, text]);
        this.counts.fields += 1;
        return text;
      }
      if (kind === 'email') return `xss-crawl+${crypto.randomBytes(3).toString('hex')}@example.org`;
      if (kind === 'tel') return '+359 888 123 456';
      const { text } = payloads.take(kind === 'url' ? 'url' : 'xss', { ...where, field: fieldName });
      filled.push([fieldName, text]);
      this.counts.fields += 1;
      return text;
    };
    const entries = this.entriesOf(form, fill, typed);
    const what = `(form on ${form.source}, ${pass}${typed ? ', typed' : ''})`;
    let answer;
    if (form.method === 'get') {
      const target = new URL(form.action);
      target.search = '';
      for (const [name, value] of entries) if (typeof value === 'string') target.searchParams.append(name, value);
      answer = await this.request(state, target.href, { what });
    } else if (form.enctype === 'multipart/form-data') {
      const data = new FormData();
      for (const [name, value] of entries) {
        if (typeof value === 'string') { data.append(name, value); continue; }
        const { field } = value;
        // The file's name carries a payload too; an image field gets the demo photo.
        const image = /image|jpe?g|png|webp/i.test(field.accept);
        const { text: fileName } = pass === 'sql' ? payloads.take('sql')
          : payloads.take('xss', { ...where, field: `${field.name} (file name)` });
        this.counts.fields += 1;
        filled.push([`${field.name} (file name)`, fileName]);
        const content = image ? fs.readFileSync(path.join(repoRoot, 'data/monitoring/demo-photo.jpg'))
          : Buffer.from('name,value\n"<script>__xss(1)</script>",1\n');
        data.append(name, new File([content], `${fileName}${image ? '.jpg' : '.csv'}`,
          { type: image ? 'image/jpeg' : 'text/csv' }));
      }
      answer = await this.request(state, form.action, { method: 'POST', multipart: data, what });
    } else {
      const body = new URLSearchParams();
      for (const [name, value] of entries) if (typeof value === 'string') body.append(name, value);
      answer = await this.request(state, form.action, {
        method: 'POST', data: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, what,
      });
    }
    if (form.method === 'post') this.counts.posts += 1;
    if (this.options.verbose) {
      console.log(`    ${role.key} ${form.method.toUpperCase()} ${form.action} ${pass}${typed ? ' typed' : ''} `
        + `[${filled.map(([name]) => name).join(', ')}] -> ${answer?.status} ${answer?.url ?? ''}`);
    }
    if (!answer) return;
    // What to look at in the browser: where the submission led, or the answer itself when it repeats a payload.
    if (isHtml(answer.contentType) && pass === 'xss') {
      if (answer.method === 'GET' && answer.status < 400) {
        if (!state.toCheck.has(answer.url)) state.toCheck.add(answer.url);
      } else if (/__xss|xss-probe|alert\(|evil\.example|javascript:|\{\{/i.test(answer.text)) {
        state.answersToCheck.push({ answer, form, filled });
      }
    }
    state.lastAnswer = answer;
  }

  async submitAll(state) {
    const perShape = new Map();
    let submitted = 0;
    const done = new Set();
    // Forms found on the pages a submission leads to join the end of the list.
    for (let i = 0; i < state.postForms.length && submitted < this.options.maxForms; i++) {
      const form = state.postForms[i];
      const shape = `${shapeOf(form.action)} ${form.submitter?.name ?? ''}=${form.submitter?.value ?? ''}`;
      if ((perShape.get(shape) ?? 0) >= MAX_FORMS_PER_SHAPE) continue;
      perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
      submitted += 1;
      this.counts.postForms += 1;
      for (const [pass, typed] of [['xss', false], ['xss', true], ['sql', false]]) {
        state.lastAnswer = null;
        await this.submit(state, form, pass, typed);
        const led = state.lastAnswer;
        if (led && led.method === 'GET' && isHtml(led.contentType) && led.status < 400 && !done.has(led.url)) {
          done.add(led.url);
          const { forms } = await this.parse(led.text, led.url);
          this.noteForms(state, forms, led.url);
        }
      }
    }
    state.postFormsSubmitted = submitted;
    for (const form of state.getForms) {
      if (isDestructive(form.action)) continue;
      this.counts.getForms += 1;
      await this.submit(state, form, 'xss', false);
      await this.submit(state, form, 'sql', false);
    }
  }

  // ------------------------------------------------------------------------------------- 3. check in Chromium

  async check(state) {
    const { role, context } = state;
    if (role.email && !(await this.signedIn(state))) {
      console.log(`  (${role.key} lost the session during the submissions; signing in again)`);
      await this.signIn(state);
    }
    const page = await context.newPage();
    page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
    let current = '';
    page.on('dialog', async (dialog) => {
      this.finding('dialog', role.key, `${dialog.type()} "${dialog.message()}" on ${page.url()}${this.explain(dialog.message())}`);
      await dialog.dismiss().catch(() => {});
    });
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (/Content Security Policy/i.test(text)) return; // counted from the securitypolicyviolation event
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return; // our 4xx pages
      this.finding('console', role.key, `console error on ${current}: ${text.slice(0, 300)}`);
    });
    page.on('pageerror', (error) => {
      this.finding('console', role.key, `uncaught script error on ${current}: ${error.message.slice(0, 300)}`);
    });
    state.reportTo = (source, report) => this.report(role.key, source, report, () => current);

    const visit = async (url, label) => {
      current = label;
      let response;
      try {
        response = await page.goto(url, { waitUntil: 'load' });
      } catch (error) {
        this.finding('no-answer', role.key, `browser could not open ${label}: ${error.message.split('\n')[0]}`);
        return;
      }
      this.counts.pagesChecked += 1;
      if (response && response.status() >= 500 && !label.startsWith('answer')) {
        this.finding('server-error', role.key, `${response.status()} on GET ${url} (in the browser)`);
      }
      await sleep(SETTLE_MS);
      let found = [];
      try {
        const scan = await page.evaluate(scanPage);
        found = scan.found;
        if (scan.shown) this.counts.pagesShowingPayloads += 1;
      } catch { /* the page went away */ }
      for (const each of found) {
        const id = (each.html.match(/(?:__xss\(|alert\(|data-n="?|xss-probe="?|xss-)(\d{6,})/) || [])[1];
        this.finding('injection', role.key, `${each.what} on ${label}\n      markup: ${each.html}${id ? this.explain(id) : ''}`);
      }
    };

    for (const url of state.toCheck) await visit(url, url);
    // Form answers that repeat a payload (a refusal shows the form again with what was typed): the browser gets the
    // very answer, headers and all, at the form's address.
    for (const { answer, form } of state.answersToCheck) {
      const headers = { ...answer.headers };
      for (const name of ['set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'connection']) {
        delete headers[name];
      }
      const matches = (url) => url.href === answer.url;
      const handler = (route) => route.fulfill({ status: answer.status, headers, body: answer.text });
      await page.route(matches, handler, { times: 1 });
      await visit(answer.url, `answer ${answer.status} to POST ${form.action} (form on ${form.source})`);
      await page.unroute(matches, handler).catch(() => {});
    }
    await page.close();
  }

  explain(text) {
    const ids = [...String(text).matchAll(/(?:^|\D)(\d{6,})(?!\d)/g)].map((m) => m[1]).filter((id) => this.payloads.uses.has(Number(id)));
    return ids.length ? `\n      from: ${[...new Set(ids)].map((id) => this.payloads.describe(id)).join('\n            ')}` : '';
  }

  report(roleKey, source, report, currentLabel) {
    const where = currentLabel() || source.frame.url();
    switch (report.kind) {
      case 'script':
        this.finding('script', roleKey, `window.__xss(${report.detail}) ran on ${where}${this.explain(report.detail)}`);
        break;
      case 'alert': case 'confirm': case 'prompt': case 'print':
        this.finding('script', roleKey, `${report.kind}(${report.detail}) was called on ${where}${this.explain(report.detail)}`);
        break;
      case 'csp': {
        const detail = JSON.parse(report.detail);
        const element = detail.element ? `\n      element: ${detail.element}` : '';
        const source = detail.source ? ` at ${detail.source}:${detail.line}` : '';
        const explained = this.explain(`${detail.sample} ${detail.element} ${detail.blocked}`);
        // The same violation on /requests/3/letter and /requests/7/letter is one finding, unless a payload caused it.
        let shape = where;
        try { shape = shapeOf(where); } catch { /* a label, not an address */ }
        this.finding('csp', roleKey, `CSP blocked ${detail.directive} (${detail.blocked || 'inline'}) on ${where}: `
          + `sample ${JSON.stringify(detail.sample)}${source}${element}${explained}`,
        explained ? undefined : `${detail.directive} ${detail.blocked} ${shape} ${detail.element}`);
        break;
      }
      default:
        this.finding('script', roleKey, `unexpected report ${JSON.stringify(report)} on ${where}`);
    }
  }
}

// The hook in every page: payloads call window.__xss(N); alert and friends are recorded rather than shown.
function pageHook() {
  const send = (kind, detail) => {
    try { window.__xssReport({ kind, detail: String(detail) }); } catch { /* the binding is not there yet */ }
  };
  Object.defineProperty(window, '__xss', { value: (n) => send('script', n), writable: false, configurable: false });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    try {
      Object.defineProperty(window, name, {
        value: (message) => { send(name, message); return name === 'confirm' ? false : null; },
        writable: false, configurable: false,
      });
    } catch { /* the dialog event still records it */ }
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    // An inline handler's violation names no element: the page's elements with one say which. Only the start tag:
    // the violation comes while the page is parsed, when the element's content may not be there yet.
    const startTag = (e) => (e.outerHTML.match(/^<[^>]*>/)?.[0] ?? e.outerHTML).slice(0, 200);
    let element = event.target instanceof Element ? startTag(event.target) : '';
    if (!element && event.violatedDirective.startsWith('script-src-attr')) {
      element = [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name)))
        .slice(0, 3).map(startTag).join(' ');
    }
    send('csp', JSON.stringify({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample,
      source: event.sourceFile, line: event.lineNumber, element }));
  }, true);
}

/**
 * Proves the hook before trusting its silence: a page with payloads and no CSP must report the scripts that ran and
 * the markup; the same with the server's own CSP must report violations. Throws when it does not.
 */
async function selfTest(browser, origin, csp) {
  const context = await browser.newContext();
  const reports = [];
  await context.exposeBinding('__xssReport', (source, report) => reports.push(report));
  await context.addInitScript(pageHook);
  const page = await context.newPage();
  const body = '<!doctype html><title>t</title><p>control</p><script>__xss(1)</script><script>alert(2)</script>'
    + '<img src=x onerror=__xss(3)><xss-probe></xss-probe>';
  const open = async (address, headers) => {
    await page.route(address, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/html', ...headers }, body }));
    await page.goto(address);
    await sleep(300);
    return (await page.evaluate(scanPage)).found;
  };
  const plain = await open(`${origin}/__xss-crawl-control`, {});
  const executed = reports.filter((r) => r.kind === 'script' || r.kind === 'alert').map((r) => r.detail).sort();
  const protectedScan = await open(`${origin}/__xss-crawl-control-csp`, { 'content-security-policy': csp });
  const violations = reports.filter((r) => r.kind === 'csp').length;
  await context.close();
  const problems = [];
  if (executed.join(',') !== '1,2,3') problems.push(`scripts reported ${JSON.stringify(executed)}, not 1, 2 and 3`);
  if (plain.length === 0 || protectedScan.length === 0) problems.push('injected markup was not found');
  if (violations < 2) problems.push(`${violations} CSP violations reported, not at least 2`);
  if (!csp) problems.push('the server sent no Content-Security-Policy');
  if (problems.length) throw new Error(`the page hook does not work: ${problems.join('; ')}`);
}

// ------------------------------------------------------------------------------------------------------------ main

async function main() {
  const started = Date.now();
  const options = beginScript('xss-crawl', parseOptions, usage);
  const payloads = new PayloadSource(readPayloads(), SQL_PAYLOADS);
  const roles = ROLES.filter((r) => options.roles.includes(r.key)).map((r) => ({
    ...r,
    email: r.role ? `${r.key.replace(/_/g, '.')}@xss-crawl.example.org` : null,
    password: r.role ? `xss-${crypto.randomBytes(12).toString('hex')}` : null,
  }));

  let story = null;
  let ending = null;
  let crawl = null;
  const finish = async () => {
    ending ??= (async () => {
      if (!story) return;
      try {
        if (options.keep) {
          if (story.browser) await story.browser.close();
          if (story.server) await story.server.stop();
          console.log(`xss-crawl: kept ${story.folder}`);
        } else {
          await endStory(story);
        }
      } catch (error) {
        console.error(`xss-crawl: ${error.message.split('\n')[0]}`);
      }
    })();
    return ending;
  };
  let interrupted = false;
  const onSignal = (signal) => {
    interrupted = true;
    if (crawl) crawl.finding = () => {}; // what fails from now on fails because of the cleaning up
    console.error(`xss-crawl: ${signal}, cleaning up`);
    finish().finally(() => process.exit(130));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);

  try {
    console.log(`xss-crawl: ${payloads.xss.length} XSS payloads, ${payloads.sql.length} SQL payloads; binary `
      + `${process.env.KHETANE_BINARY || '(default)'}; up to ${options.maxPages} pages and ${options.maxForms} forms a role`);
    story = await beginStory({ folderPrefix: 'khetane-xss-crawl-', prepare: ({ database }) => {
      const where = ['--database', database, '--share-dir', repoRoot];
      // `organisation add` prints "added organisation ID (NAME); its scope is organisation:ID".
      const added = khetane(['organisation', 'add', 'XSS crawl monitors of Lom', '--kind', 'cso', '--municipality',
        'MON24', ...where]);
      const organisation = added.match(/organisation:\d+/)?.[0];
      if (!organisation) throw new Error(`organisation add said "${added.trim()}"`);
      for (const role of roles.filter((r) => r.role)) {
        addUser(database, role.email, role.password, ['--name', `XSS ${role.key.replace(/_/g, ' ')}`,
          '--role', role.role, '--scope', role.scope === 'organisation' ? organisation : role.scope]);
      }
    } });
    // Playwright's own SIGINT handler closes the browser and exits at once, before the server and the folders are
    // gone: ours does all of it (closing the browser too).
    for (const listener of process.listeners('SIGINT')) if (listener !== onSignal) process.off('SIGINT', listener);
    console.log(`xss-crawl: server at ${story.server.url} (setup ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    crawl = new Crawl({ options, server: story.server, browser: story.browser, payloads });
    const home = await fetch(`${story.server.url}/`);
    await home.arrayBuffer();
    await selfTest(story.browser, story.server.url, home.headers.get('content-security-policy'));
    const parserContext = await story.browser.newContext({ javaScriptEnabled: false });
    crawl.parser = await parserContext.newPage();

    const states = [];
    for (const role of roles) {
      const context = await story.browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
      const state = { role, context, toCheck: new Set(), answersToCheck: [], postForms: [], getForms: [],
        formSignatures: new Set(), getSignatures: new Set(), crawled: 0, reportTo: null };
      await context.exposeBinding('__xssReport', (source, report) => state.reportTo?.(source, report));
      await context.addInitScript(pageHook);
      states.push(state);
    }
    // Everyone signs in before anything hostile is sent: failed sign-ins from the submissions count against the
    // address, and would throttle a later sign-in.
    for (const state of states) await crawl.signIn(state);

    await eachLimited(states, options.jobs, async (state) => {
      const t0 = Date.now();
      await crawl.crawl(state);
      const t1 = Date.now();
      await crawl.submitAll(state);
      console.log(`xss-crawl: ${state.role.key}: crawled ${state.crawled} answers in ${((t1 - t0) / 1000).toFixed(1)} s, `
        + `submitted ${state.postFormsSubmitted} of ${state.postForms.length} POST forms found and `
        + `${state.getForms.length} GET forms in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    });
    // Only now, when every role has stored its payloads, does the browser look: a payload one person stored is seen by
    // the others.
    await eachLimited(states, options.jobs, async (state) => {
      const t0 = Date.now();
      await crawl.check(state);
      console.log(`xss-crawl: ${state.role.key}: checked ${state.toCheck.size} pages and ${state.answersToCheck.length} `
        + `form answers in Chromium in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    });
    await parserContext.close();
    for (const state of states) await state.context.close();

    const unused = payloads.used.map((n, i) => (n === 0 ? i + 1 : 0)).filter(Boolean);
    if (unused.length) console.log(`xss-crawl: note: payloads not used (too few fields): #${unused.join(', #')}`);
  } catch (error) {
    if (interrupted) { await finish(); process.exit(130); }
    console.error(`xss-crawl: could not finish: ${error.stack || error.message}`);
    if (story?.server) console.error(`server log (tail):\n${story.server.log().slice(-3000)}`);
    await finish();
    process.exit(2);
  }
  await finish();

  const count = (kind) => crawl.findings.filter((f) => f.kind === kind).length;
  const findings = crawl.findings.length;
  if (findings) {
    console.log(`\nxss-crawl: ${findings} finding(s):`);
    for (const f of crawl.findings) console.log(`  ${f.kind} [${f.roles.join(', ')}] ${f.text}`);
  }
  const c = crawl.counts;
  console.log(`xss-crawl: ${thousands(c.fetched)} answers fetched; ${thousands(c.pagesShowingPayloads)} of the pages `
    + 'checked showed a payload as text (stored or repeated, escaped)');
  console.log(`xss-crawl: ${roles.length} roles, ${thousands(c.pagesChecked)} pages checked, `
    + `${thousands(c.postForms)} forms submitted (${thousands(c.posts)} posts, ${thousands(c.getForms)} GET forms), `
    + `${thousands(c.fields)} fields filled, ${count('script')} scripts executed, ${count('dialog')} dialogs, `
    + `${count('injection')} HTML injections, ${count('csp')} CSP violations, ${count('console')} console errors, `
    + `${count('server-error') + count('no-answer')} server errors, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(findings ? 1 : 0);
}

main();
