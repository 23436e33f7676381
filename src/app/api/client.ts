// A small fetch wrapper for the JSON API. Errors carry the server's message
// (Bahasa Indonesia) or say that the network is missing; nothing else here
// knows about tokens beyond asking `tokens` for a valid one.
import type { LoginResponse } from './types';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
    /** True when the request never reached the server. */
    readonly offline = false,
  ) {
    super(message);
  }
}

export interface TokenSource {
  /** A token that is valid now (refreshing it if needed); throws ApiError otherwise. */
  validToken(): Promise<string>;
  /** The server refused the token we sent (revoked, rights changed): force a refresh next time. */
  tokenRefused(): void;
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError('Tidak dapat menghubungi server.', 0, true);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (e.g. a proxy's HTML page)
  }
  if (!res.ok) {
    const msg = body && typeof body === 'object' && 'error' in body ? String((body as { error: unknown }).error) : `HTTP ${res.status}`;
    throw new ApiError(msg, res.status);
  }
  return body as T;
}

const json = (method: string, body?: unknown, token?: string): RequestInit => ({
  method,
  headers: {
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  },
  ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
});

/** Calls that need no session. */
export const authApi = {
  login: (base: string, username: string, password: string) =>
    request<LoginResponse>(`${base}/api/login`, json('POST', { username, password })),
  refresh: (base: string, refreshToken: string) =>
    request<LoginResponse>(`${base}/api/refresh`, json('POST', { refreshToken })),
  logout: (base: string, token: string, refreshToken: string) =>
    request<unknown>(`${base}/api/logout`, json('POST', { refreshToken }, token)),
};

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

/** Authenticated calls; one retry with a fresh token when the server says 401. */
export function createApi(base: string, tokens: TokenSource): Api {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const token = await tokens.validToken();
    try {
      return await request<T>(`${base}${path}`, json(method, body, token));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      tokens.tokenRefused();
      return request<T>(`${base}${path}`, json(method, body, await tokens.validToken()));
    }
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}

/** Accepts ms, seconds or an ISO date for expiresAt. */
export function expiryMs(value: number | string): number {
  if (typeof value === 'string') return Date.parse(value);
  return value < 1e12 ? value * 1000 : value;
}
