import { z } from 'zod';
import { language, staffRole, timestamp } from './common.js';

/** Setup, sign-in, one's own account, staff and API tokens (src/accounts/routes.ts). */

export const setupStatus = z.object({ needed: z.boolean() });

export const staffProfile = z.object({
  kind: z.literal('staff'),
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: staffRole,
  language,
  totpEnabled: z.boolean(),
});
export type StaffProfile = z.infer<typeof staffProfile>;

/** Who is signed in: a staff member's session, or an API token. */
export const profile = z.discriminatedUnion('kind', [staffProfile, z.object({ kind: z.literal('api_token'), role: staffRole })]);

export const totpSetup = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export type TotpSetup = z.infer<typeof totpSetup>;

export const staffMember = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: staffRole,
  status: z.enum(['invited', 'active', 'disabled']),
  totpEnabled: z.boolean(),
  lastLoginAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type StaffMember = z.infer<typeof staffMember>;

export const staffList = z.object({ staff: z.array(staffMember) });

export const staffInvited = z.object({ id: z.string() });

export const invitation = z.object({ email: z.string(), displayName: z.string(), role: staffRole });
export type Invitation = z.infer<typeof invitation>;

export const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: staffRole,
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const apiTokenList = z.object({ tokens: z.array(apiToken) });

/** The answer to creating a token: the only time its secret is ever shown. */
export const createdToken = z.object({ id: z.string(), name: z.string(), role: staffRole, token: z.string(), createdAt: timestamp });
export type CreatedToken = z.infer<typeof createdToken>;
