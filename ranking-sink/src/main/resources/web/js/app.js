// Entry point: header (title, navigation, language toggle, live status), hash router (#/ and #/enterprise/<code>),
// the model names, and the one live connection.

import { get } from './api.js';
import { h, clear } from './dom.js';
import * as live from './live.js';
import { t, roleName, setLang, currentLang, onLangChange, setModels } from './i18n.js';
import * as overview from './overview.js';
import * as enterprise from './enterprise.js';
import * as session from './session.js';

const main = document.getElementById('main');
const header = document.getElementById('header');
let cleanup = () => {};
let connected = false;
let wasDown = false;
let rendering = Promise.resolve();

function signIn(ev) {
  ev.preventDefault();
  const value = ev.target.elements.token.value.trim();
  if (!value) return;
  session.setToken(value);
  // a fresh page: the live connection and every view start over as the new principal
  location.reload();
}

function signOut() {
  session.setToken(null);
  location.reload();
}

function account() {
  const p = session.current();
  if (p.role === 'public') {
    return h('form', { id: 'sign-in', class: 'sign-in', onsubmit: signIn },
      h('label', { for: 'token-input' }, t('token')),
      h('input', { id: 'token-input', name: 'token', type: 'password', autocomplete: 'off', required: true }),
      h('button', { type: 'submit' }, t('signIn')));
  }
  const scope = p.zones && p.zones.length ? ` (${p.zones.join(', ')})` : p.bank ? ` (${p.bank})`
    : p.creditCode ? ` (${p.creditCode})` : '';
  return h('span', { id: 'signed-in', class: 'signed-in', dataset: { role: p.role } },
    `${roleName(p.role)}${scope} `,
    p.creditCode && h('a', { href: `#/enterprise/${encodeURIComponent(p.creditCode)}` }, t('myEnterprise')),
    h('button', { type: 'button', id: 'sign-out', onclick: signOut }, t('signOut')));
}

function renderHeader() {
  clear(header,
    h('h1', {}, h('a', { href: '#/' }, t('title'))),
    h('nav', { 'aria-label': 'main' },
      h('a', { href: '#/' }, t('navBoards')),
      session.can('feed') && h('a', { href: '#/', 'data-target': 'feed-panel' }, t('navFeed')),
      session.can('lag') && h('a', { href: '#/', 'data-target': 'lag-panel' }, t('navLag')),
      session.can('credit') && h('a', { href: '#/', 'data-target': 'credit-panel' }, t('navCredit')),
      session.can('releases') && h('a', { href: '#/', 'data-target': 'releases-panel' }, t('navReleases')),
      session.can('rejections') && h('a', { href: '#/', 'data-target': 'rejections-panel' }, t('navRejections'))),
    account(),
    h('span', { id: 'live-status', class: connected ? 'live on' : 'live off', role: 'status' },
      connected ? t('connected') : t('disconnected')),
    h('button', {
      id: 'lang-toggle', type: 'button', title: t('langToggleAria'), lang: currentLang() === 'zh' ? 'en' : 'zh-CN',
      onclick: () => setLang(currentLang() === 'zh' ? 'en' : 'zh'),
    }, t('langToggle')));
  for (const a of header.querySelectorAll('[data-target]')) {
    a.addEventListener('click', (ev) => {
      const target = document.getElementById(a.dataset.target);
      if (target) {
        ev.preventDefault();
        target.scrollIntoView({ behavior: 'smooth' });
      }
    });
  }
  document.title = t('title');
}

async function route() {
  cleanup();
  cleanup = () => {};
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const m = hash.match(/^\/enterprise\/(.+)$/);
  main.setAttribute('aria-busy', 'true');
  try {
    cleanup = m ? await enterprise.render(main, m[1]) : await overview.render(main);
  } catch (err) {
    clear(main, h('section.panel', {}, h('h2', {}, t('error')), h('p', { role: 'alert' }, err.message)));
  } finally {
    main.removeAttribute('aria-busy');
    main.dataset.ready = 'true';
  }
}

function rerender() {
  rendering = rendering.then(route, route);
}

async function start() {
  setLang(currentLang());
  if (session.token()) {
    try {
      session.setPrincipal(await get('/api/v1/me'));
    } catch (err) {
      // an unknown or expired token: forget it and carry on as the public
      session.setToken(null);
      session.setPrincipal(null);
    }
  }
  try {
    setModels(await get('/api/v1/models'));
  } catch {
    setModels([]);
  }
  renderHeader();
  live.on('state', (up) => {
    // after a dropped connection, events may have been missed: reload the current page's data
    if (up && wasDown) rerender();
    wasDown = !up;
    connected = up;
    const s = document.getElementById('live-status');
    if (s) {
      s.className = up ? 'live on' : 'live off';
      s.textContent = up ? t('connected') : t('disconnected');
    }
  });
  live.connect();
  onLangChange(() => {
    renderHeader();
    rerender();
  });
  window.addEventListener('hashchange', rerender);
  window.addEventListener('innopoints:rerender', rerender);
  rerender();
}

start();
