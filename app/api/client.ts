/**
 * The one way the app talks to the Rapport API: same-origin fetch with the session cookie, the
 * session's CSRF token on writes, and problem+json turned into an ApiError.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly fields: { field: string; message: string }[];
  constructor(status: number, message: string, fields: { field: string; message: string }[] = []) {
    super(message);
    this.status = status;
    this.fields = fields;
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token the sign-in or /me answer carried. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type QueryValues = Record<string, string | number | undefined | null>;

export function queryString(values: QueryValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function send<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    signal,
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      String(data?.detail ?? data?.title ?? response.statusText),
      (data?.errors as { field: string; message: string }[] | undefined) ?? [],
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query: QueryValues = {}, signal?: AbortSignal) =>
    send<T>('GET', `${path}${queryString(query)}`, undefined, signal),
  post: <T>(path: string, body: unknown, headers?: Record<string, string>) =>
    send<T>('POST', path, body, undefined, headers),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, body),
  delete: <T>(path: string) => send<T>('DELETE', path),
};

/** POSTs JSON and returns the answer as a file (a generated XLSX, say). */
export async function postForFile(path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const data = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    throw new ApiError(response.status, String(data?.detail ?? data?.title ?? response.statusText));
  }
  return response.blob();
}

/** POSTs a file as the raw request body (CSV or XLSX uploads) and reads the JSON answer. */
export async function postFile<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': contentType, accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
  });
  const data = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok)
    throw new ApiError(
      response.status,
      String(data?.detail ?? data?.title ?? response.statusText),
      (data?.errors as { field: string; message: string }[] | undefined) ?? [],
    );
  return data as T;
}
