// Small inline-SVG charts (no library): horizontal bars and a line over time. Each chart is an <svg role="img">
// with a <title> and <desc> so screen readers get the numbers, and a viewBox so it scales with its container.

const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(width, height, title, desc) {
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', preserveAspectRatio: 'xMidYMid meet' });
  const id = `c${Math.random().toString(36).slice(2, 9)}`;
  svg.setAttribute('aria-labelledby', `${id}-t ${id}-d`);
  svg.appendChild(el('title', { id: `${id}-t` }, title));
  svg.appendChild(el('desc', { id: `${id}-d` }, desc));
  return svg;
}

/**
 * Horizontal bars: items [{label, value, max}] — each bar shows value against its own max (the track), with the
 * value written at the end. Negative values (penalties) are drawn in the warning colour from zero.
 */
export function barChart(items, { title, format = (v) => String(v) }) {
  const rowH = 34;
  const labelW = 230;
  const width = 640;
  const trackW = width - labelW - 90;
  const height = Math.max(rowH * items.length + 8, 40);
  const desc = items.map((i) => `${i.label}: ${format(i.value)} / ${format(i.max)}`).join('; ');
  const svg = frame(width, height, title, desc);
  items.forEach((item, idx) => {
    const y = 6 + idx * rowH;
    const g = el('g', { class: 'bar', 'data-label': item.label });
    g.appendChild(el('text', { x: labelW - 10, y: y + 18, 'text-anchor': 'end', class: 'bar-label' }, item.label));
    g.appendChild(el('rect', { x: labelW, y: y + 4, width: trackW, height: 20, rx: 4, class: 'bar-track' }));
    const max = item.max > 0 ? item.max : Math.max(Math.abs(item.value), 1);
    const share = Math.min(Math.abs(item.value) / max, 1);
    g.appendChild(el('rect', {
      x: labelW, y: y + 4, width: Math.max(share * trackW, item.value === 0 ? 0 : 2), height: 20, rx: 4,
      class: item.value < 0 ? 'bar-fill negative' : 'bar-fill',
    }));
    g.appendChild(el('text', { x: labelW + trackW + 8, y: y + 19, class: 'bar-value' },
      `${format(item.value)} / ${format(item.max)}`));
    svg.appendChild(g);
  });
  return svg;
}

/**
 * A line over time: points [{t (ms), y, label}] in time order. invert draws smaller values higher (ranks).
 */
export function lineChart(points, { title, format = (v) => String(v), invert = false, integer = false }) {
  const width = 640;
  const height = 220;
  const pad = { l: 56, r: 20, t: 16, b: 36 };
  const desc = points.map((p) => `${p.label}: ${format(p.y)}`).join('; ');
  const svg = frame(width, height, title, desc);
  if (points.length === 0) return svg;
  const ys = points.map((p) => p.y);
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (integer) {
    lo = Math.floor(lo);
    hi = Math.ceil(hi);
  }
  if (hi === lo) {
    hi += integer ? 1 : Math.max(Math.abs(hi) * 0.1, 1);
    lo -= integer ? (lo > 1 ? 1 : 0) : Math.max(Math.abs(lo) * 0.1, 1);
  }
  const t0 = points[0].t;
  const t1 = points[points.length - 1].t;
  const x = (t) => pad.l + (t1 === t0 ? (width - pad.l - pad.r) / 2 : ((t - t0) / (t1 - t0)) * (width - pad.l - pad.r));
  const y = (v) => {
    const share = (v - lo) / (hi - lo);
    return invert ? pad.t + share * (height - pad.t - pad.b) : height - pad.b - share * (height - pad.t - pad.b);
  };
  const ticks = integer && hi - lo <= 6 ? [...Array(hi - lo + 1).keys()].map((k) => lo + k) : [lo, (lo + hi) / 2, hi];
  for (const v of ticks) {
    svg.appendChild(el('line', { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), class: 'grid' }));
    svg.appendChild(el('text', { x: pad.l - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, format(v)));
  }
  const first = points[0];
  const last = points[points.length - 1];
  svg.appendChild(el('text', { x: pad.l, y: height - 10, class: 'axis' }, first.axis || ''));
  if (points.length > 1) {
    svg.appendChild(el('text', { x: width - pad.r, y: height - 10, 'text-anchor': 'end', class: 'axis' }, last.axis || ''));
  }
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
  svg.appendChild(el('path', { d, class: invert ? 'line alt' : 'line' }));
  for (const p of points) {
    const c = el('circle', { cx: x(p.t), cy: y(p.y), r: 4, class: invert ? 'dot alt' : 'dot' });
    c.appendChild(el('title', {}, `${p.label}: ${format(p.y)}`));
    svg.appendChild(c);
  }
  return svg;
}
