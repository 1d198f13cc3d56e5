// Official period releases (/api/v1/releases): the stored versions for zone admins, operators and banks; for zone
// admins and banks the chosen release — stage distribution, R&D intensity, each cohort's top-N with the live rank now,
// the changes from the previous version, CSV and PDF; for operators and zone admins a form that closes a period.

import { get, post, enc } from './api.js';
import { token, can } from './session.js';
import { h, clear, table } from './dom.js';
import { t, stageName, cohortName, formatNumber, formatTime } from './i18n.js';
import { barChart } from './charts.js';

async function download(path, name) {
  const headers = token() ? { Authorization: `Bearer ${token()}` } : {};
  const response = await fetch(path, { headers });
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function closeForm(models, onClosed) {
  const message = h('p.muted', { id: 'release-close-result', role: 'status' });
  const form = h('form.filters', { id: 'release-close' },
    h('label', {}, t('releasePeriod'), h('input', { name: 'periodId', required: true, placeholder: '2025-annual', size: 12 })),
    h('label', {}, t('releaseAsOf'), h('input', { name: 'asOf', type: 'date', required: true })),
    h('label', {}, t('releaseCutOff'), h('input', { name: 'cutOff', type: 'date', required: true })),
    h('label', {}, t('releaseModel'), h('select', { name: 'model' },
      models.map((m) => h('option', { value: `${m.id}\u0000${m.version}` }, `${m.id} ${m.version}`)))),
    h('button', { type: 'submit' }, t('releaseClose')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const [model, modelVersion] = String(data.get('model')).split('\u0000');
    clear(message, t('loading'));
    try {
      const r = await post(`/api/v1/releases/${enc(data.get('periodId'))}`,
        { asOf: data.get('asOf'), cutOff: data.get('cutOff'), model, modelVersion });
      clear(message, `${r.periodId} v${r.version}: ${r.outcome === 'PUBLISHED' ? t('releasePublished') : t('releaseUnchanged')}`
        + ` · ${t('releaseEvents')} ${r.eventsCounted} · ${r.digest.slice(0, 12)}…`);
      onClosed();
      setTimeout(onClosed, 1500); // materialized from the topic a moment later
    } catch (err) {
      clear(message, `${t('error')}: ${err.message}`);
    }
  });
  return h('div', {}, form, message);
}

function detail(r) {
  const stages = barChart(r.stages.map((s) => ({ label: stageName(s.stage), value: s.count, max: Math.max(r.ranked, 1) })),
    { title: t('releaseStages') });
  const intensity = r.statistics.filter((s) => s.indicatorId === 'rd-intensity').map((s) => [
    s.stage ? stageName(s.stage) : t('releaseAll'), String(s.count), formatNumber(s.mean), formatNumber(s.median)]);
  const cohorts = r.cohorts.map((c) => h('details', { dataset: { cohort: c.cohortId } },
    h('summary', {}, `${cohortName(c.cohortId)} · ${c.size} · ${t('releaseLiveOnly')} ${c.live.onlyLive.length}`),
    table(`${t('releaseTop')} ${r.topN}`, ['#', t('enterprise'), t('total'), t('tier'), t('releaseLiveRank')],
      c.top.map((e) => h('tr', { dataset: { creditCode: e.creditCode } },
        h('td', {}, String(e.rank)),
        h('td', {}, h('a', { href: `#/enterprise/${enc(e.creditCode)}` }, e.name)),
        h('td.num', {}, formatNumber(e.total)),
        h('td', {}, e.tier),
        h('td', {}, e.liveRank === null ? '—' : String(e.liveRank)))))));
  return h('div', { id: 'release-detail', dataset: { version: r.version } },
    h('p', {}, `${r.periodId} v${r.version} · ${t('releaseAsOf')} ${formatTime(r.asOf)} · ${t('releaseCutOff')} `
      + `${formatTime(r.cutOff)} · ${r.modelId} ${r.modelVersion} · ${t('releaseEvents')} ${r.eventsCounted}`),
    h('p.muted.digest', {}, `SHA-256 ${r.digest}`),
    h('div.filters', {},
      h('button', { type: 'button', id: 'release-csv', onclick: () => download(`/api/v1/releases/${enc(r.periodId)}?version=${r.version}&format=csv`, `${r.periodId}-v${r.version}.csv`) }, 'CSV'),
      h('button', { type: 'button', id: 'release-pdf', onclick: () => download(`/api/v1/releases/${enc(r.periodId)}/report?version=${r.version}`, `${r.periodId}-v${r.version}.pdf`) }, 'PDF')),
    stages,
    table(t('releaseIntensity'), [t('stage'), 'n', t('releaseMean'), t('releaseMedian')], intensity),
    r.previousVersion && h('p', { id: 'release-changes' }, `${t('releaseChanges')} v${r.previousVersion}: ${r.changes.length}`),
    cohorts);
}

/** The panel and a refresh function (called on a timer: it redraws only when the stored versions changed). */
export function releasesPanel() {
  const box = h('div', { id: 'releases' });
  const formBox = h('div', { id: 'release-form' });
  let chosen = '';
  let shown = null;

  async function render(versions) {
    if (versions.length === 0) {
      clear(box, h('p.muted', {}, t('noReleases')));
      return;
    }
    if (!versions.some((v) => `${v.periodId}:${v.version}` === chosen)) chosen = `${versions[0].periodId}:${versions[0].version}`;
    const parts = [h('div.filters', {}, h('label', { for: 'release-version' }, t('releaseVersion'),
      h('select', { id: 'release-version', onchange: (e) => { chosen = e.target.value; render(versions); } },
        versions.map((v) => h('option', { value: `${v.periodId}:${v.version}`, selected: `${v.periodId}:${v.version}` === chosen },
          `${v.periodId} v${v.version}`)))))];
    if (can('releaseDetail')) {
      const [periodId, version] = chosen.split(':');
      parts.push(detail(await get(`/api/v1/releases/${enc(periodId)}?version=${version}`)));
    } else {
      parts.push(table(t('releaseVersions'), [t('releasePeriod'), 'v', t('releaseCutOff'), 'SHA-256'],
        versions.map((v) => h('tr', { dataset: { release: `${v.periodId}:${v.version}` } },
          h('td', {}, v.periodId), h('td', {}, String(v.version)), h('td', {}, formatTime(v.cutOff)),
          h('td', {}, v.digest.slice(0, 16))))));
    }
    clear(box, parts);
  }

  async function refresh() {
    try {
      if (can('releaseClose') && !formBox.firstChild) clear(formBox, closeForm(await get('/api/v1/models'), refresh));
      const versions = await get('/api/v1/releases');
      const key = versions.map((v) => `${v.periodId}:${v.version}`).join(',');
      if (key === shown) return;
      shown = key;
      await render(versions);
    } catch (e) {
      shown = null;
      clear(box, h('p.muted', {}, `${t('error')}: ${e.message}`));
    }
  }

  const element = h('section.panel', { 'aria-labelledby': 'releases-title', id: 'releases-panel' },
    h('h2', { id: 'releases-title' }, t('releases')), formBox, box);
  return { element, refresh };
}
