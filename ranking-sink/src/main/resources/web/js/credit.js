// Banks' credit programmes (/api/v1/credit-programmes) for a bank (the programmes it runs) and zone admins (their
// zones'): budget, allocated total and the live credit list with each enterprise's amount; CSV of the whole list.
// The API returns ranks, tiers and amounts only — no financial values — so neither does this panel.

import { get, enc } from './api.js';
import { token } from './session.js';
import { h, clear, table } from './dom.js';
import { t, stageName } from './i18n.js';

const SHOWN = 20;
const yuan = (v) => Number(v).toLocaleString();

async function downloadCsv(id) {
  const headers = { Accept: 'text/csv' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const response = await fetch(`/api/v1/credit-programmes/${enc(id)}/allocation?format=csv`, { headers });
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: `credit-${id}.csv` });
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function summary(p) {
  return h('p', { class: 'credit-summary', dataset: { programme: p.id } },
    `${p.id} · ${p.bankId} · ${p.zone} — ${t('creditBudget')} ${yuan(p.budgetYuan)} · ${t('creditAllocated')} `,
    h('strong', {}, yuan(p.allocatedYuan)), ` · ${t('creditCandidates')} ${p.candidates}`);
}

function rows(entries) {
  return entries.slice(0, SHOWN).map((e) => h('tr', { dataset: { creditCode: e.creditCode } },
    h('td', {}, String(e.position)),
    h('td', {}, h('a', { href: `#/enterprise/${enc(e.creditCode)}` }, e.name)),
    h('td', {}, stageName(e.stage)),
    h('td', {}, String(e.liveRank)),
    h('td', {}, e.tier),
    h('td.num', {}, yuan(e.amountYuan))));
}

/** The panel and a refresh function (the overview calls it on its lag timer). */
export function creditPanel() {
  const box = h('div', { id: 'credit' });
  let chosen = '';

  async function refresh() {
    try {
      const programmes = await get('/api/v1/credit-programmes');
      if (programmes.length === 0) {
        clear(box, h('p.muted', {}, t('noCreditProgrammes')));
        return;
      }
      if (!programmes.some((p) => p.id === chosen)) chosen = programmes[0].id;
      const list = await get(`/api/v1/credit-programmes/${enc(chosen)}/allocation`);
      clear(box,
        h('div.filters', {},
          h('label', { for: 'credit-programme' }, t('creditProgramme'),
            h('select', { id: 'credit-programme', onchange: (e) => { chosen = e.target.value; refresh(); } },
              programmes.map((p) => h('option', { value: p.id, selected: p.id === chosen }, p.id)))),
          h('button', { type: 'button', id: 'credit-csv', onclick: () => downloadCsv(chosen) }, 'CSV')),
        summary(list.programme),
        table(t('creditList'), ['#', t('enterprise'), t('stage'), t('rank'), t('tier'), t('creditAmount')],
          rows(list.entries), { class: 'credit-table' }));
    } catch (e) {
      clear(box, h('p.muted', {}, `${t('error')}: ${e.message}`));
    }
  }

  const element = h('section.panel', { 'aria-labelledby': 'credit-title', id: 'credit-panel' },
    h('h2', { id: 'credit-title' }, t('credit')), box);
  return { element, refresh };
}
