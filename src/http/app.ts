import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Language } from '../config.js';
import { AppError } from '../errors.js';
import { installErrorHandler } from './error-handler.js';
import { negotiateLanguage } from './i18n.js';
import { isOwnOrigin } from './origin.js';
import { renderPageShell, type PageShell } from './page-shell.js';
import { zodValidatorCompiler } from './validation.js';

declare module 'fastify' {
  interface FastifyRequest {
    language: Language;
  }
  interface FastifyReply {
    /** Answers with the web client's index.html carrying the page's server-rendered shell (src/http/page-shell.ts). */
    page(shell: PageShell): FastifyReply;
  }
}

export interface HttpOptions {
  logger: Logger;
  /** Whose X-Forwarded-For to believe: nobody, the last N hops, or these proxy addresses. */
  trustProxy: false | number | string[];
  defaultLanguage: Language;
  publicUrl: URL;
  /** Per client address, for every route without a stricter limit of its own. */
  requestsPerMinute: number;
  /** Built web client; served with a fallback to index.html for client-side routes. */
  webRoot?: string;
  /**
   * Cluster mode: limits are counted in this Redis under `nameSpace`, so they hold across instances.
   * While Redis is lost requests are not counted (skipOnError) rather than all refused.
   */
  rateLimitStore?: { redis: Redis; nameSpace: string };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Trusts the socket's peer and the next hops - 1 X-Forwarded-For entries from the right: the
 * client address is the one the outermost proxy wrote, whatever a client put further left.
 * (Fastify 5 treats a plain number as "trust nobody", hence the function.)
 */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/**
 * The Fastify instance every domain plugs into: security headers, cookies, rate limits,
 * schema validation with zod, translated errors, the OpenAPI document and the web client.
 */
export async function createHttpServer(options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : options.trustProxy,
    bodyLimit: 256 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; anything else is answered with ERR_UNSUPPORTED_MEDIA_TYPE.
  app.removeContentTypeParser('text/plain');

  app.decorateRequest('language', options.defaultLanguage);
  app.addHook('onRequest', async (request) => {
    request.language = negotiateLanguage(request.headers['accept-language'], options.defaultLanguage);
    // A browser names the page a state-changing request came from; it must be Plenum's own.
    const origin = request.headers.origin;
    if (unsafeMethods.has(request.method) && origin && !isOwnOrigin(origin, request.host, options.publicUrl)) {
      throw new AppError('ERR_CROSS_ORIGIN');
    }
  });
  installErrorHandler(app);

  // Security headers on every answer. helmet's middleware is built once: @fastify/helmet built it
  // anew for each request (3 % of a registration's CPU in the bench:registration profile).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.publicUrl.protocol === 'https:',
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)));
  await app.register(cookie);
  // The largest room message after hello (an SDP offer); before hello rooms/signaling.ts allows 1 KB.
  await app.register(websocket, { options: { maxPayload: 128 * 1024 } });
  await app.register(rateLimit, {
    max: options.requestsPerMinute,
    timeWindow: 60_000,
    ...(options.rateLimitStore && { ...options.rateLimitStore, skipOnError: true }),
    errorResponseBuilder: (_request, context) => new AppError('ERR_RATE_LIMITED', { retryAfter: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Plenum API',
        version: '1',
        description:
          'Webinars and meetings with privacy by construction. Authenticate with a staff session cookie or `Authorization: Bearer plm_…`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'plenum_session' },
          apiToken: { type: 'http', scheme: 'bearer', description: 'An API token created by an admin (plm_…)' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = options.webRoot && existsSync(path.join(options.webRoot, 'index.html')) ? options.webRoot : undefined;
  if (webRoot) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  const indexHtml = webRoot ? await readFile(path.join(webRoot, 'index.html'), 'utf8') : undefined;
  app.decorateReply('page', function (this: FastifyReply, shell: PageShell) {
    if (!indexHtml) throw new AppError('ERR_NOT_FOUND');
    return this.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPageShell(indexHtml, shell));
  });
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/login, /invite/…) get the app shell; everything else a JSON 404.
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    // From memory: a crowd opening its join links at once should not cost a stat, open, read and close each.
    if (indexHtml && wantsPage) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    throw new AppError('ERR_NOT_FOUND');
  });
  return app;
}
