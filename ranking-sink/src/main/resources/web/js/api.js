// Thin JSON client of the sink's read API (same origin), sending the signed-in token.

import { token } from './session.js';

function headers(extra) {
  const t = token();
  return t ? { ...extra, Authorization: `Bearer ${t}` } : extra;
}

// An error answer: an RFC 9457 problem document (application/problem+json); `detail` says what went wrong and
// names the field ("top: 'zero' is not an integer"), `errors` lists every field at fault.
export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
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
    body = { detail: text };
  }
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

export async function get(path) {
  return handle(await fetch(path, { headers: headers({ Accept: 'application/json, application/problem+json' }) }));
}

export async function post(path, data) {
  return handle(await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' }),
    body: JSON.stringify(data),
  }));
}

export const enc = encodeURIComponent;
