/**
 * The only label values HTTP metrics take, so that no client can grow the series count: a
 * method outside the usual ones is "other", and a status is its class, except the codes that
 * tell the host's own failures apart (see the design card's proxied-path errors).
 */
export const METHOD_LABELS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'other'] as const;
export const STATUS_LABELS = ['1xx', '2xx', '3xx', '4xx', '404', '413', '5xx', '502', '503', '504', 'aborted'] as const;

const OTHER_METHOD = METHOD_LABELS.length - 1;
const ABORTED = STATUS_LABELS.length - 1;

export function methodIndex(method: string): number {
  switch (method) {
    case 'GET':
      return 0;
    case 'HEAD':
      return 1;
    case 'POST':
      return 2;
    case 'PUT':
      return 3;
    case 'PATCH':
      return 4;
    case 'DELETE':
      return 5;
    case 'OPTIONS':
      return 6;
    default:
      return OTHER_METHOD;
  }
}

/** The status label of a response; `aborted` when the client did not get all of it. */
export function statusIndex(status: number | 'aborted'): number {
  if (status === 'aborted') return ABORTED;
  switch (status) {
    case 404:
      return 4;
    case 413:
      return 5;
    case 502:
      return 7;
    case 503:
      return 8;
    case 504:
      return 9;
  }
  if (status < 200) return 0;
  if (status < 300) return 1;
  if (status < 400) return 2;
  if (status < 500) return 3;
  return 6;
}
