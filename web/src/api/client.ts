import { z } from 'zod';
import i18n from '../i18n';

export interface FieldError {
  field: string;
  message: string;
}

/** An error answer of the Plenum API, already translated by the server into the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error: { code: string; message: string; details?: FieldError[] };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const unauthenticatedListeners = new Set<() => void>();

/** Called whenever the server says the session is gone, so the app can return to the login page. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** No content (204): what the server answers to an action that returns nothing. */
const noContent = z.unknown().transform((): void => undefined);

/**
 * JSON in, JSON out, same-origin cookies, the user's language; throws ApiError on any failure.
 * The answer is read with the response schema the route itself declares (src/shared/api/), so it
 * arrives typed, and an answer outside it is an error instead of a shape the page does not expect.
 */
export async function request<S extends z.ZodType>(
  method: Method,
  path: string,
  body: unknown,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.resolvedLanguage ?? i18n.language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (failure) {
    // Aborted by the caller (a newer request replaced this one): not a network problem to report.
    if (signal?.aborted) throw failure;
    throw new ApiError(0, 'ERR_NETWORK', i18n.t('errors.network'));
  }
  const payload: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  // Aborted while the body was read: the caller has moved on, and the half-read body is no answer to check.
  signal?.throwIfAborted();
  if (response.ok) {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    console.error(`answer of ${method} ${path} outside its schema`, parsed.error);
    throw new ApiError(response.status, 'ERR_UNEXPECTED_ANSWER', i18n.t('errors.unknown'));
  }
  if (!isErrorBody(payload)) throw new ApiError(response.status, 'ERR_UNKNOWN', i18n.t('errors.unknown'));
  const { code, message, details } = payload.error;
  if (code === 'ERR_UNAUTHENTICATED') unauthenticatedListeners.forEach((listener) => listener());
  throw new ApiError(response.status, code, message, details);
}

/**
 * Typed calls: `read`, `submit` (POST) and `replace` (PUT) with the route's response schema; `send` (POST) and `remove` for
 * answers without content.
 */
export const http = {
  read: <S extends z.ZodType>(path: string, response: S, signal?: AbortSignal) => request('GET', path, undefined, response, signal),
  submit: <S extends z.ZodType>(path: string, body: unknown, response: S) => request('POST', path, body, response),
  replace: <S extends z.ZodType>(path: string, body: unknown, response: S) => request('PUT', path, body, response),
  send: (path: string, body: unknown = {}) => request('POST', path, body, noContent),
  remove: (path: string) => request('DELETE', path, undefined, noContent),
};
