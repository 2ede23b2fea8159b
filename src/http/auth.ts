import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AuthService, NewSession } from '../accounts/auth-service.js';
import { can, type Action, type Actor } from '../accounts/policy.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export const sessionCookie = 'plenum_session';

export interface SessionCookieOptions {
  secure: boolean;
}

export function setSessionCookie(reply: FastifyReply, session: NewSession, options: SessionCookieOptions): void {
  void reply.setCookie(sessionCookie, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    maxAge: session.maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, options: SessionCookieOptions): void {
  void reply.clearCookie(sessionCookie, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' });
}

async function resolveActor(auth: AuthService, request: FastifyRequest): Promise<Actor | undefined> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return auth.authenticateApiToken(header.slice(7).trim());
  const token = request.cookies[sessionCookie];
  return token ? auth.authenticateSession(token) : undefined;
}

/**
 * A preHandler that resolves the actor from the session cookie or the API token (never from
 * the body) and, when an action is named, checks it against the policy.
 */
export function authorize(auth: AuthService, action?: Action): preHandlerAsyncHookHandler {
  return async (request) => {
    const actor = await resolveActor(auth, request);
    if (!actor) throw new AppError('ERR_UNAUTHENTICATED');
    if (action && !can(actor, action)) throw new AppError('ERR_FORBIDDEN');
    request.actor = actor;
  };
}

/** The actor set by `authorize`; a route that calls this without it is a programming error. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error(`route ${request.routeOptions.url} reads the actor without authorize()`);
  return request.actor;
}
