import { z } from 'zod';
import { language } from './common.js';

/** The organisation's settings and the public branding (src/settings/routes.ts). */

export const operator = z.enum(['own', 'provider']).describe('own: the organisation runs it; provider: a processor in the registry');
export type Operator = z.infer<typeof operator>;

/** The settings in force (environment defaults filled in). */
export const organisationSettings = z.object({
  name: z.string(),
  address: z.string().nullable(),
  privacyEmail: z.string().nullable(),
  dpoName: z.string().nullable(),
  dpoEmail: z.string().nullable(),
  authorityName: z.string().nullable(),
  authorityAddress: z.string().nullable(),
  hosting: operator.nullable(),
  hostingCountry: z.string().nullable(),
  mail: operator.nullable(),
  telephony: operator.nullable(),
  accentColour: z.string().nullable(),
  logoUrl: z.string().nullable(),
  defaultLanguage: language,
  timeZone: z.string(),
  missingIdentity: z.array(z.enum(['name', 'address', 'privacyEmail'])).describe('What the controller’s identity still lacks'),
});
export type OrganisationSettings = z.infer<typeof organisationSettings>;

export const branding = z.object({
  name: z.string(),
  accentColour: z.string().nullable(),
  logoUrl: z.string().nullable(),
  defaultLanguage: language,
  timeZone: z.string(),
});
