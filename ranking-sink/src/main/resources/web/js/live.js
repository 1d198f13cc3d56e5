// One EventSource for the whole page (/api/v1/stream): ranking-change and leaderboard events fan out to listeners;
// the connection state is shown in the header. EventSource reconnects by itself. It cannot send headers, so the
// signed-in token goes as ?access_token= (the sink accepts that on this route only).

import { token } from './session.js';

const listeners = { 'ranking-change': [], leaderboard: [], state: [] };
let source = null;

export function connect() {
  if (source) return;
  const t = token();
  source = new EventSource(t ? `/api/v1/stream?access_token=${encodeURIComponent(t)}` : '/api/v1/stream');
  source.addEventListener('open', () => emit('state', true));
  source.addEventListener('error', () => emit('state', false));
  for (const type of ['ranking-change', 'leaderboard']) {
    source.addEventListener(type, (e) => {
      let data;
      try {
        data = JSON.parse(e.data);
      } catch {
        return;
      }
      emit(type, data);
    });
  }
}

function emit(type, data) {
  for (const fn of listeners[type]) fn(data);
}

/** Subscribes; returns the function that unsubscribes. */
export function on(type, fn) {
  listeners[type].push(fn);
  return () => {
    const i = listeners[type].indexOf(fn);
    if (i >= 0) listeners[type].splice(i, 1);
  };
}
