import { createHash } from 'node:crypto';
import { unconfiguredOrganisationName, type Config, type Language } from '../config.js';
import {
  retentionDays,
  situations,
  type LegalBasis,
  type PrivacyDeclaration,
  type RetentionRule,
  type Situation,
  type Text,
} from '../shared/privacy-declaration.js';
import { situationTexts } from './situations.js';

/**
 * The privacy notice, generated from the truth: the controller from the configuration, every
 * declared category of data, what is processed without being stored, the configured retention
 * periods and the processor registry. Its version is a hash of exactly that source, so a change to any of
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

/** A period with its unit and number: "1 day", "180 Tage", whole years as years ("2 years", "3 Jahre"). */
export function periodText(days: number, language: Language): string {
  const years = days >= 365 && days % 365 === 0 ? days / 365 : undefined;
  const [count, unit] = years ? [years, units.year] : [days, units.day];
  return `${count} ${unit[language][count === 1 ? 0 : 1]}`;
}

const units = {
  day: { en: ['day', 'days'], de: ['Tag', 'Tage'] },
  year: { en: ['year', 'years'], de: ['Jahr', 'Jahre'] },
  hour: { en: ['hour', 'hours'], de: ['Stunde', 'Stunden'] },
} as const;

const hoursText = (hours: number, language: Language) => `${hours} ${units.hour[language][hours === 1 ? 0 : 1]}`;

/** How long a category is kept, as a full sentence in `language`, with the configured period. */
export function retentionText(rule: RetentionRule, periods: Periods, language: Language): string {
  switch (rule.kind) {
    case 'while':
      return rule.text[language]
        .replaceAll('{{days}}', periodText(retentionDays(rule, periods) ?? 0, language))
        .replaceAll('{{hours}}', hoursText(periods.unconfirmedHours, language));
    case 'until':
      return rule.text[language];
    case 'after': {
      const days = retentionDays(rule, periods) ?? 0;
      const anchor = (anchors[rule.column] ?? anchors['created_at']!)[language];
      if (days === 0) return language === 'de' ? `Wir löschen sie mit ${anchor}.` : `We delete them upon ${anchor}.`;
      return language === 'de'
        ? `Wir löschen sie ${periodText(days, language)} nach ${anchor}.`
        : `We delete them ${periodText(days, language)} after ${anchor}.`;
    }
  }
}

/** What an `after` rule counts from, as a noun phrase (never the column's name) that follows "after"/"upon" and "nach"/"mit". */
const anchors: Record<string, Text> = {
  created_at: { en: 'their creation', de: 'ihrer Erstellung' },
  done_at: { en: 'the completion of the request', de: 'der Erledigung der Anfrage' },
  started_at: { en: 'the start of the call', de: 'dem Beginn des Anrufs' },
  joined_at: { en: 'joining', de: 'Ihrem Beitritt' },
  closed_at: { en: 'the closing of the request', de: 'dem Abschluss der Anfrage' },
  expires_at: { en: 'the expiry of the link', de: 'dem Ablauf des Links' },
  at: { en: 'the entry', de: 'dem Eintrag' },
  revoked_at: { en: 'the revocation of the key', de: 'dem Widerruf des Schlüssels' },
  until: { en: 'the end of the hold', de: 'dem Ende der Sperre' },
  stopped_at: { en: 'the end of the recording', de: 'dem Ende der Aufzeichnung' },
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

/** The legal basis as a sentence, with how to object or withdraw where the basis allows it. */
export function basisSentence(basis: LegalBasis, language: Language): string {
  const de = language === 'de';
  const article = de ? germanCitation(basis.article) : `Art. ${basis.article} GDPR`;
  switch (basis.article) {
    case '6(1)(a)':
      return de
        ? `Rechtsgrundlage ist Ihre Einwilligung (${article}); Sie können sie jederzeit mit Wirkung für die Zukunft widerrufen.`
        : `The legal basis is your consent (${article}); you can withdraw it at any time with effect for the future.`;
    case '6(1)(b)':
      return de
        ? `Rechtsgrundlage ist ${article}, die Erfüllung eines Vertrags: ${basis.contract.de}.`
        : `The legal basis is ${article}, the performance of a contract: ${basis.contract.en}.`;
    case '6(1)(c)':
      return de
        ? `Rechtsgrundlage ist ${article}, eine rechtliche Verpflichtung: ${basis.obligation.de}.`
        : `The legal basis is ${article}, a legal obligation: ${basis.obligation.en}.`;
    case '6(1)(f)':
      return de
        ? `Rechtsgrundlage ist ${article}, unser berechtigtes Interesse: ${basis.interest.de}. Sie können dieser Verarbeitung widersprechen (Art. 21 DSGVO).`
        : `The legal basis is ${article}, our legitimate interest: ${basis.interest.en}. You may object to this processing (Art. 21 GDPR).`;
  }
}

const verbs = { store: { en: 'We store', de: 'Wir speichern' }, process: { en: 'We process', de: 'Wir verarbeiten' } };

/**
 * How a reader objects, per section: withdraw a consent (Art. 7(3)), object to a legitimate interest
 * (Art. 21), have the data corrected or deleted (Art. 16, 17; limited where a law keeps them), and
 * where: the self-service page covers everything stored under a person's email address, staff
 * write to the data protection officer.
 */
function objectionSentence(bases: ReadonlySet<LegalBasis['article']>, staff: boolean, language: Language): string {
  const de = language === 'de';
  const kept = bases.has('6(1)(c)');
  const ways = [
    bases.has('6(1)(a)') && (de ? 'Ihre Einwilligung zu widerrufen' : 'withdraw your consent'),
    bases.has('6(1)(f)') && (de ? 'der Verarbeitung zu widersprechen' : 'object to the processing'),
    de
      ? `die Daten berichtigen oder löschen zu lassen${kept ? ', soweit kein Gesetz uns zur Aufbewahrung verpflichtet' : ''}`
      : `have the data corrected or deleted${kept ? ', as far as no law requires us to keep them' : ''}`,
  ].filter((way): way is string => Boolean(way));
  const or = (list: string[]) => `${list.slice(0, -1).join(', ')}${list.length > 1 ? (de ? ' oder ' : ' or ') : ''}${list.at(-1)}`;
  if (de)
    return staff
      ? `Um ${or(ways)}, schreiben Sie an unsere Datenschutzbeauftragte oder unseren Datenschutzbeauftragten oder an den Kontakt am Anfang dieser Hinweise.`
      : `Um ${or(ways)}, nutzen Sie unsere Selbstauskunftsseite oder schreiben Sie an den Kontakt am Anfang dieser Hinweise.`;
  return staff
    ? `To ${or(ways)}, write to our data protection officer or to the contact at the top of this notice.`
    : `To ${or(ways)}, use our self-service page or write to the contact at the top of this notice.`;
}

/** "We store …" / "Wir speichern …" (or process); German puts a comma before a clause ("Wir speichern, wann …"). */
function dataSentence(data: Text, language: Language, verb: keyof typeof verbs = 'store'): string {
  const said = verbs[verb][language];
  if (language === 'en') return `${said} ${data.en}.`;
  return /^(wann|wer|welche[mnrs]?|dass|ob|wie)\b/.test(data.de) ? `${said}, ${data.de}.` : `${said} ${data.de}.`;
}

/** A citation ("Art. 6 Abs. 1 lit. b DSGVO", "Art. 21 GDPR") held together by no-break spaces, so no line breaks inside it. */
const citation = /Art\. \d+(\(\d+\))*(\([a-z]\))?( Abs\. \d+)?( lit\. [a-z])?( (DSGVO|GDPR)\b)?/g;
const unbroken = (text: string) => text.replace(citation, (cited) => cited.replaceAll(' ', '\u00a0'));

/** "A, B and C" / "A, B und C". */
function listed(names: readonly string[], language: Language): string {
  const and = language === 'de' ? ' und ' : ' and ';
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')}${and}${names.at(-1)}`;
}

/** Which declared processors work on each situation's data, by what they do for Plenum. */
export const servicesOf: Record<Situation, readonly ProcessorInfo['service'][]> = {
  registration: ['hosting'],
  meeting: ['hosting'],
  chat: ['hosting'],
  qa: ['hosting'],
  recording: ['hosting'],
  phone: ['hosting', 'telephony'],
  callback: ['hosting'],
  mail: ['hosting', 'mail'],
  privacy: ['hosting'],
  staff: ['hosting'],
};

/** One situation of the notice: its title, its opening and one paragraph per declared category, in prose. */
export interface NoticeSection {
  situation: Situation;
  title: string;
  intro: string;
  paragraphs: string[];
}

/** One part of the notice as read (the controller, a situation, the recipients): its heading and paragraphs; `key` stays internal. */
export interface NoticePart {
  key: string;
  title: string;
  paragraphs: string[];
}

/** The notice as read in each language, stored with every version. */
export type NoticeTexts = Record<Language, NoticePart[]>;

/** The registration page's summary: the controller and the sections that concern registrants. */
export interface PrivacyNotice {
  version: string;
  controller: { name: string; address?: string; privacyEmail?: string; dpo?: { name?: string; email?: string } };
  sections: NoticeSection[];
}

export interface NoticeDocument {
  version: string;
  language: Language;
  controller: PrivacyNotice['controller'];
  /** Per situation, in the order a reader meets them; staff accounts last. */
  sections: NoticeSection[];
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
  const categories = declarations.flatMap((d) => d.categories);
  const processedOnly = declarations.flatMap((d) => d.processed ?? []);
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
  const source = () => ({
    organisation: organisation(),
    periods: { ...periods, intervalMs: undefined },
    situations: situationTexts,
    categories,
    processedOnly,
    processors,
  });
  // The version covers the wording too: a change in how the notice is phrased makes a new version.
  const hash = () =>
    createHash('sha256')
      .update(JSON.stringify({ source: source(), texts: texts() }))
      .digest('hex')
      .slice(0, 16);

  /**
   * One situation in prose: per category what, why, on which basis; who receives it and how long
   * it is kept follow each category, or once at the end when all of the section's categories share
   * them; then the declared processors that work on these data.
   */
  const section = (situation: Situation, language: Language): NoticeSection => {
    const items = categories
      .filter((c) => c.situation === situation)
      .map((c) => ({
        said: [dataSentence(c.data, language), c.purpose[language], basisSentence(c.legalBasis, language)],
        recipients: c.recipients[language],
        retention: retentionText(c.retention, periods, language),
      }))
      .concat(
        processedOnly
          .filter((p) => p.situation === situation)
          .map((p) => ({
            said: [dataSentence(p.data, language, 'process'), p.purpose[language], basisSentence(p.legalBasis, language)],
            recipients: p.recipients[language],
            retention: p.notStored[language],
          })),
      );
    const shared = (key: 'recipients' | 'retention') =>
      items.length > 1 && items.every((item) => item[key] === items[0]![key]) ? items[0]![key] : undefined;
    const recipients = shared('recipients');
    const retention = shared('retention');
    const names = processors.filter((p) => servicesOf[situation].includes(p.service)).map((p) => p.name);
    const processed = names.length
      ? language === 'de'
        ? `${listed(names, language)} ${names.length === 1 ? 'verarbeitet' : 'verarbeiten'} diese Daten in unserem Auftrag (Art. 28 DSGVO).`
        : `${listed(names, language)} ${names.length === 1 ? 'processes' : 'process'} these data on our behalf (Art. 28 GDPR).`
      : undefined;
    const paragraphs = items.map((item) =>
      [...item.said, recipients ? undefined : item.recipients, retention ? undefined : item.retention].filter(Boolean).join(' '),
    );
    const closing = [recipients, retention].filter((sentence) => sentence !== undefined);
    if (closing.length) paragraphs.push(closing.join(' '));
    if (processed) paragraphs.push(`${paragraphs.pop()} ${processed}`);
    const bases = new Set([...categories, ...processedOnly].filter((c) => c.situation === situation).map((c) => c.legalBasis.article));
    paragraphs.push(objectionSentence(bases, situation === 'staff', language));
    return {
      situation,
      title: situationTexts[situation].title[language],
      intro: unbroken(situationTexts[situation].intro[language]),
      paragraphs: paragraphs.map(unbroken),
    };
  };
  const sections = (language: Language, wanted: (situation: Situation) => boolean = () => true) =>
    situations
      .filter((s) => wanted(s) && [...categories, ...processedOnly].some((c) => c.situation === s))
      .map((s) => section(s, language));
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

  /** The notice as read, part by part: the controller, each situation, the recipients (stored per version to show what changed). */
  const parts = (language: Language): NoticePart[] => {
    const o = organisation();
    const de = language === 'de';
    const controllerLines = [
      o.name === unconfiguredOrganisationName
        ? de
          ? 'Die Organisation, die diesen Dienst betreibt, hat ihren Namen und ihre Anschrift noch nicht eingetragen.'
          : 'The organisation running this service has not yet entered its name and address.'
        : [o.name, o.address].filter(Boolean).join(', '),
      o.privacyEmail && `${de ? 'Kontakt für Datenschutzfragen' : 'Contact for privacy questions'}: ${o.privacyEmail}`,
      o.dpo && `${de ? 'Datenschutzbeauftragte/r' : 'Data protection officer'}: ${[o.dpo.name, o.dpo.email].filter(Boolean).join(', ')}`,
      o.authority &&
        `${de ? 'Zuständige Aufsichtsbehörde' : 'Supervisory authority'}: ${[o.authority.name, o.authority.address].filter(Boolean).join(', ')}`,
    ];
    const recipients = processors.map((p) => {
      const basis = !eeaCountries.has(p.country) && p.transferBasis !== 'eu' ? `; ${basisText[p.transferBasis][language]}` : '';
      return `${p.name} (${p.country}): ${p.purpose[language]}${basis}`;
    });
    return [
      {
        key: 'controller',
        title: de ? 'Verantwortlicher' : 'Controller',
        paragraphs: controllerLines.filter((line): line is string => Boolean(line)),
      },
      ...sections(language).map((section) => ({
        key: section.situation,
        title: section.title,
        paragraphs: [...section.intro.split('\n'), ...section.paragraphs].map((p) => p.replaceAll('\u00a0', ' ')),
      })),
      { key: 'recipients', title: de ? 'Empfänger und Auftragsverarbeiter' : 'Recipients and processors', paragraphs: recipients },
    ];
  };
  const texts = (): NoticeTexts => ({ de: parts('de'), en: parts('en') });
  let version = hash();

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
    setProcessors(list: readonly ProcessorInfo[]): { version: string; content: string; texts: string } {
      processors = [...list].sort((a, b) => a.name.localeCompare(b.name));
      version = hash();
      return { version, content: JSON.stringify(source()), texts: JSON.stringify(texts()) };
    },

    /** What registrants are shown next to the form. */
    render(language: Language): PrivacyNotice {
      return {
        version,
        controller: controller(),
        sections: sections(language, (s) => categories.some((c) => c.situation === s && c.subjects.includes('registrant'))),
      };
    },

    /** The whole notice for webinars and meetings (/privacy/notice). */
    document(language: Language): NoticeDocument {
      return {
        version,
        language,
        controller: controller(),
        declared: declared(),
        sections: sections(language),
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
