import { createHash } from 'node:crypto';
import { unconfiguredOrganisationName, type Config, type Language } from '../config.js';
import {
  retentionDays,
  type DataCategory,
  type LegalBasis,
  type PrivacyDeclaration,
  type RetentionRule,
} from '../shared/privacy-declaration.js';

/**
 * The privacy notice, generated from the truth: the controller from the configuration, every
 * declared category of data about people other than staff, the configured retention periods and
 * the processor registry. Its version is a hash of exactly that source, so a change to any of
 * them makes a new version; registrations and consents record the version they were shown.
 */

type Periods = Config['retention'];

/**
 * What the notice says about the controller, read from the organisation settings (src/settings)
 * each time the notice is generated: structurally `OrganisationSettings`, of which only these
 * fields enter the notice and its version.
 */
export interface ControllerSource {
  name: string;
  address?: string;
  privacyEmail?: string;
  dpo?: { name?: string; email?: string };
  authority?: { name: string; address?: string };
  hosting?: 'own' | 'provider';
  hostingCountry?: string;
  mail?: 'own' | 'provider';
  telephony?: 'own' | 'provider';
}

export type TransferBasis = 'eu' | 'adequacy' | 'scc' | 'bcr';

export interface ProcessorInfo {
  name: string;
  purpose: { en: string; de: string };
  /** ISO 3166-1 alpha-2 */
  country: string;
  transferBasis: TransferBasis;
  /** What it does for Plenum: the notice names the hosting, mail and telephone providers by it. */
  service: 'hosting' | 'mail' | 'telephony' | 'other';
}

/** EU member states plus Iceland, Liechtenstein and Norway: no third-country transfer. */
export const eeaCountries = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
]);

const basisText: Record<Exclude<TransferBasis, 'eu'>, { en: string; de: string }> = {
  adequacy: {
    en: 'adequacy decision of the European Commission (Art. 45 GDPR)',
    de: 'Angemessenheitsbeschluss der EU-Kommission (Art. 45 DSGVO)',
  },
  scc: { en: 'EU standard contractual clauses (Art. 46(2)(c) GDPR)', de: 'EU-Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)' },
  bcr: { en: 'binding corporate rules (Art. 47 GDPR)', de: 'verbindliche interne Datenschutzvorschriften (Art. 47 DSGVO)' },
};

export function retentionText(rule: RetentionRule, periods: Periods, language: Language): string {
  switch (rule.kind) {
    case 'while':
      return rule.condition[language]
        .replaceAll('{{days}}', String(retentionDays(rule, periods)))
        .replaceAll('{{hours}}', String(periods.unconfirmedHours));
    case 'until':
      return rule.condition[language];
    case 'after': {
      const days = retentionDays(rule, periods) ?? 0;
      const anchor = (anchors[rule.column] ?? anchors['created_at']!)[language];
      return language === 'de'
        ? `${days} ${days === 1 ? 'Tag' : 'Tage'} nach ${anchor}`
        : `${days} ${days === 1 ? 'day' : 'days'} after ${anchor}`;
    }
  }
}

/** What an `after` rule counts from, in words (never the column's name). */
const anchors: Record<string, { en: string; de: string }> = {
  created_at: { en: 'it was stored', de: 'der Speicherung' },
  done_at: { en: 'the request was dealt with', de: 'der Erledigung der Anfrage' },
  started_at: { en: 'the call began', de: 'dem Beginn des Anrufs' },
  joined_at: { en: 'joining the meeting', de: 'dem Beitritt zum Meeting' },
  closed_at: { en: 'the request was closed', de: 'dem Abschluss der Anfrage' },
  expires_at: { en: 'the link or session expired', de: 'dem Ablauf des Links oder der Sitzung' },
  at: { en: 'the entry was made', de: 'dem Eintrag' },
  revoked_at: { en: 'the key was revoked', de: 'dem Widerruf des Schlüssels' },
  until: { en: 'the hold ended', de: 'dem Ende der Sperre' },
  stopped_at: { en: 'the recording stopped', de: 'dem Ende der Aufzeichnung' },
};

/** "6(1)(b)" as German legal texts cite it: "Art. 6 Abs. 1 lit. b DSGVO". */
export function germanCitation(article: string): string {
  const [, art, para, letter] = /^(\d+)\((\d+)\)\(([a-z])\)$/.exec(article) ?? [];
  return art ? `Art. ${art} Abs. ${para} lit. ${letter} DSGVO` : `Art. ${article} DSGVO`;
}

export function legalBasisText(basis: LegalBasis, language: Language): string {
  const article = language === 'de' ? germanCitation(basis.article) : `Art. ${basis.article} GDPR`;
  switch (basis.article) {
    case '6(1)(a)':
      return `${article}: ${language === 'de' ? 'Einwilligung' : 'consent'}`;
    case '6(1)(b)':
      return `${article}: ${basis.contract[language]}`;
    case '6(1)(c)':
      return `${article}: ${basis.obligation[language]}`;
    case '6(1)(f)':
      return `${article}: ${language === 'de' ? 'berechtigtes Interesse' : 'legitimate interest'} – ${basis.interest[language]}`;
  }
}

/** The registration page's summary (kept in the shape the events API has always answered). */
export interface PrivacyNotice {
  version: string;
  controller: { name: string; address?: string; privacyEmail?: string; dpo?: { name?: string; email?: string } };
  sections: { purpose: string; legalBasis: string; retention: string; fields: string[] }[];
}

export interface NoticeDocument {
  version: string;
  language: Language;
  controller: PrivacyNotice['controller'];
  purposes: {
    category: string;
    domain: string;
    purpose: string;
    legalBasis: string;
    retention: string;
    fields: string[];
    subjects: string[];
  }[];
  processors: { name: string; purpose: string; country: string; thirdCountry: boolean; transferBasis: string | null }[];
  /** True when some processor is outside the EU/EEA (then each names its transfer basis). */
  thirdCountryTransfers: boolean;
  /** What the admin declared: whether the controller's name is set, the supervisory authority, who hosts (undefined: not declared, the page claims nothing). */
  declared: {
    configured: boolean;
    authority?: { name: string; address?: string };
    hosting?: { own: true; country: string } | { own: false };
  };
}

export function createPrivacyNotice(organisationOf: () => ControllerSource, periods: Periods, declarations: readonly PrivacyDeclaration[]) {
  const categories = declarations.flatMap((d) =>
    d.categories.filter((c) => c.subjects.some((s) => s !== 'staff')).map((c) => ({ domain: d.domain, category: c })),
  );
  let processors: readonly ProcessorInfo[] = [];
  const organisation = () => {
    const o = organisationOf();
    return {
      name: o.name,
      address: o.address,
      privacyEmail: o.privacyEmail,
      dpo: o.dpo,
      authority: o.authority,
      hosting: o.hosting,
      hostingCountry: o.hostingCountry,
      mail: o.mail,
      telephony: o.telephony,
    };
  };
  const source = () => ({ organisation: organisation(), periods: { ...periods, intervalMs: undefined }, categories, processors });
  const hash = () => createHash('sha256').update(JSON.stringify(source())).digest('hex').slice(0, 16);
  let version = hash();

  const section = (c: DataCategory, language: Language) => ({
    purpose: c.purpose[language],
    legalBasis: legalBasisText(c.legalBasis, language),
    retention: retentionText(c.retention, periods, language),
    fields: [...c.columns],
  });
  const controller = () => {
    const o = organisation();
    return { name: o.name, address: o.address, privacyEmail: o.privacyEmail, dpo: o.dpo };
  };
  /** What only the admin can declare; the page says nothing about what is not declared. */
  const declared = (): NoticeDocument['declared'] => {
    const o = organisation();
    return {
      configured: o.name !== unconfiguredOrganisationName,
      authority: o.authority,
      hosting:
        o.hosting === 'own'
          ? o.hostingCountry
            ? { own: true as const, country: o.hostingCountry }
            : undefined
          : o.hosting === 'provider' && processors.some((p) => p.service === 'hosting')
            ? { own: false as const }
            : undefined,
    };
  };

  return {
    /** The version in force; recorded with each registration and consent. */
    get version() {
      return version;
    },

    /** The processor registry the notice is generated from. */
    processors: (): readonly ProcessorInfo[] => processors,

    /** The controller as the notice states it now. */
    controllerSource: (): ControllerSource => organisation(),

    /** Replaces the processor registry; returns the version and its source to store. */
    setProcessors(list: readonly ProcessorInfo[]): { version: string; content: string } {
      processors = [...list].sort((a, b) => a.name.localeCompare(b.name));
      version = hash();
      return { version, content: JSON.stringify(source()) };
    },

    /** What registrants are shown next to the form. */
    render(language: Language): PrivacyNotice {
      return {
        version,
        controller: controller(),
        sections: categories
          .filter(({ category }) => category.subjects.includes('registrant'))
          .map(({ category }) => section(category, language)),
      };
    },

    /** The whole notice for webinars and meetings (/privacy/notice). */
    document(language: Language): NoticeDocument {
      return {
        version,
        language,
        controller: controller(),
        declared: declared(),
        purposes: categories.map(({ domain, category }) => ({
          category: category.id,
          domain,
          subjects: [...category.subjects],
          ...section(category, language),
        })),
        processors: processors.map((p) => {
          const thirdCountry = !eeaCountries.has(p.country);
          return {
            name: p.name,
            purpose: p.purpose[language],
            country: p.country,
            thirdCountry,
            transferBasis: thirdCountry && p.transferBasis !== 'eu' ? basisText[p.transferBasis][language] : null,
          };
        }),
        thirdCountryTransfers: processors.some((p) => !eeaCountries.has(p.country)),
      };
    },
  };
}

export type PrivacyNoticeSource = ReturnType<typeof createPrivacyNotice>;
