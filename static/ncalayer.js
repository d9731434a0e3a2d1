// Signing a document with a Kazakh EDS key through NCALayer (https://ncl.pki.gov.kz/).
//
// NCALayer is a desktop program that listens on wss://127.0.0.1:13579 and speaks JSON over a
// WebSocket. We use its module kz.gov.pki.knca.basics, method "sign", format "cms": it asks the
// user for the key (restricted by signerParams to the signer's IIN and, for an organisation,
// its BIN), signs the bytes and answers
//   {"status": true, "body": {"result": ["<CMS base64>"]}}   signed (result may be a string)
//   {"status": true, "body": {}}                             the user closed the dialog
//   {"status": false, "code": "...", "message": "..."}       an error
// The page holds everything this script needs on the form[data-ncalayer-url] (no inline
// script: the CSP forbids it): the URL of the exact bytes to sign, the signer's IIN/BIN, the
// OIDs the key must carry, the language and the messages, already in the page language.
(() => {
  'use strict';

  const STORAGES = ['PKCS12', 'AKKaztokenStore', 'AKKZIDCardStore', 'AKEToken72KStore',
    'AKJaCartaStore'];
  const LOCALES = { ru: 'ru', kk: 'kk', en: 'en' };
  //: how long NCALayer may take to greet us before we send the request anyway
  const GREETING_WAIT_MS = 1500;

  class NcaError extends Error {
    constructor(kind, reason) {
      super(reason || kind);
      this.kind = kind; // "not_running", "cancelled", "error", "download"
      this.reason = reason || '';
    }
  }

  function toBase64(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return window.btoa(binary);
  }

  async function documentBase64(url) {
    let resp;
    try {
      resp = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
    } catch (err) {
      throw new NcaError('download', String(err));
    }
    if (!resp.ok) throw new NcaError('download', `HTTP ${resp.status}`);
    return toBase64(await resp.arrayBuffer());
  }

  // What NCALayer's answer means: the CMS (base64) or an NcaError.
  function interpret(response) {
    if (Object.prototype.hasOwnProperty.call(response, 'status')) {
      if (!response.status) {
        const reason = [response.code, response.message].filter(Boolean).join(': ');
        throw new NcaError('error', reason);
      }
      const body = response.body || {};
      if (!Object.prototype.hasOwnProperty.call(body, 'result')) {
        throw new NcaError('cancelled');
      }
      const result = Array.isArray(body.result) ? body.result[0] : body.result;
      if (typeof result !== 'string' || !result) throw new NcaError('error', 'empty result');
      // Some versions wrap the CMS in PEM armour or break its lines.
      return result.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\s+/g, '');
    }
    if (response.code && response.code !== '200') {
      throw new NcaError(response.message === 'action.canceled' ? 'cancelled' : 'error',
        `${response.code}: ${response.message || ''}`);
    }
    throw new NcaError('error', 'unexpected answer');
  }

  // One request over one connection: resolves with the CMS, rejects with an NcaError.
  function signWithNcaLayer(url, request) {
    return new Promise((resolve, reject) => {
      let ws;
      try {
        ws = new WebSocket(url);
      } catch (err) { // a malformed URL or one the CSP refuses
        reject(new NcaError('not_running', String(err)));
        return;
      }
      let sent = false;
      let settled = false;
      let timer = null;
      const finish = (fn, value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn(value);
        try { ws.close(); } catch (err) { /* already closed */ }
      };
      const send = () => {
        if (sent) return;
        sent = true;
        ws.send(JSON.stringify(request));
      };
      ws.onopen = () => { timer = setTimeout(send, GREETING_WAIT_MS); };
      ws.onmessage = (event) => {
        let response;
        try {
          response = JSON.parse(event.data);
        } catch (err) {
          return; // "--heartbeat--" and other keep-alive noise
        }
        if (!response || typeof response !== 'object') return;
        if (!sent) { // the greeting {"result": {"version": "1.4"}}
          if (response.result && response.result.version) { send(); return; }
        }
        if (!sent) return;
        try {
          finish(resolve, interpret(response));
        } catch (err) {
          finish(reject, err);
        }
      };
      // Refused (NCALayer not running) or closed before it answered: both mean "start it".
      ws.onerror = () => {};
      ws.onclose = (event) => finish(reject, new NcaError('not_running', `closed (${event.code})`));
    });
  }

  function setup(form) {
    const button = form.querySelector('[data-eds-sign]');
    const message = form.querySelector('[data-eds-message]');
    const progress = form.querySelector('[data-eds-progress]');
    if (!button || !message) return;
    const data = form.dataset;
    const say = (el, text) => {
      if (!el) return;
      el.textContent = text || '';
      el.hidden = !text;
    };
    const messages = {
      not_running: data.msgNotRunning,
      cancelled: data.msgCancelled,
      error: data.msgError,
      download: data.msgDownload,
    };

    button.hidden = false;
    button.addEventListener('click', async () => {
      button.disabled = true;
      say(message, '');
      say(progress, data.msgWorking);
      try {
        const content = await documentBase64(data.documentUrl);
        const request = {
          module: 'kz.gov.pki.knca.basics',
          method: 'sign',
          args: {
            allowedStorages: STORAGES,
            format: 'cms',
            data: content,
            signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: {} },
            signerParams: {
              extKeyUsageOids: (data.extKeyUsageOids || '').split(/\s+/).filter(Boolean),
              iin: data.iin || '',
              bin: data.bin || '',
              chain: [],
            },
            locale: LOCALES[(data.locale || 'en').slice(0, 2)] || 'en',
          },
        };
        const cms = await signWithNcaLayer(data.ncalayerUrl || 'wss://127.0.0.1:13579/', request);
        form.elements.cms.value = cms;
        form.elements.method.value = 'eds';
        say(progress, data.msgSending);
        form.submit();
      } catch (err) {
        const kind = err instanceof NcaError ? err.kind : 'error';
        const text = messages[kind] || messages.error || '';
        say(progress, '');
        say(message, text.replace('{reason}', err.reason || err.message || ''));
        button.disabled = false;
      }
    });
  }

  document.querySelectorAll('form[data-ncalayer-url]').forEach(setup);
})();
