import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authorize, clearSessionCookie, setSessionCookie, type SessionCookieOptions } from '../http/auth.js';
import {
  personName,
  emailAddress,
  errorResponse,
  language,
  newPassword,
  noContent,
  sessionSecurity,
  staffRole,
  staffSecurity,
  uuid,
} from '../http/schemas.js';
import {
  apiTokenList,
  createdToken,
  invitation,
  profile,
  setupStatus,
  staffInvited,
  staffList,
  totpSetup,
} from '../shared/api/accounts.js';
import type { AuthService } from './auth-service.js';
import type { StaffService } from './staff-service.js';

export interface AccountsRoutesOptions {
  auth: AuthService;
  staff: StaffService;
  cookies: SessionCookieOptions;
}

const totpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/);
const minute = 60_000;

export const accountsRoutes: FastifyPluginAsyncZod<AccountsRoutesOptions> = async (app, { auth, staff, cookies }) => {
  const staffOnly = authorize(auth);
  const self = authorize(auth, 'account.self');
  const admin = authorize(auth, 'staff.manage');
  const tokenAdmin = authorize(auth, 'apiTokens.manage');

  app.get('/setup', {
    schema: {
      tags: ['accounts'],
      summary: 'Whether the first admin still has to be created',
      response: { 200: setupStatus },
    },
    handler: async () => ({ needed: await auth.isSetupNeeded() }),
  });

  app.post('/setup', {
    config: { rateLimit: { max: 10, timeWindow: minute } },
    schema: {
      tags: ['accounts'],
      summary: 'Create the first admin with the one-time setup token printed at start',
      body: z.strictObject({
        token: z.string().min(1).max(200),
        email: emailAddress,
        displayName: personName,
        password: newPassword,
        language: language.default('de'),
      }),
      response: { 204: noContent, 403: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      setSessionCookie(reply, await auth.completeSetup(request.body), cookies);
      return reply.status(204).send(null);
    },
  });

  app.post('/auth/login', {
    config: { rateLimit: { max: 20, timeWindow: minute } },
    schema: {
      tags: ['accounts'],
      summary: 'Sign in with email, password and, when enabled, an authenticator code',
      description:
        'Limited per client address. After several failed sign-ins to an account (from anyone), signing in to it needs a solved ALTCHA challenge from /api/public/captcha for a while: the answer is then ERR_CAPTCHA_REQUIRED until `captcha` comes along.',
      body: z.strictObject({
        email: emailAddress,
        password: z.string().min(1).max(256),
        totpCode: totpCode.optional(),
        captcha: z.string().min(1).max(4096).optional(),
      }),
      response: { 204: noContent, 400: errorResponse, 401: errorResponse, 403: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      setSessionCookie(reply, await auth.login(request.body), cookies);
      return reply.status(204).send(null);
    },
  });

  app.post('/auth/logout', {
    preHandler: staffOnly,
    schema: { tags: ['accounts'], summary: 'End this session', security: sessionSecurity, response: { 204: noContent } },
    handler: async (request, reply) => {
      await auth.logout(actorOf(request));
      clearSessionCookie(reply, cookies);
      return reply.status(204).send(null);
    },
  });

  app.get('/auth/session', {
    preHandler: staffOnly,
    schema: { tags: ['accounts'], summary: 'Who is signed in', security: staffSecurity, response: { 200: profile, 401: errorResponse } },
    handler: async (request) => auth.profile(actorOf(request)),
  });

  app.post('/account/password', {
    preHandler: self,
    config: { rateLimit: { max: 10, timeWindow: minute } },
    schema: {
      tags: ['accounts'],
      summary: 'Change one’s own password (ends all sessions; sign in again)',
      security: sessionSecurity,
      body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword }),
      response: { 204: noContent, 400: errorResponse },
    },
    handler: async (request, reply) => {
      await auth.changePassword(actorOf(request), request.body.currentPassword, request.body.newPassword);
      clearSessionCookie(reply, cookies);
      return reply.status(204).send(null);
    },
  });

  app.post('/account/totp/setup', {
    preHandler: self,
    schema: {
      tags: ['accounts'],
      summary: 'Start two-factor login: returns a new secret and its QR code (refused while it is on: turn it off with the password first)',
      security: sessionSecurity,
      response: { 200: totpSetup, 409: errorResponse },
    },
    handler: async (request) => auth.startTotp(actorOf(request)),
  });

  app.post('/account/totp/enable', {
    preHandler: self,
    config: { rateLimit: { max: 10, timeWindow: minute } },
    schema: {
      tags: ['accounts'],
      summary: 'Confirm two-factor login with a code from the authenticator app',
      security: sessionSecurity,
      body: z.strictObject({ code: totpCode }),
      response: { 204: noContent, 400: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await auth.enableTotp(actorOf(request), request.body.code);
      return reply.status(204).send(null);
    },
  });

  app.post('/account/totp/disable', {
    preHandler: self,
    config: { rateLimit: { max: 10, timeWindow: minute } },
    schema: {
      tags: ['accounts'],
      summary: 'Turn two-factor login off (needs the password)',
      security: sessionSecurity,
      body: z.strictObject({ password: z.string().min(1).max(256) }),
      response: { 204: noContent, 400: errorResponse },
    },
    handler: async (request, reply) => {
      await auth.disableTotp(actorOf(request), request.body.password);
      return reply.status(204).send(null);
    },
  });

  app.get('/staff', {
    preHandler: admin,
    schema: {
      tags: ['staff'],
      summary: 'List staff accounts',
      security: staffSecurity,
      response: { 200: staffList },
    },
    handler: async () => ({ staff: await staff.list() }),
  });

  app.post('/staff/invitations', {
    preHandler: admin,
    schema: {
      tags: ['staff'],
      summary: 'Invite a person by email to a staff role',
      security: staffSecurity,
      body: z.strictObject({ email: emailAddress, displayName: personName, role: staffRole, language: language.default('de') }),
      response: { 201: staffInvited, 409: errorResponse },
    },
    handler: async (request, reply) => reply.status(201).send(await staff.invite(actorOf(request), request.body)),
  });

  app.post('/staff/:id/disable', {
    preHandler: admin,
    schema: {
      tags: ['staff'],
      summary: 'Disable an account: its sessions end and its API tokens stop working',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      response: { 204: noContent, 404: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await staff.setStatus(actorOf(request), request.params.id, 'disabled');
      return reply.status(204).send(null);
    },
  });

  app.post('/staff/:id/enable', {
    preHandler: admin,
    schema: {
      tags: ['staff'],
      summary: 'Enable a disabled account again',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      response: { 204: noContent, 404: errorResponse },
    },
    handler: async (request, reply) => {
      await staff.setStatus(actorOf(request), request.params.id, 'active');
      return reply.status(204).send(null);
    },
  });

  app.get('/invitations/:token', {
    config: { rateLimit: { max: 30, timeWindow: minute } },
    schema: {
      tags: ['staff'],
      summary: 'What an invitation link is for',
      params: z.strictObject({ token: z.string().min(1).max(200) }),
      response: { 200: invitation, 404: errorResponse },
    },
    handler: async (request) => staff.invitation(request.params.token),
  });

  app.post('/invitations/:token/accept', {
    config: { rateLimit: { max: 10, timeWindow: minute } },
    schema: {
      tags: ['staff'],
      summary: 'Accept an invitation by choosing a password; signs the person in',
      params: z.strictObject({ token: z.string().min(1).max(200) }),
      body: z.strictObject({ password: newPassword }),
      response: { 204: noContent, 404: errorResponse },
    },
    handler: async (request, reply) => {
      setSessionCookie(reply, await staff.acceptInvitation(request.params.token, request.body.password), cookies);
      return reply.status(204).send(null);
    },
  });

  app.get('/api-tokens', {
    preHandler: tokenAdmin,
    schema: {
      tags: ['api-tokens'],
      summary: 'List API tokens (never their secret)',
      security: staffSecurity,
      response: { 200: apiTokenList },
    },
    handler: async () => ({ tokens: await staff.listApiTokens() }),
  });

  app.post('/api-tokens', {
    preHandler: tokenAdmin,
    schema: {
      tags: ['api-tokens'],
      summary: 'Create an API token; its secret is shown in this answer only',
      security: sessionSecurity,
      body: z.strictObject({ name: z.string().trim().min(1).max(100), role: staffRole }),
      response: { 201: createdToken },
    },
    handler: async (request, reply) => reply.status(201).send(await staff.createApiToken(actorOf(request), request.body)),
  });

  app.delete('/api-tokens/:id', {
    preHandler: tokenAdmin,
    schema: {
      tags: ['api-tokens'],
      summary: 'Revoke an API token',
      security: staffSecurity,
      params: z.strictObject({ id: uuid }),
      response: { 204: noContent, 404: errorResponse },
    },
    handler: async (request, reply) => {
      await staff.revokeApiToken(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
};
