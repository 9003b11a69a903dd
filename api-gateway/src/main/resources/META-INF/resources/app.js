// NoseID web page: the public REST API (/api/v1) from a browser, nothing else. No build step.
(() => {
  'use strict';

  const MESSAGES = window.NOSEID_MESSAGES;
  const KEY_STORE = 'noseid.apiKey';   // sessionStorage only: gone when the tab is closed
  const ROLE_STORE = 'noseid.role';
  const LANG_STORE = 'noseid.lang';
  const API = 'api/v1/';                // relative: works behind a proxy that serves the page under a prefix
  const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
  const PHONE = /^\+?[0-9 -]+$/;
  const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
  const REGISTRATION_FIELDS = ['ownerName', 'ownerPhone', 'ownerEmail', 'dogName', 'dogBreed', 'dogBirthYear', 'dogSex'];

  const $ = (id) => document.getElementById(id);
  const state = {
    lang: initialLanguage(),
    key: sessionStorage.getItem(KEY_STORE),
    role: sessionStorage.getItem(ROLE_STORE),
    views: {}          // area id -> function that (re)draws it in the current language
  };

  // ------------------------------------------------------------------ texts

  function initialLanguage() {
    const stored = localStorage.getItem(LANG_STORE);
    if (stored === 'ko' || stored === 'en') {
      return stored;
    }
    const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (const tag of preferred) {
      const base = String(tag).toLowerCase().split('-')[0];
      if (base === 'ko' || base === 'en') {
        return base;
      }
    }
    return 'en';
  }

  function t(key, params) {
    const text = (MESSAGES[state.lang] && MESSAGES[state.lang][key]) || MESSAGES.en[key] || key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m)) : text;
  }

  function applyTexts() {
    document.documentElement.lang = state.lang;
    $('language').value = state.lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll('[data-i18n-aria-label]').forEach((el) => {
      el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
    });
    slotSets.forEach((slots) => slots.relabel());
    showRole();
    Object.values(state.views).forEach((draw) => draw());
  }

  function setView(id, draw) {
    state.views[id] = draw;
    draw();
  }

  function clearView(id) {
    delete state.views[id];
    $(id).replaceChildren();
  }

  function formatNumber(value, digits) {
    if (value === null || value === undefined || value === '') {
      return '—';
    }
    return new Intl.NumberFormat(state.lang, { maximumFractionDigits: digits }).format(value);
  }

  function formatPercent(value) {
    return value === null || value === undefined ? '—'
      : new Intl.NumberFormat(state.lang, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  }

  function formatDate(value) {
    if (!value) {
      return '—';
    }
    const date = new Date(value);
    return isNaN(date) ? String(value)
      : new Intl.DateTimeFormat(state.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  /** Creates an element; children are nodes or strings (always text, never HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === 'class') {
        node.className = value;
      } else if (name === 'text') {
        node.textContent = value;
      } else if (name.startsWith('on')) {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, value === true ? '' : value);
      }
    });
    children.flat(Infinity).forEach((child) => {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    });
    return node;
  }

  function definitions(rows) {
    return el('dl', { class: 'facts' }, rows.filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([label, value]) => [el('dt', { text: label }), el('dd', { text: String(value) })]));
  }

  // ------------------------------------------------------------------ API

  class ApiError extends Error {
    constructor(status, problem, retryAfter) {
      super(problem && problem.detail ? problem.detail : 'HTTP ' + status);
      this.status = status;            // 0: the server could not be reached
      this.problem = problem || null;
      this.retryAfter = retryAfter;
    }

    get code() {
      return this.problem && this.problem.code ? this.problem.code : '';
    }
  }

  async function api(method, path, body) {
    let response;
    try {
      response = await fetch(API + path, {
        method,
        body,
        cache: 'no-store',
        credentials: 'omit',
        headers: {
          'X-API-Key': state.key || '',
          'Accept': 'application/json, application/problem+json',
          'Accept-Language': state.lang
        }
      });
    } catch (e) {
      throw new ApiError(0, null, null);
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch (e) {
        data = null;
      }
    }
    if (!response.ok) {
      const error = new ApiError(response.status, data, response.headers.get('Retry-After'));
      if (response.status === 401) {
        askForKey(t('err401'));
      }
      throw error;
    }
    return { status: response.status, data, headers: response.headers };
  }

  /** A sentence for a person, in the page's language; the server's own detail when there is nothing better. */
  function describe(error) {
    if (!(error instanceof ApiError)) {
      return String(error && error.message ? error.message : error);
    }
    switch (error.status) {
      case 0: return t('errNetwork');
      case 401: return t('err401');
      case 403: return t('err403');
      case 413: return t('err413');
      case 429: return t('err429', { seconds: error.retryAfter || 1 });
      default:
        if (error.status >= 500) {
          return t('errServer', { status: error.status });
        }
        if (error.code === 'DOG_NOT_FOUND') {
          return t('dogNotFound');
        }
        if (error.code === 'ADAPTATION_RUNNING') {
          return t('adaptationRunning');
        }
        if (error.problem && error.problem.detail) {
          return t('errProblem', { detail: error.problem.detail, code: error.code || error.status });
        }
        return error.status === 404 ? t('err404') : 'HTTP ' + error.status;
    }
  }

  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Polls a job at the pace the server asks for (Retry-After) until it has ended. */
  async function pollJob(jobId, progress) {
    let failures = 0;
    for (;;) {
      let response;
      try {
        response = await api('GET', 'jobs/' + encodeURIComponent(jobId));
        failures = 0;
      } catch (error) {
        const transient = error.status === 0 || error.status === 429 || error.status === 503 || error.status === 502;
        if (!transient || ++failures > 10) {
          throw error;
        }
        await delay(Math.max(1, parseInt(error.retryAfter, 10) || 2) * 1000);
        continue;
      }
      const job = response.data;
      progress.show(job);
      if (job.status === 'SUCCEEDED' || job.status === 'FAILED') {
        return job;
      }
      const after = parseInt(response.headers.get('Retry-After'), 10);
      await delay((after > 0 ? after : 1) * 1000);
    }
  }

  /** texts: the message keys of this area's states, where they differ from the photo jobs' ones. */
  function progressArea(id, texts) {
    const words = Object.assign({ sending: 'sending' }, texts || {});
    const area = $(id);
    const bar = area.querySelector('progress');
    const text = area.querySelector('.progress-text');
    let last = null;
    const draw = () => {
      if (!last) {
        return;
      }
      if (last.sending) {
        bar.removeAttribute('value');
        text.textContent = t(words.sending);
        return;
      }
      const value = last.status === 'SUCCEEDED' || last.status === 'FAILED' ? 1 : Number(last.progress) || 0;
      bar.value = value;
      text.textContent = t(words[last.status] || last.status, { percent: Math.round(value * 100) });
    };
    return {
      sending() { last = { sending: true }; area.hidden = false; state.views[id] = draw; draw(); },
      show(job) { last = job; area.hidden = false; state.views[id] = draw; draw(); },
      hide() { last = null; area.hidden = true; delete state.views[id]; }
    };
  }

  // ------------------------------------------------------------------ API key

  function showRole() {
    const role = state.role === 'admin' ? t('roleAdmin') : state.role === 'client' ? t('roleClient') : t('roleUnknown');
    $('key-role').textContent = role;
    // the matcher needs an admin key: hidden from a client key, shown while the role is not known
    $('matcher-section').hidden = state.role === 'client';
  }

  function askForKey(message) {
    $('app').hidden = true;
    $('key-panel').hidden = false;
    $('change-key').hidden = true;
    $('key-error').textContent = message || '';
    $('api-key').setAttribute('aria-invalid', message ? 'true' : 'false');
    $('api-key').focus();
  }

  function showApp() {
    $('key-panel').hidden = true;
    $('app').hidden = false;
    $('change-key').hidden = false;
    showRole();
  }

  async function useKey(key) {
    state.key = key;
    $('key-error').textContent = t('keyChecking');
    try {
      // A job that cannot exist: 404 means the key was accepted, 401 that it was not. Nothing is changed.
      await api('GET', 'jobs/00000000-0000-0000-0000-000000000000');
    } catch (error) {
      if (error.status === 401) {
        state.key = null;
        sessionStorage.removeItem(KEY_STORE);
        askForKey(t('keyInvalid'));
        return;
      }
      if (error.status !== 404) {
        $('key-error').textContent = describe(error);
        return;
      }
    }
    sessionStorage.setItem(KEY_STORE, key);
    state.role = await probeRole();
    if (state.role) {
      sessionStorage.setItem(ROLE_STORE, state.role);
    } else {
      sessionStorage.removeItem(ROLE_STORE);
    }
    $('api-key').value = '';
    $('key-error').textContent = '';
    showApp();
    $('tab-' + currentTab).focus();
  }

  /** An admin-only read: 200 for admin, 403 for client; unknown otherwise (no worker has reported: 503). */
  async function probeRole() {
    try {
      await api('GET', 'admin/matcher');
      return 'admin';
    } catch (error) {
      return error.status === 403 ? 'client' : null;
    }
  }

  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) {
      askForKey(t('keyMissing'));
      return;
    }
    useKey(key);
  });

  $('change-key').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORE);
    sessionStorage.removeItem(ROLE_STORE);
    state.key = null;
    state.role = null;
    // What the previous key was shown is not left on screen for the next one.
    ['register-result', 'identify-result', 'lookup-result', 'matcher-result', 'adapt-result'].forEach(clearView);
    [registerProgress, identifyProgress, adaptProgress].forEach((progress) => progress.hide());
    $('lookup-error').textContent = '';
    askForKey('');
  });

  // ------------------------------------------------------------------ tabs

  let currentTab = 'register';
  function selectTab(name) {
    currentTab = name;
    ['register', 'identify', 'admin'].forEach((tab) => {
      $('tab-' + tab).setAttribute('aria-pressed', String(tab === name));
      $(tab + '-panel').hidden = tab !== name;
    });
  }
  ['register', 'identify', 'admin'].forEach((tab) => $('tab-' + tab).addEventListener('click', () => selectTab(tab)));

  // ------------------------------------------------------------------ photo slots

  const slotSets = [];

  function photoSlots(containerId, prefix, count, manyInputId) {
    const container = $(containerId);
    const template = $('slot-template');
    const files = new Array(count).fill(null);
    const urls = new Array(count).fill(null);
    const slots = [];
    for (let i = 0; i < count; i++) {
      const slot = template.content.firstElementChild.cloneNode(true);
      const input = slot.querySelector('input');
      const label = slot.querySelector('label');
      input.id = prefix + '-photo-' + (i + 1);
      label.htmlFor = input.id;
      slot.querySelector('.clear-photo').addEventListener('click', () => { set(i, null); input.focus(); });
      input.addEventListener('change', () => {
        if (input.files && input.files[0]) {
          set(i, input.files[0]);
        }
      });
      container.append(slot);
      slots.push(slot);
    }

    function set(i, file) {
      files[i] = file;
      if (urls[i]) {
        URL.revokeObjectURL(urls[i]);
        urls[i] = null;
      }
      const slot = slots[i];
      const preview = slot.querySelector('.preview');
      preview.replaceChildren();
      if (file) {
        urls[i] = URL.createObjectURL(file);
        preview.append(el('img', { src: urls[i], alt: '' }));
      } else {
        slot.querySelector('input').value = '';
        preview.append(el('span', { class: 'empty' }));
      }
      slot.classList.toggle('filled', !!file);
      slot.classList.remove('retaken');
      relabel();
    }

    function relabel() {
      slots.forEach((slot, i) => {
        slot.querySelector('.slot-title').textContent = t('photoN', { n: i + 1 });
        slot.querySelector('.pick').textContent = files[i] ? t('replacePhoto') : t('takePhoto');
        const empty = slot.querySelector('.empty');
        if (empty) {
          empty.textContent = t('noPhoto');
        }
        const img = slot.querySelector('img');
        if (img) {
          img.alt = t('photoN', { n: i + 1 });
        }
        const clear = slot.querySelector('.clear-photo');
        clear.textContent = t('removePhoto', { n: i + 1 });
        clear.hidden = !files[i];
      });
    }

    $(manyInputId).addEventListener('change', (event) => {
      const chosen = Array.from(event.target.files || []).slice(0, count);
      const empty = files.map((f, i) => (f ? -1 : i)).filter((i) => i >= 0);
      const targets = chosen.length <= empty.length ? empty : [...Array(count).keys()];
      chosen.forEach((file, j) => set(targets[j], file));
      event.target.value = '';
    });

    const slotsApi = {
      files: () => files.slice(),
      filled: () => files.filter(Boolean),
      relabel,
      /** Brings the slot into view and opens its picker (the camera on a phone). */
      retake(i) {
        const input = slots[i].querySelector('input');
        slots[i].classList.add('retaken');
        slots[i].scrollIntoView({ block: 'center' });
        input.focus();
        try {
          input.click();
        } catch (e) {
          // some browsers allow the picker only from a direct user gesture; the focused input is enough
        }
      }
    };
    slotSets.push(slotsApi);
    relabel();
    return slotsApi;
  }

  const registerSlots = photoSlots('reg-slots', 'reg', 5, 'reg-photos-many');
  const identifySlots = photoSlots('id-slots', 'id', 5, 'id-photos-many');

  // ------------------------------------------------------------------ result photos with their nose box

  async function drawPhoto(canvas, file, photo) {
    let image;
    try {
      image = await createImageBitmap(file);
    } catch (e) {
      image = await new Promise((resolve, reject) => {
        const img = new Image();
        img.onload = () => resolve(img);
        img.onerror = reject;
        img.src = URL.createObjectURL(file);
      }).catch(() => null);
    }
    if (!image) {
      return;
    }
    const scale = Math.min(1, 480 / image.width);
    canvas.width = Math.max(1, Math.round(image.width * scale));
    canvas.height = Math.max(1, Math.round(image.height * scale));
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const box = photo.noseBox;
    if (Array.isArray(box) && box.length === 4) {
      const [x, y, w, h] = box.map((v) => v * scale);
      const line = Math.max(3, Math.round(canvas.width / 100));
      ctx.lineWidth = line + 2;
      ctx.strokeStyle = '#000';
      ctx.strokeRect(x, y, w, h);
      ctx.lineWidth = line;
      ctx.strokeStyle = photo.accepted ? '#2ee06f' : '#ffcc00';
      ctx.strokeRect(x, y, w, h);
      if (photo.noseConfidence !== null && photo.noseConfidence !== undefined) {
        const label = formatPercent(photo.noseConfidence);
        ctx.font = 'bold ' + Math.max(14, Math.round(canvas.width / 22)) + 'px system-ui, sans-serif';
        const width = ctx.measureText(label).width + 10;
        const height = Math.max(18, Math.round(canvas.width / 16));
        const top = y >= height ? y - height : y;
        ctx.fillStyle = '#000';
        ctx.fillRect(x, top, width, height);
        ctx.fillStyle = '#fff';
        ctx.textBaseline = 'middle';
        ctx.fillText(label, x + 5, top + height / 2);
      }
    }
    // Lets a browser test (and a screen reader's tooling) know the picture is complete.
    canvas.dataset.drawn = 'true';
  }

  /** Every assessed photo, drawn with what the detector saw, its reason when refused, and a retake control. */
  function photoFigures(result, files, slots, tabForRetake) {
    const photos = Array.isArray(result.photos) ? result.photos : [];
    return el('ul', { class: 'result-photos' }, photos.map((photo) => {
      const n = photo.index + 1;
      const file = files[photo.index];
      const canvas = el('canvas', { role: 'img', width: 160, height: 120 });
      const box = Array.isArray(photo.noseBox) ? photo.noseBox : null;
      const boxText = box ? t('noseAt', { confidence: formatPercent(photo.noseConfidence) })
        : photo.accepted ? t('noBox') : photo.reasonCode === 'NO_NOSE' ? t('noBoxRefused') : t('noBoxNone');
      canvas.setAttribute('aria-label', t('photoN', { n }) + ': ' + boxText
        + (box ? ' (x ' + box[0] + ', y ' + box[1] + ', ' + box[2] + ' × ' + box[3] + ')' : ''));
      if (file) {
        drawPhoto(canvas, file, photo);
      }
      const caption = el('div', { class: 'caption' },
        el('p', { class: photo.accepted ? 'ok' : 'refused', text: t(photo.accepted ? 'photoAccepted' : 'photoRefused', { n }) }),
        photo.accepted ? null : el('p', { class: 'reason', 'data-reason-code': photo.reasonCode || null, text: photo.reason || '' }),
        el('p', { class: 'box-text', text: boxText }),
        !photo.accepted && slots ? el('button', {
          type: 'button', class: 'secondary retake', 'data-index': photo.index,
          'aria-label': t('retake') + ' (' + t('photoN', { n }) + ')',
          onclick: () => { selectTab(tabForRetake); slots.retake(photo.index); }
        }, t('retake')) : null);
      return el('li', { class: 'result-photo ' + (photo.accepted ? 'accepted' : 'refused'), 'data-index': photo.index },
        canvas, caption);
    }));
  }

  function numberBlock(id, number) {
    const status = el('span', { class: 'copy-status', role: 'status' });
    return el('div', { class: 'number-block' },
      el('p', { class: 'reg-number', id, text: number }),
      el('button', {
        type: 'button', class: 'secondary', onclick: async () => {
          try {
            await navigator.clipboard.writeText(number);
            status.textContent = t('copied');
          } catch (e) {
            const range = document.createRange();
            range.selectNodeContents($(id));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            status.textContent = t('copyFailed');
          }
        }
      }, t('copy')),
      status);
  }

  /** The outcome's heading, one level below the heading of the section it is shown in. */
  function heading(text, outcome, level) {
    return el(level || 'h3', { class: 'outcome', tabindex: '-1', 'data-outcome': outcome }, text);
  }

  function focusResult(id) {
    const h = $(id).querySelector('.outcome');
    if (h) {
      h.focus();
    }
  }

  function failedBlock(job, level) {
    const error = job.error || {};
    return [heading(t('FAILED'), 'FAILED', level),
      el('p', { class: 'form-error', text: t('jobFailed', { code: error.code || '?', detail: error.detail || '' }) })];
  }

  // ------------------------------------------------------------------ register

  function nfc(value) {
    return (value || '').normalize('NFC').trim();
  }

  function checkText(value, required, max) {
    if (!value) {
      return required ? t('errRequired') : null;
    }
    if ([...value].length > max) {
      return t('errLength', { max });
    }
    return CONTROL.test(value) ? t('errControl') : null;
  }

  /** The contract's field rules; a message per broken field. */
  function validateRegistration(values) {
    const errors = {};
    const add = (field, message) => { if (message) { errors[field] = message; } };
    add('ownerName', checkText(values.ownerName, true, 100));
    if (!values.ownerPhone) {
      add('ownerPhone', t('errRequired'));
    } else {
      const digits = values.ownerPhone.replace(/\D/g, '').length;
      add('ownerPhone', !PHONE.test(values.ownerPhone) || digits < 9 || digits > 15 ? t('errPhone') : null);
    }
    if (values.ownerEmail && (values.ownerEmail.length > 254 || !EMAIL.test(values.ownerEmail))) {
      add('ownerEmail', t('errEmail'));
    }
    add('dogName', checkText(values.dogName, true, 50));
    add('dogBreed', checkText(values.dogBreed, false, 100));
    if (values.dogBirthYear) {
      const year = Number(values.dogBirthYear);
      const current = new Date().getFullYear();
      if (!/^\d{4}$/.test(values.dogBirthYear) || year < 1990 || year > current) {
        add('dogBirthYear', t('errYear', { year: current }));
      }
    }
    if (values.dogSex && !['MALE', 'FEMALE', 'UNKNOWN'].includes(values.dogSex)) {
      add('dogSex', t('errSex'));
    }
    return errors;
  }

  function showFieldError(field, message) {
    const target = $(field + '-error');
    const input = $(field);
    if (target) {
      target.textContent = message || '';
    }
    if (input) {
      input.setAttribute('aria-invalid', message ? 'true' : 'false');
    }
  }

  function clearRegisterErrors() {
    [...REGISTRATION_FIELDS, 'profile', 'nose'].forEach((field) => showFieldError(field, ''));
    $('register-error').textContent = '';
  }

  /** problem+json errors[] next to the fields they name; anything else in the form's message. */
  function showServerErrors(error, formErrorId, fieldMap) {
    const errors = error.problem && Array.isArray(error.problem.errors) ? error.problem.errors : [];
    const unplaced = [];
    let first = null;
    errors.forEach(({ field, message }) => {
      const target = fieldMap(field);
      if (target && $(target + '-error')) {
        const existing = $(target + '-error').textContent;
        showFieldError(target, existing ? existing + ' ' + message : message);
        first = first || target;
      } else {
        unplaced.push((field ? field + ': ' : '') + message);
      }
    });
    $(formErrorId).textContent = [describe(error), ...unplaced].join(' ');
    if (first && $(first)) {
      $(first).focus();
    }
  }

  const registerProgress = progressArea('register-progress');

  $('register-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearRegisterErrors();
    const values = {};
    REGISTRATION_FIELDS.forEach((field) => { values[field] = nfc($(field).value); });
    const errors = validateRegistration(values);
    const files = registerSlots.files();
    const count = files.filter(Boolean).length;
    if (count !== 5) {
      errors.nose = t('errNoseCount', { count });
    } else if (files.some((f) => f.type && !f.type.startsWith('image/'))) {
      errors.nose = t('errNotImage');
    }
    const fields = Object.keys(errors);
    if (fields.length) {
      fields.forEach((field) => showFieldError(field, errors[field]));
      $('register-error').textContent = t('fixFields');
      const first = fields[0] === 'nose' ? $('reg-photo-' + (files.findIndex((f) => !f) + 1)) : $(fields[0]);
      (first || $('reg-photo-1')).focus();
      return;
    }
    const form = new FormData();
    REGISTRATION_FIELDS.forEach((field) => {
      if (values[field]) {
        form.append(field, values[field]);
      }
    });
    files.forEach((file, i) => form.append('nose', file, file.name || 'nose-' + (i + 1) + '.jpg'));
    const profile = $('profile').files && $('profile').files[0];
    if (profile) {
      form.append('profile', profile, profile.name || 'profile.jpg');
    }
    await runJob({
      submit: $('register-submit'), progress: registerProgress, resultId: 'register-result',
      post: () => api('POST', 'registrations', form),
      onError: (error) => showServerErrors(error, 'register-error',
        (field) => (REGISTRATION_FIELDS.includes(field) || field === 'profile' ? field : 'nose')),
      render: (job) => renderRegistration(job, files)
    });
  });

  function renderRegistration(job, files) {
    const area = $('register-result');
    if (job.status === 'FAILED') {
      area.replaceChildren(...failedBlock(job));
      return;
    }
    const result = job.result || {};
    const parts = [heading(t(result.outcome || 'SUCCEEDED'), result.outcome)];
    if (result.outcome === 'REGISTERED') {
      parts.push(el('p', { text: t('registeredText') }), numberBlock('reg-number', result.registrationNumber));
    } else if (result.outcome === 'ALREADY_REGISTERED') {
      parts.push(el('p', { text: t('alreadyText', { score: formatNumber(result.score, 2) }) }),
        numberBlock('reg-number', result.registrationNumber));
    } else if (result.outcome === 'REJECTED') {
      parts.push(el('p', { class: 'form-error', text: t('rejectedRegister') }));
    }
    parts.push(photoFigures(result, files, result.outcome === 'REJECTED' ? registerSlots : null, 'register'));
    area.replaceChildren(...parts);
  }

  /**
   * POST, then poll the job with live progress, then draw the outcome (and redraw it on a language switch);
   * finally calls ended, if given, whether the job ended or was refused.
   */
  async function runJob({ submit, progress, resultId, post, onError, render, ended }) {
    submit.disabled = true;
    clearView(resultId);
    progress.sending();
    try {
      let accepted;
      try {
        accepted = await post();
      } catch (error) {
        progress.hide();
        onError(error);
        return;
      }
      const job = await pollJob(accepted.data.jobId, progress);
      setView(resultId, () => render(job));
      focusResult(resultId);
    } catch (error) {
      progress.hide();
      onError(error);
    } finally {
      submit.disabled = false;
      if (ended) {
        ended();
      }
    }
  }

  // ------------------------------------------------------------------ identify

  const identifyProgress = progressArea('identify-progress');

  $('identify-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('id-nose-error').textContent = '';
    $('identify-error').textContent = '';
    const files = identifySlots.files();
    const chosen = files.map((file, i) => ({ file, i })).filter((x) => x.file);
    if (chosen.length < 1) {
      $('id-nose-error').textContent = t('errNoseCountIdentify');
      $('id-photo-1').focus();
      return;
    }
    // The result's photo indexes follow the order sent: keep the files in that order for drawing.
    const sent = chosen.map((x) => x.file);
    const form = new FormData();
    sent.forEach((file, j) => form.append('nose', file, file.name || 'nose-' + (j + 1) + '.jpg'));
    await runJob({
      submit: $('identify-submit'), progress: identifyProgress, resultId: 'identify-result',
      post: () => api('POST', 'identifications', form),
      onError: (error) => showServerErrors(error, 'identify-error', () => 'id-nose'),
      render: (job) => renderIdentification(job, sent, chosen.map((x) => x.i))
    });
  });

  function renderIdentification(job, files, slotIndexes) {
    const area = $('identify-result');
    if (job.status === 'FAILED') {
      area.replaceChildren(...failedBlock(job));
      return;
    }
    const result = job.result || {};
    const parts = [heading(t(result.outcome || 'SUCCEEDED'), result.outcome)];
    if (result.outcome === 'MATCH') {
      const dog = result.dog || {};
      const owner = dog.owner || {};
      parts.push(el('p', { text: t('matchText', { score: formatNumber(result.score, 2) }) }),
        numberBlock('id-number', result.registrationNumber),
        el('div', { class: 'two-columns' },
          el('section', { 'aria-label': t('dog') }, el('h4', { text: t('dog') }), definitions([
            [t('dogName'), dog.name], [t('breed'), dog.breed], [t('birthYear'), dog.birthYear],
            [t('sex'), dog.sex ? t('sex' + dog.sex) : null]])),
          el('section', { 'aria-label': t('owner') }, el('h4', { text: t('owner') }), definitions([
            [t('ownerName'), owner.name], [t('phone'), owner.phone], [t('email'), owner.email]]))));
    } else if (result.outcome === 'NO_MATCH') {
      parts.push(el('p', { text: t('noMatchText') }));
    } else if (result.outcome === 'REJECTED') {
      parts.push(el('p', { class: 'form-error', text: t('rejectedIdentify') }));
    }
    if (result.outcome !== 'REJECTED') {
      const candidates = Array.isArray(result.candidates) ? result.candidates : [];
      parts.push(el('h4', { text: t('candidates') }), candidates.length
        ? el('ol', { class: 'candidates' }, candidates.map((c) =>
          el('li', {}, el('span', { class: 'mono', text: c.registrationNumber }), ' — ' + t('score') + ' ',
            el('span', { class: 'candidate-score', text: formatNumber(c.score, 2) }))))
        : el('p', { text: t('noCandidates') }));
    }
    // Retake maps a result index back to the slot it came from.
    const retake = result.outcome === 'REJECTED' ? { retake: (i) => identifySlots.retake(slotIndexes[i]) } : null;
    parts.push(photoFigures(result, files, retake, 'identify'));
    area.replaceChildren(...parts);
  }

  // ------------------------------------------------------------------ admin

  $('lookup-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('lookup-error').textContent = '';
    const number = nfc($('lookup-number').value);
    if (!number) {
      $('lookup-error').textContent = t('enterNumber');
      $('lookup-number').focus();
      return;
    }
    clearView('lookup-result');
    try {
      const { data } = await api('GET', 'dogs/' + encodeURIComponent(number));
      setView('lookup-result', () => renderDog(data));
    } catch (error) {
      $('lookup-error').textContent = describe(error);
    }
  });

  function renderDog(dog) {
    const owner = dog.owner || {};
    $('lookup-result').replaceChildren(el('div', { class: 'dog-card' },
      el('p', { class: 'reg-number small', text: dog.registrationNumber }),
      definitions([[t('dogName'), dog.name], [t('breed'), dog.breed], [t('birthYear'), dog.birthYear],
        [t('sex'), dog.sex ? t('sex' + dog.sex) : null], [t('registeredAt'), dog.registeredAt ? formatDate(dog.registeredAt) : null],
        [t('owner'), owner.name], [t('phone'), owner.phone], [t('email'), owner.email]]),
      el('button', { type: 'button', class: 'danger', id: 'delete-dog', onclick: () => confirmDelete(dog) }, t('deleteDog'))));
  }

  function confirmDelete(dog) {
    const dialog = $('confirm-delete');
    $('confirm-text').textContent = t('confirmText', { name: dog.name, number: dog.registrationNumber });
    dialog.returnValue = '';
    dialog.addEventListener('close', async () => {
      if (dialog.returnValue !== 'delete') {
        $('delete-dog') && $('delete-dog').focus();
        return;
      }
      try {
        await api('DELETE', 'dogs/' + encodeURIComponent(dog.registrationNumber));
        setView('lookup-result', () => $('lookup-result').replaceChildren(
          el('p', { class: 'ok', role: 'status', id: 'delete-done', text: t('deleted', { number: dog.registrationNumber }) })));
        $('lookup-number').focus();
      } catch (error) {
        $('lookup-error').textContent = describe(error);
      }
    }, { once: true });
    dialog.showModal();
    $('confirm-cancel').focus();
  }

  /** Reads what the workers serve now into the status panel. */
  async function showMatcherStatus() {
    try {
      const { data } = await api('GET', 'admin/matcher');
      setView('matcher-result', () => $('matcher-result').replaceChildren(definitions([
        [t('matcherVersion'), data.matcherVersion], [t('adaptedAt'), formatDate(data.adaptedAt)],
        [t('dogs'), formatNumber(data.dogs, 0)], [t('targetFar'), formatNumber(data.targetFar, 4)],
        [t('estimatedFar'), formatNumber(data.estimatedFar, 4)]])));
    } catch (error) {
      setView('matcher-result', () => $('matcher-result').replaceChildren(
        el('p', { class: 'form-error', id: 'matcher-message', 'data-code': error.code || null, text: describe(error) })));
    }
  }

  $('matcher-status').addEventListener('click', () => {
    clearView('matcher-result');
    showMatcherStatus();
  });

  const adaptProgress = progressArea('adapt-progress',
    { sending: 'adaptSending', QUEUED: 'adaptQueued', RUNNING: 'adaptRunning' });

  function renderAdaptation(job) {
    const area = $('adapt-result');
    if (job.status === 'FAILED') {
      area.replaceChildren(...failedBlock(job, 'h4'));
      return;
    }
    const r = job.result || {};
    area.replaceChildren(heading(t('ADAPTED'), r.outcome, 'h4'),
      el('p', { text: t('adaptedText', { version: r.matcherVersion }) }),
      definitions([
        [t('matcherVersion'), r.matcherVersion], [t('dogs'), formatNumber(r.dogs, 0)],
        [t('photos'), formatNumber(r.photos, 0)], [t('threshold'), formatNumber(r.threshold, 3)],
        [t('estimatedFar'), formatNumber(r.estimatedFar, 4)]]));
  }

  // An adaptation is a job like the others: its progress while it runs, its outcome, and the status panel
  // read again once it ended (or was refused), so that it shows the version the workers serve now.
  $('matcher-adapt').addEventListener('click', () => runJob({
    submit: $('matcher-adapt'), progress: adaptProgress, resultId: 'adapt-result',
    post: () => api('POST', 'admin/matcher/adaptations'),
    onError: (error) => setView('adapt-result', () => $('adapt-result').replaceChildren(
      el('p', { class: 'form-error', id: 'adapt-message', 'data-code': error.code || null, text: describe(error) }))),
    render: renderAdaptation,
    ended: showMatcherStatus
  }));

  // ------------------------------------------------------------------ start

  $('language').addEventListener('change', (event) => {
    state.lang = event.target.value === 'ko' ? 'ko' : 'en';
    localStorage.setItem(LANG_STORE, state.lang);
    applyTexts();
  });

  applyTexts();
  if (state.key) {
    showApp();
  } else {
    askForKey('');
  }
  document.body.dataset.ready = 'true';
})();
