import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { clientKey } from '../http/client-key.js';
import { emailAddress, errorResponse, language } from '../http/schemas.js';
import { checkEmail } from '../shared/api/common.js';
import { erasure, myData, noticeDocument, noticeHistory, noticeVersionSource, withdrawal } from '../shared/api/privacy.js';
import type { PrivacyNoticeSource } from './notice.js';
import type { PortalService } from './portal-service.js';
import type { ProcessorService } from './processor-service.js';
import type { SubjectService } from './subject-service.js';
import { itemRef, presentItems, presentKept } from './presenters.js';
import type { Config } from '../config.js';

export interface PortalRoutesOptions {
  portal: PortalService;
  subjects: SubjectService;
  notice: PrivacyNoticeSource;
  processors: ProcessorService;
  cookies: { secure: boolean };
  periods: Config['retention'];
  /** Failures of the background link mail are logged, never shown (the answer must not depend on them). */
  onLinkError(err: unknown): void;
}

const minute = 60_000;
const tags = ['privacy portal (public)'];
export const portalCookie = 'plenum_privacy';
const person = { actor: { kind: 'public' } } as const;

/** The data subject's self-service: magic link, what is stored, export, correction, withdrawal, objection, erasure. */
export const portalRoutes: FastifyPluginAsyncZod<PortalRoutesOptions> = async (
  app,
  { portal, subjects, notice, processors, cookies, periods, onLinkError },
) => {
  // One client asking about one address: a hard limit. Anyone asking about it: a captcha after a few (portal-service).
  const linksPerClientAndAddress = app.createRateLimit({
    max: 5,
    timeWindow: 60 * minute,
    keyGenerator: (request) => `privacy-link:${(request.body as { email?: string }).email ?? ''}:${clientKey(request.ip)}`,
  });
  const emailOf = (request: { cookies: Record<string, string | undefined> }) => portal.emailOf(request.cookies[portalCookie]);

  app.get('/public/privacy/notice', {
    schema: {
      tags,
      summary:
        'The privacy notice for webinars and meetings in force, generated from the configuration, the declarations and the processor registry',
      querystring: z.strictObject({ language: language.optional() }),
      response: { 200: noticeDocument },
    },
    handler: async (request) => {
      const document = notice.document(request.query.language ?? request.language);
      const versions = await processors.versions();
      return {
        ...document,
        versionDate: versions.find((v) => v.version === document.version)?.in_force_at ?? null,
        earlierVersions: versions.filter((v) => v.version !== document.version).map((v) => ({ version: v.version, date: v.in_force_at })),
      };
    },
  });

  app.get('/public/privacy/notice/changes', {
    schema: {
      tags,
      summary: 'Every version of the notice, newest first, with what changed against the one before it, in the reader’s language',
      querystring: z.strictObject({ language: language.optional() }),
      response: { 200: noticeHistory },
    },
    handler: async (request) => ({ versions: await processors.history(request.query.language ?? request.language) }),
  });

  app.get('/public/privacy/notice/versions/:version', {
    schema: {
      tags,
      summary:
        'What an earlier notice version was generated from (configuration, categories, processors), as registrations and consents reference it',
      params: z.strictObject({ version: z.string().regex(/^[0-9a-f]{16}$/) }),
      response: { 200: noticeVersionSource, 404: errorResponse },
    },
    handler: async (request) => processors.version(request.params.version),
  });

  app.post('/public/privacy/access', {
    config: { rateLimit: { max: 10, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Ask for a link to one’s data (mailed when the address is known; the answer is the same either way)',
      description:
        'After a few requests for one address within an hour (from anyone), each further request needs a solved ALTCHA challenge from /api/public/captcha: the answer is ERR_CAPTCHA_REQUIRED until `captcha` comes along.',
      body: z.strictObject({ email: emailAddress, language: language.optional(), captcha: z.string().min(1).max(4096).optional() }),
      response: { 202: checkEmail, 400: errorResponse, 403: errorResponse, 429: errorResponse },
    },
    handler: async (request, reply) => {
      const limit = await linksPerClientAndAddress(request);
      if (!limit.isAllowed && limit.isExceeded) throw new AppError('ERR_RATE_LIMITED', { retryAfter: limit.ttlInSeconds });
      await portal.admitLinkRequest(request.body.email, request.body.captcha);
      // Not awaited: looking the address up must not change how long the answer takes.
      portal.sendLink(request.body.email, request.body.language ?? request.language).catch(onLinkError);
      return reply.status(202).send({ status: 'check_email' });
    },
  });

  app.post('/public/privacy/session', {
    config: { rateLimit: { max: 20, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Open the portal with the token from the mailed link (single use, 30 minutes)',
      body: z.strictObject({ token: z.string().min(20).max(100) }),
      response: { 204: z.null(), 404: errorResponse },
    },
    handler: async (request, reply) => {
      const session = await portal.openSession(request.body.token);
      void reply.setCookie(portalCookie, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: cookies.secure,
        path: '/api/public/privacy',
        maxAge: session.maxAgeSeconds,
      });
      return reply.status(204).send(null);
    },
  });

  app.get('/public/privacy/me', {
    config: { rateLimit: { max: 60, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Everything stored about the person, across all events',
      response: { 200: myData, 401: errorResponse },
    },
    handler: async (request, reply) => {
      const email = await emailOf(request);
      const items = await subjects.view(email, person);
      const context = { periods, noticeDates: await processors.versionDates() };
      return reply.header('cache-control', 'no-store').send({ email, items: presentItems(items, context) });
    },
  });

  app.get('/public/privacy/me/export', {
    config: { rateLimit: { max: 10, timeWindow: minute } },
    schema: { tags, summary: 'Download everything as JSON (Art. 15 and 20 GDPR)', response: { 200: z.unknown(), 401: errorResponse } },
    handler: async (request, reply) => {
      const data = await subjects.export(await emailOf(request), person);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="my-data.json"')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    },
  });

  app.post('/public/privacy/me/correct', {
    config: { rateLimit: { max: 30, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Correct an item (Art. 16 GDPR)',
      body: z.strictObject({ item: itemRef, fields: z.record(z.string().max(40), z.string().max(2000)) }),
      response: { 204: z.null(), 401: errorResponse, 409: errorResponse },
    },
    handler: async (request, reply) => {
      await subjects.correct(await emailOf(request), request.body.item, request.body.fields, person);
      return reply.status(204).send(null);
    },
  });

  app.post('/public/privacy/me/withdraw', {
    config: { rateLimit: { max: 30, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Withdraw a consent (Art. 7(3)) or object to processing based on legitimate interest (Art. 21); answers the effect',
      body: z.strictObject({ item: itemRef, right: z.enum(['consent', 'objection']) }),
      response: { 200: withdrawal, 401: errorResponse, 409: errorResponse },
    },
    handler: async (request) => ({
      effect: await subjects.withdraw(await emailOf(request), request.body.item, request.body.right, person),
    }),
  });

  app.post('/public/privacy/me/erase', {
    config: { rateLimit: { max: 5, timeWindow: minute } },
    schema: {
      tags,
      summary: 'Erase everything (Art. 17 GDPR) except what a legal hold or obligation keeps, which is listed with its reason and end date',
      body: z.strictObject({ confirm: z.literal(true) }),
      response: { 200: erasure, 401: errorResponse },
    },
    handler: async (request, reply) => {
      const report = await subjects.erase(await emailOf(request), person);
      // The erasure took the session with it (privacy subject data); the cookie goes too.
      void reply.clearCookie(portalCookie, { path: '/api/public/privacy' });
      return { erased: report.erased, kept: report.kept.map(presentKept) };
    },
  });

  app.post('/public/privacy/logout', {
    schema: { tags, summary: 'Close the portal session (it ends on the server, not only in the browser)', response: { 204: z.null() } },
    handler: async (request, reply) => {
      await portal.closeSession(request.cookies[portalCookie]);
      void reply.clearCookie(portalCookie, { path: '/api/public/privacy' });
      return reply.status(204).send(null);
    },
  });
};
