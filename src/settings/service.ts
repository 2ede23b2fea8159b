import { unconfiguredOrganisationName, type Config, type Language } from '../config.js';
import { AppError } from '../errors.js';
import { recordAudit, type AuditActor } from '../privacy/audit.js';
import type { OrganisationSettingsTable } from '../store/schema.js';
import type { Executor, Store } from '../store/store.js';
import { imageTypes, looksLike, type ImageType } from '../shared/images.js';
import { isTimeZone } from '../shared/time-zones.js';
import { settingsRepo } from './repo.js';

/**
 * The organisation's settings: who the controller is (for the privacy notice, mails and pages),
 * where the servers stand and who sends mail and carries calls, how public pages look, and the
 * defaults for language and time zone. The admin sets them on the settings page; whatever is not
 * set there falls back to the environment (ORG_NAME, ORG_ADDRESS, PRIVACY_EMAIL, DPO_*,
 * DEFAULT_LANGUAGE, DEFAULT_TIME_ZONE). Other domains read `current()` (kept in memory, reloaded
 * on every change) and may subscribe to changes, which run inside the changing transaction.
 */

/** Who runs a service: the organisation itself, or a processor declared in the registry. */
export type Operator = 'own' | 'provider';

export interface OrganisationSettings {
  /** The controller's name; `unconfiguredOrganisationName` until set. */
  name: string;
  address?: string;
  privacyEmail?: string;
  dpo?: { name?: string; email?: string };
  /** The supervisory authority the notice names for complaints (Art. 77 GDPR). */
  authority?: { name: string; address?: string };
  /** Who runs the servers (own: `hostingCountry` says where), who delivers mail, who carries phone calls. */
  hosting?: Operator;
  hostingCountry?: string;
  mail?: Operator;
  telephony?: Operator;
  /** `#rrggbb`, at least 4.5:1 against white (white text on it stays readable). */
  accentColour?: string;
  /** Set when a logo was uploaded; `version` changes with each upload (for cache busting). */
  logo?: { type: LogoType; version: string };
  defaultLanguage: Language;
  timeZone: string;
}

export interface SettingsInput {
  name?: string | null;
  address?: string | null;
  privacyEmail?: string | null;
  dpoName?: string | null;
  dpoEmail?: string | null;
  authorityName?: string | null;
  authorityAddress?: string | null;
  hosting?: Operator | null;
  hostingCountry?: string | null;
  mail?: Operator | null;
  telephony?: Operator | null;
  accentColour?: string | null;
  defaultLanguage?: Language | null;
  timeZone?: string | null;
}

export const logoTypes = imageTypes;
export type LogoType = ImageType;
export const maxLogoBytes = 256 * 1024;

/** Where public pages load the logo from; the version changes with each upload. */
export const logoUrl = (s: Pick<OrganisationSettings, 'logo'>) =>
  s.logo ? `/api/public/branding/logo?v=${encodeURIComponent(s.logo.version)}` : null;

/** What the controller's identity still lacks for the notice (Art. 13(1)(a) GDPR): shown on the dashboard until done. */
export type MissingIdentity = 'name' | 'address' | 'privacyEmail';

export type SettingsDefaults = Pick<Config, 'organisation' | 'defaultLanguage' | 'defaultTimeZone'>;

type Listener = (db: Executor, settings: OrganisationSettings) => Promise<void>;

const columnOf = {
  name: 'name',
  address: 'address',
  privacyEmail: 'privacy_email',
  dpoName: 'dpo_name',
  dpoEmail: 'dpo_email',
  authorityName: 'authority_name',
  authorityAddress: 'authority_address',
  hosting: 'hosting',
  hostingCountry: 'hosting_country',
  mail: 'mail',
  telephony: 'telephony',
  accentColour: 'accent_colour',
  defaultLanguage: 'default_language',
  timeZone: 'time_zone',
} as const satisfies Record<keyof SettingsInput, keyof OrganisationSettingsTable>;

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast ratio of a colour against white. */
export const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

function effective(row: OrganisationSettingsTable | undefined, defaults: SettingsDefaults): OrganisationSettings {
  const env = defaults.organisation;
  const dpoName = row?.dpo_name ?? env.dpo?.name;
  const dpoEmail = row?.dpo_email ?? env.dpo?.email;
  const language = row?.default_language;
  return {
    name: row?.name ?? env.name,
    address: row?.address ?? env.address,
    privacyEmail: row?.privacy_email ?? env.privacyEmail,
    dpo: dpoName || dpoEmail ? { name: dpoName, email: dpoEmail } : undefined,
    authority: row?.authority_name ? { name: row.authority_name, address: row.authority_address ?? undefined } : undefined,
    hosting: row?.hosting ?? undefined,
    hostingCountry: row?.hosting === 'own' ? (row.hosting_country ?? undefined) : undefined,
    mail: row?.mail ?? undefined,
    telephony: row?.telephony ?? undefined,
    accentColour: row?.accent_colour ?? undefined,
    logo: row?.logo_type && row.logo_base64 ? { type: row.logo_type as LogoType, version: row.updated_at } : undefined,
    defaultLanguage: language === 'de' || language === 'en' ? language : defaults.defaultLanguage,
    timeZone: row?.time_zone ?? defaults.defaultTimeZone,
  };
}

export function createSettingsService(store: Store, defaults: SettingsDefaults) {
  let settings = effective(undefined, defaults);
  const listeners: Listener[] = [];

  function check(input: SettingsInput) {
    if (input.accentColour && contrastWithWhite(input.accentColour) < 4.5) throw new AppError('ERR_SETTINGS_COLOUR_CONTRAST');
    if (input.timeZone && !isTimeZone(input.timeZone)) throw new AppError('ERR_TIME_ZONE_INVALID');
  }

  /** Writes `changes` with the audit entry and every subscriber's follow-up in one transaction, then serves the new settings. */
  async function write(
    actor: AuditActor,
    changes: Partial<OrganisationSettingsTable>,
    action: 'settings.changed' | 'settings.logo-changed' | 'settings.logo-removed',
    fields: readonly string[],
  ) {
    const previous = settings;
    try {
      return await store.transaction(async (tx) => {
        await settingsRepo.save(tx, {
          ...changes,
          updated_at: new Date().toISOString(),
          updated_by: actor.kind === 'staff' ? actor.accountId : null,
        });
        // Served from now on: subscribers (the notice) read the new settings while they write their follow-up.
        settings = effective(await settingsRepo.find(tx), defaults);
        // Field names only: the audit entry outlives the values and must not hold the contacts.
        await recordAudit(tx, actor, { action, subject: { type: 'settings', id: 'organisation' }, detail: { fields: fields.join(',') } });
        for (const listener of listeners) await listener(tx, settings);
        return settings;
      });
    } catch (err) {
      settings = previous;
      throw err;
    }
  }

  return {
    /** Reads the stored settings (at start). */
    async load() {
      settings = effective(await settingsRepo.find(store.db), defaults);
    },

    /** The settings in force, environment defaults filled in. */
    current: (): OrganisationSettings => settings,

    /** What the controller's identity still lacks. */
    missingIdentity(): MissingIdentity[] {
      const missing: MissingIdentity[] = [];
      if (settings.name === unconfiguredOrganisationName) missing.push('name');
      if (!settings.address) missing.push('address');
      if (!settings.privacyEmail) missing.push('privacyEmail');
      return missing;
    },

    /** Called inside the transaction of every change, after it is written (e.g. a new notice version). */
    subscribe(listener: Listener) {
      listeners.push(listener);
    },

    /** Sets the given fields; null or an empty text returns a field to its environment default. */
    async update(actor: AuditActor, input: SettingsInput): Promise<OrganisationSettings> {
      check(input);
      const changes: Record<string, string | null> = {};
      for (const [key, value] of Object.entries(input) as [keyof SettingsInput, string | null | undefined][]) {
        if (value === undefined) continue;
        changes[columnOf[key]] = value === '' ? null : value;
      }
      return write(actor, changes as Partial<OrganisationSettingsTable>, 'settings.changed', Object.keys(input).sort());
    },

    async setLogo(actor: AuditActor, type: LogoType, base64: string): Promise<OrganisationSettings> {
      const bytes = Buffer.from(base64, 'base64');
      if (bytes.length === 0 || bytes.length > maxLogoBytes || !looksLike(type, bytes)) throw new AppError('ERR_SETTINGS_LOGO_INVALID');
      return write(actor, { logo_type: type, logo_base64: bytes.toString('base64') }, 'settings.logo-changed', ['logo']);
    },

    removeLogo: (actor: AuditActor) => write(actor, { logo_type: null, logo_base64: null }, 'settings.logo-removed', ['logo']),

    /** The logo's bytes, or undefined when none was uploaded. */
    async logo(): Promise<{ type: LogoType; bytes: Buffer } | undefined> {
      const row = await settingsRepo.find(store.db);
      if (!row?.logo_type || !row.logo_base64) return undefined;
      return { type: row.logo_type as LogoType, bytes: Buffer.from(row.logo_base64, 'base64') };
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
