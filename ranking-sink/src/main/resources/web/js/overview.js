// The overview: leaderboards per stage and scope (live), the live change feed, the consumer-lag panel and ingest's
// rejected inputs.

import { get, enc } from './api.js';
import { h, clear, table } from './dom.js';
import * as live from './live.js';
import { rejectionsPanel } from './rejections.js';
import { creditPanel } from './credit.js';
import { releasesPanel } from './releases.js';
import * as session from './session.js';
import {
  t, scopeName, stageName, cohortName, changeKindName, explanationKindName, statusName, formatNumber, formatTime,
} from './i18n.js';

const TOP = 10;
const FEED_SIZE = 30;
const LAG_REFRESH_MS = 10000;

const filters = { scope: '', stage: '' };

export function enterpriseLink(code, name) {
  // the public's leaderboard entries carry no credit code, and only some roles may open an enterprise
  if (!code || !session.can('enterprise')) return h('span', {}, name || code || '');
  return h('a', { href: `#/enterprise/${enc(code)}`, class: 'enterprise-link' }, name || code);
}

export function changeItem(c) {
  const rank = c.oldRank == null && c.newRank == null ? ''
    : `${c.oldRank ?? '—'} → ${c.newRank ?? '—'}`;
  const total = `${formatNumber(c.oldTotal)} → ${formatNumber(c.newTotal)}`;
  const explanation = c.explanation || {};
  return h('li.change', { dataset: { changeId: c.changeId, kind: c.kind } },
    h('div.change-head', {},
      h('span.badge', { class: `badge kind-${c.kind}` }, changeKindName(c.kind)),
      enterpriseLink(c.creditCode, c.name),
      h('time', { datetime: c.asOf }, formatTime(c.asOf))),
    h('div.change-body', {},
      h('span', {}, cohortName(c.cohortId)),
      rank && h('span', {}, `${t('rank')} ${rank}`),
      h('span', {}, `${t('total')} ${total}`),
      c.newTier && h('span', {}, `${t('tier')} ${c.oldTier ?? '—'} → ${c.newTier}`),
      explanation.kind && h('span.muted', {}, `${explanationKindName(explanation.kind)}`
        + (explanation.causeEventIds && explanation.causeEventIds.length
          ? ` · ${explanation.causeEventIds.join(', ')}` : ''))));
}

function boardCard(board) {
  const rows = board.entries.map((e) => h('tr', { dataset: e.creditCode ? { creditCode: e.creditCode } : {} },
    h('td.num', {}, String(e.rank)),
    h('td', {}, enterpriseLink(e.creditCode, e.name)),
    h('td.num', {}, formatNumber(e.total)),
    h('td', {}, h('span', { class: `tier tier-${e.tier}` }, e.tier))));
  return h('article.card.board', { dataset: { cohort: board.cohortId }, 'aria-label': cohortName(board.cohortId) },
    h('h3', {}, cohortName(board.cohortId)),
    h('p.meta', {}, `${t('cohortSize')} ${board.cohortSize} · ${t('revision')} ${board.revision} · ${t('updated')} `,
      h('time', { datetime: board.asOf }, formatTime(board.asOf))),
    table(`${cohortName(board.cohortId)} — Top ${TOP}`, [t('rank'), t('enterprise'), t('total'), t('tier')], rows,
      { class: 'board-table' }));
}

function matches(summary) {
  return (!filters.scope || summary.scope === filters.scope) && (!filters.stage || summary.stage === filters.stage);
}

function select(id, label, values, current, nameOf, onChange) {
  return h('label', { for: id }, label,
    h('select', { id, onchange: (e) => onChange(e.target.value) },
      h('option', { value: '' }, t('all')),
      values.map((v) => h('option', { value: v, selected: v === current }, nameOf(v)))));
}

function lagPanel(report) {
  const groups = (report && report.groups) || [];
  if (groups.length === 0) {
    return h('p.muted', {}, report && report.error ? `${t('error')}: ${report.error}` : t('noLag'));
  }
  const rows = groups.map((g) => {
    const parts = g.latest.partitions || [];
    const records = parts.reduce((s, p) => s + (p.lagRecords || 0), 0);
    const seconds = parts.reduce((s, p) => Math.max(s, p.lagSeconds || 0), 0);
    return h('tr', { dataset: { group: g.latest.groupId, status: g.status } },
      h('td', {}, g.latest.groupId),
      h('td', {}, h('span', { class: `status status-${g.status}` }, statusName(g.status))),
      h('td.num', {}, String(g.latest.members)),
      h('td.num', {}, formatNumber(records, 0)),
      h('td.num', {}, formatNumber(seconds, 1)),
      h('td.muted', {}, (g.reasons || []).join('; ')));
  });
  const rowsWithReasons = groups.some((g) => (g.reasons || []).length > 0);
  if (!rowsWithReasons) rows.forEach((r) => r.lastElementChild.remove());
  const headers = [t('group'), t('status'), t('members'), t('lagRecords'), t('lagSeconds')];
  if (rowsWithReasons) headers.push(t('reason'));
  return h('div', {},
    table(t('lag'), headers, rows, { class: 'lag-table' }),
    h('p.meta', {}, `${t('sampledAt')} ${formatTime(report.sampledAt)}`));
}

export async function render(root) {
  const cleanups = [];
  let summaries = await get('/api/v1/leaderboards');
  const boards = new Map();
  const boardsGrid = h('div.grid', { id: 'boards' });
  const filterBar = h('div.filters');
  const feedList = h('ol.feed', { id: 'feed', 'aria-live': 'polite', 'aria-relevant': 'additions' });
  const lagBox = h('div', { id: 'lag' });
  const rejections = session.can('rejections') ? rejectionsPanel() : null;
  const credit = session.can('credit') ? creditPanel() : null;
  const releases = session.can('releases') ? releasesPanel() : null;

  function renderFilters() {
    const scopes = [...new Set(summaries.map((s) => s.scope))].sort();
    const stages = [...new Set(summaries.map((s) => s.stage))];
    clear(filterBar,
      select('filter-scope', t('scope'), scopes, filters.scope, scopeName, (v) => { filters.scope = v; renderBoards(); }),
      select('filter-stage', t('stage'), stages, filters.stage, stageName, (v) => { filters.stage = v; renderBoards(); }));
  }

  function renderBoards() {
    const shown = summaries.filter(matches);
    if (shown.length === 0) {
      clear(boardsGrid, h('p.muted', {}, t('noBoards')));
      return;
    }
    clear(boardsGrid, shown.map((s) => (boards.has(s.cohortId) ? boardCard(boards.get(s.cohortId))
      : h('article.card.board', { dataset: { cohort: s.cohortId } }, h('h3', {}, cohortName(s.cohortId)),
        h('p.muted', {}, t('loading'))))));
    for (const s of shown) {
      if (!boards.has(s.cohortId)) {
        get(`/api/v1/leaderboards/${enc(s.cohortId)}?top=${TOP}`).then((b) => {
          boards.set(b.cohortId, b);
          replaceCard(b);
        }).catch(() => {});
      }
    }
  }

  function replaceCard(board) {
    const old = boardsGrid.querySelector(`[data-cohort="${CSS.escape(board.cohortId)}"]`);
    if (old) old.replaceWith(boardCard(board));
  }

  function addChange(c, flash) {
    if (feedList.querySelector(`[data-change-id="${CSS.escape(c.changeId)}"]`)) return;
    const empty = feedList.querySelector('.empty');
    if (empty) empty.remove();
    const item = changeItem(c);
    if (flash) item.classList.add('flash');
    feedList.prepend(item);
    while (feedList.children.length > FEED_SIZE) feedList.lastElementChild.remove();
  }

  clear(root,
    h('section.panel.boards', { 'aria-labelledby': 'boards-title' },
      h('div.panel-head', {}, h('h2', { id: 'boards-title' }, t('leaderboards')), filterBar),
      boardsGrid),
    h('div.side', {},
      session.can('feed') && h('section.panel', { 'aria-labelledby': 'feed-title', id: 'feed-panel' },
        h('h2', { id: 'feed-title' }, t('liveFeed')), feedList),
      session.can('lag') && h('section.panel', { 'aria-labelledby': 'lag-title', id: 'lag-panel' },
        h('h2', { id: 'lag-title' }, t('lag')), lagBox),
      credit && credit.element,
      releases && releases.element,
      rejections && rejections.element,
      session.current().role === 'public' && h('section.panel', { id: 'public-note' }, h('p.muted', {}, t('publicNote')))));
  root.className = 'overview';
  document.title = t('title');

  renderFilters();
  renderBoards();

  if (session.can('feed')) {
    const newest = await get(`/api/v1/changes/recent?limit=${FEED_SIZE}`);
    if (newest.length === 0) feedList.appendChild(h('li.empty.muted', {}, t('noChanges')));
    [...newest].reverse().forEach((c) => addChange(c, false));
    cleanups.push(live.on('ranking-change', (c) => addChange(c, true)));
  }
  cleanups.push(live.on('leaderboard', (b) => {
    const entries = b.entries.filter((e) => e.rank <= TOP);
    const board = { ...b, entries };
    boards.set(b.cohortId, board);
    if (!summaries.some((s) => s.cohortId === b.cohortId)) {
      summaries = [...summaries, { ...b, entryCount: b.entries.length }].sort((x, y) => x.cohortId.localeCompare(y.cohortId));
      renderFilters();
      renderBoards();
    } else if (matches(b)) {
      replaceCard(board);
    }
  }));

  async function refreshLag() {
    try {
      clear(lagBox, lagPanel(await get('/api/v1/lag')));
    } catch (e) {
      clear(lagBox, h('p.muted', {}, `${t('error')}: ${e.message}`));
    }
  }
  if (session.can('lag')) {
    refreshLag();
    const timer = setInterval(refreshLag, LAG_REFRESH_MS);
    cleanups.push(() => clearInterval(timer));
  }
  if (credit) {
    credit.refresh();
    const timer = setInterval(credit.refresh, LAG_REFRESH_MS);
    cleanups.push(() => clearInterval(timer));
  }
  if (releases) {
    releases.refresh();
    const timer = setInterval(releases.refresh, LAG_REFRESH_MS);
    cleanups.push(() => clearInterval(timer));
  }
  if (rejections) {
    rejections.refresh();
    const timer = setInterval(rejections.refresh, LAG_REFRESH_MS);
    cleanups.push(() => clearInterval(timer));
  }
  return () => cleanups.forEach((fn) => fn());
}
