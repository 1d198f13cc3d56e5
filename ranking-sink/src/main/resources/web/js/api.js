// Thin JSON client of the sink's read API (same origin).

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
  return handle(await fetch(path, { headers: { Accept: 'application/json' } }));
}

export async function post(path, data) {
  return handle(await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(data),
  }));
}

export const enc = encodeURIComponent;
