// Thin JSON client of the sink's read API (same origin), sending the signed-in token.

import { token } from './session.js';

function headers(extra) {
  const t = token();
  return t ? { ...extra, Authorization: `Bearer ${t}` } : extra;
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.message || body.reason || body.error)) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function handle(response) {
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { error: text };
  }
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

export async function get(path) {
  return handle(await fetch(path, { headers: headers({ Accept: 'application/json' }) }));
}

export async function post(path, data) {
  return handle(await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
    body: JSON.stringify(data),
  }));
}

export const enc = encodeURIComponent;
