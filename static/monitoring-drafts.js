// Keeps a monitor's assessment on the phone until the server has it. The form works without this script; with it,
// the form and its photos are stored in IndexedDB before they are sent, and a sending that fails for want of a
// connection is tried again when the connection returns (and whenever the page is opened). The server files a form
// once per key (the hidden field "key"), so a retry never makes two assessments.
(function () {
  'use strict';
  var form = document.querySelector('form[data-draft]');
  if (!form || !window.indexedDB || !window.fetch || !window.FormData) return;
  var status = document.getElementById('draft-status');
  var lang = document.documentElement.lang === 'bg' ? 'bg' : 'en';
  var words = {
    en: {
      offline: 'No connection. Your assessment and its photos are kept on this phone and will be sent when the connection returns.',
      sending: 'Sending your assessment…',
      sentEarlier: 'An assessment kept on this phone has been sent. ',
      receipt: 'See its receipt',
      tooLarge: 'is larger than 20 MB: choose a smaller file.'
    },
    bg: {
      offline: 'Няма връзка. Оценката и снимките ви са запазени на този телефон и ще бъдат изпратени, когато връзката се възстанови.',
      sending: 'Оценката се изпраща…',
      sentEarlier: 'Оценка, запазена на този телефон, беше изпратена. ',
      receipt: 'Вижте разписката',
      tooLarge: 'е по-голям от 20 MB: изберете по-малък файл.'
    }
  }[lang];
  var maxBytes = Number(form.getAttribute('data-max-file-bytes')) || 20 * 1024 * 1024;
  var sending = false;

  function say(text, link) {
    if (!status) return;
    status.hidden = false;
    status.textContent = text;
    if (link) {
      var a = document.createElement('a');
      a.href = link;
      a.textContent = words.receipt;
      status.appendChild(a);
    }
  }

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open('khetane-drafts', 1);
      request.onupgradeneeded = function () { request.result.createObjectStore('drafts', { keyPath: 'key' }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function store(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction('drafts', mode);
        var result = work(transaction.objectStore('drafts'));
        transaction.oncomplete = function () { resolve(result && result.result); };
        transaction.onerror = function () { reject(transaction.error); };
      });
    });
  }

  // A FormData cannot be stored; its entries (text and files) can.
  function draftOf(action, data) {
    var entries = [];
    data.forEach(function (value, name) {
      if (value instanceof File && value.size === 0 && !value.name) return;  // an input left empty
      entries.push([name, value]);
    });
    return { key: data.get('key'), action: action, entries: entries, saved: Date.now() };
  }

  function bodyOf(draft) {
    var data = new FormData();
    draft.entries.forEach(function (entry) {
      if (entry[1] instanceof Blob) data.append(entry[0], entry[1], entry[1].name || 'file');
      else data.append(entry[0], entry[1]);
    });
    return data;
  }

  // Sends one draft. Resolves with the response once the server has decided (filed, or refused with its reasons);
  // rejects when there is no connection or the server could not answer (a proxy's 502 while it restarts): the draft
  // stays for the next try.
  function send(draft) {
    return fetch(draft.action, { method: 'POST', body: bodyOf(draft), credentials: 'same-origin' })
      .then(function (response) {
        if (response.status >= 500) throw new Error('the server did not answer: ' + response.status);
        return store('readwrite', function (drafts) { return drafts.delete(draft.key); }).then(function () {
          return response;
        });
      });
  }

  // The server's answer replaces the page: the receipt after a filing, the form with its messages after a refusal.
  function show(response) {
    if (response.redirected || response.ok && response.url.indexOf('/monitoring/receipts/') !== -1) {
      window.location.assign(response.url);
      return;
    }
    return response.text().then(function (html) {
      document.open();
      document.write(html);
      document.close();
    });
  }

  function sendWaiting(current) {
    if (sending) return;
    sending = true;
    store('readonly', function (drafts) { return drafts.getAll(); }).then(function (waiting) {
      waiting = waiting || [];
      var shown = false;
      return waiting.reduce(function (chain, draft) {
        return chain.then(function () {
          if (shown) return undefined;
          say(words.sending);
          return send(draft).then(function (response) {
            if (draft.key !== current && response.redirected) {
              say(words.sentEarlier, response.url);
              return undefined;
            }
            // This form's answer, or an earlier draft the server refused: its page, with what was typed and why.
            shown = true;
            return show(response);
          });
        });
      }, Promise.resolve());
    }).catch(function () {
      say(words.offline);
    }).then(function () {
      sending = false;
    });
  }

  function tooLarge() {
    var problem = null;
    form.querySelectorAll('input[type=file]').forEach(function (input) {
      var list = document.getElementById(input.id + '-problem');
      Array.prototype.forEach.call(input.files || [], function (file) {
        if (file.size <= maxBytes) return;
        problem = problem || input;
        if (list) {
          var item = document.createElement('li');
          item.textContent = file.name + ' ' + words.tooLarge;
          list.appendChild(item);
        }
        input.setAttribute('aria-invalid', 'true');
      });
    });
    return problem;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var large = tooLarge();
    if (large) {
      large.focus();
      return;
    }
    var draft = draftOf(form.action, new FormData(form));
    store('readwrite', function (drafts) { return drafts.put(draft); })
      .then(function () { sendWaiting(draft.key); })
      .catch(function () { form.submit(); });  // no storage (a private window): send as a plain form
  });

  window.addEventListener('online', function () { sendWaiting(form.querySelector('input[name=key]').value); });
  setInterval(function () { if (navigator.onLine) sendWaiting(form.querySelector('input[name=key]').value); }, 20000);
  sendWaiting(form.querySelector('input[name=key]').value);
})();
