// The enterprise page: header with ranks, dimension breakdown chart, indicator table, score and rank history charts,
// the explanation of every change, its ranking changes (live), and the what-if form.

import { get, post, enc } from './api.js';
import * as session from './session.js';
import { h, clear, table } from './dom.js';
import { barChart, lineChart } from './charts.js';
import * as live from './live.js';
import { changeItem } from './overview.js';
import {
  t, findModel, cohortName, stageName, dimensionName, indicatorName, explanationKindName, formatNumber, formatTime,
  formatUnit,
} from './i18n.js';

const TABLE_SCORERS = new Set(['level-table', 'kind-table', 'grade-table']);

function maxPoints(model, stage, indicatorId) {
  const ind = model && model.indicators.find((i) => i.id === indicatorId);
  if (!ind) return null;
  return ind.weights[stage] ?? null;
}

function dimensionChart(e, model) {
  const dims = model ? model.dimensions.map((d) => d.id) : e.dimensions.map((d) => d.dimensionId);
  const items = dims.map((id) => {
    const stored = e.dimensions.find((d) => d.dimensionId === id);
    const max = model ? model.indicators.filter((i) => i.dimension === id && i.scorer !== 'penalty')
      .reduce((s, i) => s + (i.weights[e.stage] || 0), 0) : Math.max(stored ? stored.points : 0, 1);
    return { label: dimensionName(id), value: stored ? stored.points : 0, max };
  });
  return barChart(items, { title: t('breakdown'), format: (v) => formatNumber(v) });
}

function indicatorTable(e, model) {
  const rows = e.indicators.map((i) => h('tr', { dataset: { indicator: i.indicatorId } },
    h('th', { scope: 'row' }, indicatorName(i.indicatorId)),
    h('td', {}, dimensionName(i.dimensionId)),
    h('td.num', {}, i.valueRedacted ? h('span.muted', { title: t('redactedHint') }, t('redacted'))
      : i.value == null ? t('missing') : formatNumber(i.value)),
    h('td', {}, formatUnit(i.unit)),
    h('td.num', { class: i.points < 0 ? 'num negative' : 'num' }, formatNumber(i.points)),
    h('td.num', {}, formatNumber(maxPoints(model, e.stage, i.indicatorId)))));
  return table(t('indicators'), [t('indicator'), t('dimension'), t('rawValue'), t('unit'), t('points'), t('maxPoints')],
    rows, { class: 'indicator-table', id: 'indicator-table' });
}

function ranksTable(e) {
  if (!e.ranked || e.ranks.length === 0) return h('p.muted', {}, t('notRanked'));
  return table(t('ranks'), [t('cohort'), t('publishedRank'), t('liveRank'), t('cohortSize'), t('percentile'), t('tier')],
    e.ranks.map((r) => [cohortName(r.cohortId), String(r.publishedRank), String(r.liveRank), String(r.cohortSize),
      formatNumber(r.percentile, 1), h('span', { class: `tier tier-${r.tier}` }, r.tier)]), { class: 'ranks-table' });
}

function historyCharts(e, history) {
  const oldest = [...history].reverse();
  const axis = (iso) => formatTime(iso).split(' ')[0];
  const totals = oldest.map((r) => ({ t: Date.parse(r.asOf), y: r.total, label: `#${r.revision} ${formatTime(r.asOf)}`, axis: axis(r.asOf) }));
  const cohort = (e.ranks.find((r) => r.scope === 'zone') || e.ranks[0] || {}).cohortId;
  const ranks = oldest.flatMap((r) => {
    const rank = (r.ranks || []).find((x) => x.cohortId === cohort);
    return rank ? [{ t: Date.parse(r.asOf), y: rank.rank, label: `#${r.revision} ${formatTime(r.asOf)}`, axis: axis(r.asOf) }] : [];
  });
  return h('div.charts', {},
    h('figure', {}, lineChart(totals, { title: t('totalHistory'), format: (v) => formatNumber(v, 1) }),
      h('figcaption', {}, t('totalHistory'))),
    cohort && h('figure', {}, lineChart(ranks, { title: `${t('rankHistory')} — ${cohortName(cohort)}`, invert: true, integer: true, format: (v) => formatNumber(v, 0) }),
      h('figcaption', {}, `${t('rankHistory')} — ${cohortName(cohort)}`)));
}

function explanationBlock(entry) {
  const x = entry.explanation || {};
  const deltas = x.indicatorDeltas || [];
  return h('li.explanation', { dataset: { revision: entry.revision } },
    h('div.change-head', {},
      h('span', { class: `badge xkind-${x.kind}` }, explanationKindName(x.kind)),
      h('strong', {}, `${t('revision')} ${entry.revision}`),
      h('time', { datetime: entry.asOf }, formatTime(entry.asOf))),
    h('p', {}, `${t('total')} ${formatNumber(x.previousTotal)} → ${formatNumber(entry.total)}`,
      x.previousStage && x.previousStage !== entry.stage ? ` · ${t('stage')} ${stageName(x.previousStage)} → ${stageName(entry.stage)}` : '',
      x.previousModelVersion ? ` · ${t('model')} ${x.previousModelVersion} → ${entry.modelVersion}` : ''),
    h('p.causes', {}, `${t('causes')}: `, (x.causeEventIds || []).length
      ? (x.causeEventIds || []).map((id) => h('code', {}, id)) : t('none')),
    deltas.length ? table(t('deltas'), [t('indicator'), t('previous'), t('after'), t('delta')],
      deltas.map((d) => [indicatorName(d.indicatorId), formatNumber(d.previousPoints), formatNumber(d.points),
        h('span', { class: d.delta < 0 ? 'negative' : 'positive' }, `${d.delta > 0 ? '+' : ''}${formatNumber(d.delta)}`)]),
    { class: 'delta-table' }) : null);
}

function pct(v) {
  if (v == null) return '—';
  return `${v > 0 ? '+' : ''}${formatNumber(v * 100, 1)}%`;
}

function whatIfForm(e, model, resultBox) {
  if (!model) {
    return h('p.muted', {}, `${t('model')} ${e.modelId}:${e.modelVersion} — ${t('error')}`);
  }
  const original = new Map(e.indicators.map((i) => [i.indicatorId, i.value]));
  const inputs = [];
  const groups = model.dimensions.map((d) => {
    const fields = model.indicators.filter((i) => i.dimension === d.id).map((i) => {
      const id = `wi-${i.id}`;
      const editable = !TABLE_SCORERS.has(i.scorer);
      const value = original.get(i.id);
      const input = h('input', {
        id, name: i.id, type: 'number', step: 'any', inputmode: 'decimal', disabled: !editable,
        value: value == null ? '' : String(value), 'aria-describedby': editable ? null : `${id}-note`,
      });
      if (editable) inputs.push(input);
      return h('div.field', {},
        h('label', { for: id }, indicatorName(i.id), h('span.unit', {}, ` (${formatUnit(i.unit)})`)),
        input,
        editable ? null : h('small', { id: `${id}-note`, class: 'muted' }, t('notChangeable')));
    });
    return h('fieldset', {}, h('legend', {}, dimensionName(d.id)), fields);
  });
  const cohortSelect = h('select', { id: 'wi-cohort', name: 'cohort' },
    e.ranks.map((r) => h('option', { value: r.cohortId, selected: r.scope === 'zone' }, cohortName(r.cohortId))));
  const topInput = h('input', { id: 'wi-top', name: 'top', type: 'number', min: 1, step: 1, value: String(model.topN) });
  const form = h('form.whatif', { id: 'whatif-form', novalidate: true },
    h('div.whatif-target', {},
      e.ranks.length ? h('label', { for: 'wi-cohort' }, t('cohort'), cohortSelect) : null,
      h('label', { for: 'wi-top' }, t('topN'), topInput)),
    h('div.whatif-fields', {}, groups),
    h('div.actions', {},
      h('button', { type: 'submit', class: 'primary' }, t('calculate')),
      h('button', { type: 'reset' }, t('reset'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const changes = {};
    for (const input of inputs) {
      const before = original.get(input.name);
      const raw = input.value.trim();
      if (raw === '' && before != null) changes[input.name] = null;
      else if (raw !== '' && Number(raw) !== before) changes[input.name] = Number(raw);
    }
    const body = { changes, top: Number(topInput.value) || model.topN };
    if (e.ranks.length) body.cohort = cohortSelect.value;
    clear(resultBox, h('p.muted', {}, t('loading')));
    try {
      renderWhatIf(resultBox, await post(`/api/v1/enterprises/${enc(e.creditCode)}/what-if`, body));
    } catch (err) {
      // the error body's message already names the field ("changes.revenue: …")
      clear(resultBox, h('p.error', { role: 'alert' }, `${t('error')}: ${err.message}`));
    }
  });
  form.addEventListener('reset', () => setTimeout(() => clear(resultBox), 0));
  return form;
}

function renderWhatIf(box, a) {
  const s = a.scenario;
  const diff = s.newTotal - s.total;
  const changed = s.indicators.filter((i) => i.changed);
  const parts = [
    h('p.whatif-total', {}, `${t('newTotal')}: `, h('strong', { id: 'whatif-new-total' }, formatNumber(s.newTotal)),
      ` (${formatNumber(s.total)} ${diff >= 0 ? '+' : ''}${formatNumber(diff)})`),
  ];
  if (s.ranks.length) {
    parts.push(table(t('newRank'), [t('cohort'), t('rank'), t('newRank'), t('tier')], s.ranks.map((r) => [
      cohortName(r.cohortId), String(r.rank), h('strong', {}, String(r.newRank)), `${r.tier} → ${r.newTier}`])));
  }
  if (s.shiftedMembers > 0) parts.push(h('p.muted', {}, t('shifted', { n: s.shiftedMembers })));
  if (changed.length) {
    parts.push(table(t('indicators'), [t('indicator'), t('rawValue'), t('points'), t('delta')], changed.map((i) => [
      indicatorName(i.indicatorId), `${formatNumber(i.value)} → ${formatNumber(i.newValue)}`,
      `${formatNumber(i.points)} → ${formatNumber(i.newPoints)}`, `${i.delta > 0 ? '+' : ''}${formatNumber(i.delta)}`])));
  }
  const target = a.target;
  if (target) {
    let line;
    if (target.alreadyInTop) {
      line = t('alreadyTop', { n: target.topN, rank: target.rank });
    } else if (target.cheapest) {
      const c = target.cheapest;
      line = t('cheapestText', {
        ind: indicatorName(c.indicatorId), from: c.value == null ? t('missing') : formatNumber(c.value),
        to: formatNumber(c.requiredValue), unit: formatUnit(c.unit), rel: pct(c.relativeChange),
        total: formatNumber(c.newTotal), rank: c.newRank,
      });
    } else {
      line = t('unreachable', { n: target.topN });
    }
    parts.push(h('div.target', { id: 'whatif-target' },
      h('h4', {}, `${t('cheapest')} — ${cohortName(target.cohortId)} · Top ${target.topN}`),
      h('p', {}, line),
      target.thresholdTotal != null ? h('p.muted', {}, `${t('threshold')}: ${formatNumber(target.thresholdTotal)}`) : null));
    if (!target.alreadyInTop && target.options.length) {
      parts.push(h('details', {}, h('summary', {}, t('options')),
        table(t('options'), [t('indicator'), t('rawValue'), t('required'), t('relative'), t('total'), t('rank'), t('reason')],
          target.options.map((o) => [indicatorName(o.indicatorId), formatNumber(o.value), formatNumber(o.requiredValue),
            pct(o.relativeChange), formatNumber(o.newTotal), o.newRank == null ? '—' : String(o.newRank),
            o.reasonCode ? h('span', { title: o.reason }, t(`reason_${o.reasonCode}`)) : '']))));
    }
  }
  clear(box, parts);
}

export async function render(root, code) {
  root.className = 'enterprise';
  let e;
  try {
    e = await get(`/api/v1/enterprises/${enc(code)}`);
  } catch (err) {
    clear(root, h('section.panel', {}, h('h2', {}, err.status === 404 ? t('notFound') : t('error')),
      h('p', {}, code), h('p', {}, h('a', { href: '#/' }, t('back')))));
    return () => {};
  }
  const [history, changes] = await Promise.all([
    get(`/api/v1/enterprises/${enc(code)}/history?limit=100`),
    get(`/api/v1/changes/recent?enterprise=${enc(code)}&limit=100`),
  ]);
  const model = findModel(e.modelId, e.modelVersion);
  const resultBox = h('div.whatif-result', { id: 'whatif-result', 'aria-live': 'polite' });
  const changeList = h('ol.feed', { id: 'enterprise-changes' }, changes.map(changeItem));
  clear(root,
    h('p', {}, h('a', { href: '#/', class: 'back' }, `← ${t('back')}`)),
    h('section.panel.head', { 'aria-labelledby': 'ent-name' },
      h('div.head-main', {},
        h('h2', { id: 'ent-name' }, e.name || e.creditCode),
        h('dl.facts', {},
          h('dt', {}, t('creditCode')), h('dd', {}, h('code', {}, e.creditCode)),
          h('dt', {}, t('zone')), h('dd', {}, e.zone),
          h('dt', {}, t('industry')), h('dd', {}, e.industry),
          h('dt', {}, t('stage')), h('dd', {}, stageName(e.stage)),
          h('dt', {}, t('model')), h('dd', {}, `${e.modelId}:${e.modelVersion}`),
          h('dt', {}, t('asOf')), h('dd', {}, formatTime(e.asOf)))),
      h('div.head-total', {}, h('span.big', { id: 'ent-total' }, formatNumber(e.total)), h('span.muted', {}, t('total'))),
      ranksTable(e)),
    h('div.stack', {},
      h('section.panel', { 'aria-labelledby': 'bd-title', id: 'breakdown' },
        h('h2', { id: 'bd-title' }, t('breakdown')), dimensionChart(e, model)),
      h('section.panel', { 'aria-labelledby': 'hist-title', id: 'history' },
        h('h2', { id: 'hist-title' }, t('history')), historyCharts(e, history))),
    h('section.panel', { 'aria-labelledby': 'ind-title' }, h('h2', { id: 'ind-title' }, t('indicators')), indicatorTable(e, model)),
    h('section.panel', { 'aria-labelledby': 'exp-title', id: 'explanations' },
      h('h2', { id: 'exp-title' }, t('explanations')), h('ol.explanations', {}, history.map(explanationBlock))),
    h('section.panel', { 'aria-labelledby': 'rc-title' }, h('h2', { id: 'rc-title' }, t('rankingChanges')),
      changes.length ? changeList : h('p.muted', {}, t('noChanges'))),
    session.can('whatIf') && h('section.panel', { 'aria-labelledby': 'wi-title', id: 'whatif' },
      h('h2', { id: 'wi-title' }, t('whatIf')), h('p.muted', {}, t('whatIfHint')), whatIfForm(e, model, resultBox), resultBox));
  document.title = `${e.name || e.creditCode} — ${t('title')}`;
  const off = live.on('ranking-change', (c) => {
    if (c.creditCode === e.creditCode) {
      window.dispatchEvent(new CustomEvent('innopoints:rerender'));
    }
  });
  return off;
}

