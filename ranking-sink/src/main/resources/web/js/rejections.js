// Ingest's dead letters for zone admins and operators (/api/v1/ingest-rejections): the newest rejections with the
// provider, the event type, every field error and the time, filterable by type and provider. The API never returns
// the original payload, so neither does this panel.

import { get, enc } from './api.js';
import { h, clear, table } from './dom.js';
import { t, formatTime } from './i18n.js';

const SHOWN = 20;
const TYPES = ['registrations', 'patents', 'tech-contracts', 'tax-filings', 'credentials'];

function rows(list) {
  return list.map((r) => h('tr', { dataset: { eventId: r.eventId || '', offset: String(r.offset) } },
    h('td', {}, formatTime(r.rejectedAt)),
    h('td', {}, r.provider || '—'),
    h('td', {}, r.eventType || '—'),
    h('td', {}, r.eventId || '—'),
    h('td', {}, (r.errors || []).map((e) => h('div', {}, h('code', {}, e.field), ` ${e.reason}`)))));
}

/** The panel and a refresh function (the overview calls it on its lag timer). */
export function rejectionsPanel() {
  const filter = { type: '', provider: '' };
  const box = h('div', { id: 'rejections' });

  async function refresh() {
    const query = [`limit=${SHOWN}`];
    if (filter.type) query.push(`type=${enc(filter.type)}`);
    if (filter.provider) query.push(`provider=${enc(filter.provider)}`);
    try {
      const list = await get(`/api/v1/ingest-rejections?${query.join('&')}`);
      clear(box, list.length === 0 ? h('p.muted', {}, t('noRejections'))
        : table(t('rejections'), [t('rejectedAt'), t('provider'), t('eventType'), t('eventId'), t('fieldErrors')],
          rows(list), { class: 'rejections-table' }));
    } catch (e) {
      clear(box, h('p.muted', {}, `${t('error')}: ${e.message}`));
    }
  }

  const controls = h('div.filters', {},
    h('label', { for: 'rejections-type' }, t('eventType'),
      h('select', { id: 'rejections-type', onchange: (e) => { filter.type = e.target.value; refresh(); } },
        h('option', { value: '' }, t('all')), TYPES.map((v) => h('option', { value: v }, v)))),
    h('label', { for: 'rejections-provider' }, t('provider'),
      h('input', { id: 'rejections-provider', type: 'search', size: 14,
        onchange: (e) => { filter.provider = e.target.value.trim(); refresh(); } })));
  const element = h('section.panel', { 'aria-labelledby': 'rejections-title', id: 'rejections-panel' },
    h('div.panel-head', {}, h('h2', { id: 'rejections-title' }, t('rejections')), controls), box);
  return { element, refresh };
}
