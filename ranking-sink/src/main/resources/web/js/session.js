// Who is signed in: the bearer token (sessionStorage: gone when the tab closes) and the principal the sink sees for
// it (/api/v1/me). Views ask can(feature) so each role sees what the API would answer; the API enforces it anyway.

const KEY = 'innopoints.token';
let principal = { role: 'public', zones: [] };

const FEATURES = {
  enterprise: ['zone-admin', 'bank', 'enterprise'],
  feed: ['zone-admin', 'bank', 'enterprise'],
  lag: ['zone-admin', 'operator'],
  rejections: ['zone-admin', 'operator'],
  credit: ['zone-admin', 'bank'],
  releases: ['zone-admin', 'operator', 'bank'],
  releaseDetail: ['zone-admin', 'bank'],
  releaseClose: ['zone-admin', 'operator'],
  whatIf: ['zone-admin', 'enterprise'],
};

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

export function setPrincipal(p) {
  principal = p || { role: 'public', zones: [] };
}

export function current() {
  return principal;
}

export function can(feature) {
  return (FEATURES[feature] || []).includes(principal.role);
}
