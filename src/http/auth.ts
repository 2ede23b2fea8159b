import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../errors.js';
import type { Actor } from '../shared/actor.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export const sessionCookie = 'plenum_session';

export interface SessionCookieOptions {
  secure: boolean;
}

/**
 * How a route learns who is acting. The accounts domain gives it (its AuthService), so HTTP
 * knows the cookie and the header but not the accounts.
 */
export interface Authenticator<Action extends string = string> {
  /** The actor of a request, from the session cookie or the API token (never from the body); undefined: nobody signed in. */
  authenticate(request: FastifyRequest): Promise<Actor | undefined>;
  /** Whether the actor's role may take the action at all; the service asks again with the resource. */
  may(actor: Actor, action: Action): boolean;
}

export function setSessionCookie(
  reply: FastifyReply,
  session: { token: string; maxAgeSeconds: number },
  options: SessionCookieOptions,
): void {
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

/**
 * A preHandler that resolves the actor from the session cookie or the API token (never from
 * the body) and, when an action is named, checks it against the policy.
 */
export function authorize<Action extends string>(auth: Authenticator<Action>, action?: Action): preHandlerAsyncHookHandler {
  return async (request) => {
    const actor = await auth.authenticate(request);
    if (!actor) throw new AppError('ERR_UNAUTHENTICATED');
    if (action && !auth.may(actor, action)) throw new AppError('ERR_FORBIDDEN');
    request.actor = actor;
  };
}

/** The actor set by `authorize`; a route that calls this without it is a programming error. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error(`route ${request.routeOptions.url} reads the actor without authorize()`);
  return request.actor;
}
