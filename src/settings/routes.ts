import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { actorOf, authorize, type Authenticator } from '../http/auth.js';
import { emailAddress, errorResponse, language, personName, plainText, staffSecurity } from '../http/schemas.js';
import { branding, operator, organisationSettings as settingsOut } from '../shared/api/settings.js';
import { logoTypes, logoUrl, maxLogoBytes, type OrganisationSettings, type SettingsService } from './service.js';

export interface SettingsRoutesOptions {
  auth: Authenticator<'settings.manage'>;
  settings: SettingsService;
}

const tags = ['organisation settings'];

/** An optional text: empty or null returns the field to its default from the environment. */
const clearable = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal(''), z.null(), schema])
    .transform((value) => (value === '' ? null : (value as z.output<T> | null)))
    .optional();

const settingsInput = z.strictObject({
  name: clearable(plainText(200).pipe(z.string().min(1))),
  address: clearable(plainText(300).pipe(z.string().min(1))),
  privacyEmail: clearable(emailAddress),
  dpoName: clearable(personName),
  dpoEmail: clearable(emailAddress),
  authorityName: clearable(plainText(200).pipe(z.string().min(1))),
  authorityAddress: clearable(plainText(300).pipe(z.string().min(1))),
  hosting: clearable(operator),
  hostingCountry: clearable(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2'),
  ),
  mail: clearable(operator),
  telephony: clearable(operator),
  accentColour: clearable(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^#[0-9a-f]{6}$/, '#rrggbb'),
  ),
  defaultLanguage: clearable(language),
  timeZone: clearable(z.string().trim().min(1).max(64).describe('IANA time zone, e.g. Europe/Berlin')),
});

/** The admin's settings page and the public branding every page may show. */
export const settingsRoutes: FastifyPluginAsyncZod<SettingsRoutesOptions> = async (app, { auth, settings }) => {
  const admin = authorize(auth, 'settings.manage');

  const present = (s: OrganisationSettings): z.infer<typeof settingsOut> => ({
    name: s.name,
    address: s.address ?? null,
    privacyEmail: s.privacyEmail ?? null,
    dpoName: s.dpo?.name ?? null,
    dpoEmail: s.dpo?.email ?? null,
    authorityName: s.authority?.name ?? null,
    authorityAddress: s.authority?.address ?? null,
    hosting: s.hosting ?? null,
    hostingCountry: s.hostingCountry ?? null,
    mail: s.mail ?? null,
    telephony: s.telephony ?? null,
    accentColour: s.accentColour ?? null,
    logoUrl: logoUrl(s),
    defaultLanguage: s.defaultLanguage,
    timeZone: s.timeZone,
    missingIdentity: settings.missingIdentity(),
  });

  app.get('/settings', {
    preHandler: admin,
    schema: {
      tags,
      summary: 'The organisation’s settings in force (environment defaults filled in)',
      security: staffSecurity,
      response: { 200: settingsOut },
    },
    handler: async () => present(settings.current()),
  });

  app.put('/settings', {
    preHandler: admin,
    schema: {
      tags,
      summary:
        'Change settings; a field left out stays, an empty one returns to its environment default. Audited; a change to the controller makes a new notice version',
      security: staffSecurity,
      body: settingsInput,
      response: { 200: settingsOut, 400: errorResponse },
    },
    handler: async (request) => present(await settings.update(actorOf(request), request.body)),
  });

  app.put('/settings/logo', {
    preHandler: admin,
    bodyLimit: Math.ceil((maxLogoBytes * 4) / 3) + 1024,
    schema: {
      tags,
      summary: 'Upload the logo shown on public pages (PNG, JPEG or WebP, at most 256 KB, base64)',
      security: staffSecurity,
      body: z.strictObject({ type: z.enum(logoTypes), data: z.base64() }),
      response: { 200: settingsOut, 400: errorResponse, 413: errorResponse },
    },
    handler: async (request) => present(await settings.setLogo(actorOf(request), request.body.type, request.body.data)),
  });

  app.delete('/settings/logo', {
    preHandler: admin,
    schema: { tags, summary: 'Remove the logo', security: staffSecurity, response: { 200: settingsOut } },
    handler: async (request) => present(await settings.removeLogo(actorOf(request))),
  });

  app.get('/public/branding', {
    schema: {
      tags,
      summary: 'What public pages show of the organisation: name, accent colour, logo, default language and time zone',
      response: { 200: branding },
    },
    handler: async () => {
      const s = settings.current();
      return {
        name: s.name,
        accentColour: s.accentColour ?? null,
        logoUrl: logoUrl(s),
        defaultLanguage: s.defaultLanguage,
        timeZone: s.timeZone,
      };
    },
  });

  app.get('/public/branding/logo', {
    schema: {
      tags,
      summary: 'The logo image',
      querystring: z.strictObject({ v: z.string().max(40).optional().describe('Changes with each upload') }),
      response: { 200: z.unknown(), 404: errorResponse },
    },
    handler: async (_request, reply) => {
      const logo = await settings.logo();
      if (!logo) throw new AppError('ERR_NOT_FOUND');
      return reply.type(logo.type).header('cache-control', 'public, max-age=300').send(logo.bytes);
    },
  });
};
