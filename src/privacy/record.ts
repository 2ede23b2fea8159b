import type { Config, Language } from '../config.js';
import { situations, type DataSubject, type PrivacyDeclaration, type Text } from '../shared/privacy-declaration.js';
import { basisSentence, eeaCountries, retentionText, servicesOf, type NoticeDocument, type ProcessorInfo } from './notice.js';
import { situationTexts } from './situations.js';

/**
 * The record of processing activities (Art. 30(1) GDPR) for the data protection officer and the
 * auditors they show it to, from the same sources as the notice, in words: one activity per
 * situation (staff data included), with its data subjects, data, purposes, legal bases,
 * recipients, transfers and retention, and the technical and organisational measures the
 * running configuration enforces.
 */

export interface ProcessingRecord {
  generatedAt: string;
  controller: NoticeDocument['controller'] & { configured: boolean; authority?: { name: string; address?: string } };
  activities: {
    title: string;
    dataSubjects: string[];
    categories: { data: string; purpose: string; legalBasis: string; recipients: string; retention: string }[];
    processors: string[];
    transfers: string;
  }[];
  /** Every declared processor (Art. 28), whatever it serves. */
  processors: string[];
  measures: { title: string; text: string }[];
}

const subjectWords: Record<DataSubject, Text> = {
  registrant: { en: 'people who register for an event', de: 'Personen, die sich zu einer Veranstaltung anmelden' },
  participant: { en: 'participants in meetings and webinars', de: 'Teilnehmende an Meetings und Webinaren' },
  speaker: { en: 'speakers our events present', de: 'Vortragende, die unsere Veranstaltungen vorstellen' },
  caller: { en: 'people who dial in by phone', de: 'Personen, die sich per Telefon einwählen' },
  requester: {
    en: 'people who ask for a callback or make a data protection request',
    de: 'Personen, die um Rückruf bitten oder eine Datenschutzanfrage stellen',
  },
  staff: {
    en: 'our staff (hosts, administrators, data protection officer)',
    de: 'unsere Mitarbeitenden (Veranstalter, Administration, Datenschutzbeauftragte/r)',
  },
};

/** What the running system enforces, as the configuration says; the measures that depend on it are stated as they are. */
export interface EnforcedFacts {
  https: boolean;
  media: boolean;
  telephony: boolean;
  turn: boolean;
  retentionEveryMinutes: number;
  auditDays: number;
  /** SQLite overwrites deleted rows (secure_delete) and empties its log after an erasure; PostgreSQL's space is the operator's. */
  sqlite: boolean;
}

export const enforcedFacts = (config: Config): EnforcedFacts => ({
  https: config.http.publicUrl.protocol === 'https:',
  media: config.janus.mode !== 'off',
  telephony: Boolean(config.telephony),
  turn: Boolean(config.turn),
  retentionEveryMinutes: Math.round(config.retention.intervalMs / 60_000),
  auditDays: config.retention.auditDays,
  sqlite: config.database.kind === 'sqlite',
});

function measures(facts: EnforcedFacts, language: Language): { title: string; text: string }[] {
  const de = language === 'de';
  const list: { title: Text; text: Text }[] = [
    {
      title: { en: 'Encryption in transit', de: 'Verschlüsselung bei der Übertragung' },
      text: facts.https
        ? {
            en: 'The web client and the API are reached only over HTTPS (TLS at the reverse proxy in front of Plenum); session cookies are sent only over encrypted connections. Picture and sound travel encrypted with DTLS-SRTP.',
            de: 'Web-Client und API sind nur über HTTPS erreichbar (TLS am vorgeschalteten Reverse Proxy); Sitzungscookies werden nur über verschlüsselte Verbindungen gesendet. Bild und Ton werden mit DTLS-SRTP verschlüsselt übertragen.',
          }
        : {
            en: 'Not in place: the public address of this installation is not HTTPS, so the web client and the API travel unencrypted. Picture and sound travel encrypted with DTLS-SRTP all the same. Put Plenum behind a reverse proxy with TLS and give its https address as the public address.',
            de: 'Nicht umgesetzt: Die öffentliche Adresse dieser Installation ist kein HTTPS; Web-Client und API werden unverschlüsselt übertragen. Bild und Ton werden dennoch mit DTLS-SRTP verschlüsselt. Betreiben Sie Plenum hinter einem Reverse Proxy mit TLS und tragen Sie dessen https-Adresse als öffentliche Adresse ein.',
          },
    },
    {
      title: { en: 'No third-party requests', de: 'Keine Anfragen an Dritte' },
      text: {
        en: 'Every script, font and image comes from this installation; a strict Content Security Policy keeps browsers from contacting anyone else. The captcha is computed in the browser (proof of work), not by a third-party service.',
        de: 'Alle Skripte, Schriften und Bilder kommen von dieser Installation; eine strikte Content Security Policy hindert Browser daran, andere Server anzufragen. Das Captcha wird im Browser berechnet (Proof of Work), nicht von einem Drittanbieter.',
      },
    },
    {
      title: { en: 'Access to meetings and media', de: 'Zugang zu Meetings und Medien' },
      text: facts.media
        ? {
            en: 'Only Plenum speaks to the media server. Its rooms are private, protected by a secret only Plenum knows, and admit only a token Plenum issued for one participant; a participant removed from a room loses the token. Joining needs a personal link or the meeting number with its passcode; camera and microphone are off when someone joins.',
            de: 'Nur Plenum spricht mit dem Medienserver. Dessen Räume sind privat, durch ein nur Plenum bekanntes Geheimnis geschützt und lassen nur ein Token zu, das Plenum für eine Person ausgestellt hat; wer aus einem Raum entfernt wird, verliert das Token. Der Beitritt erfordert einen persönlichen Link oder die Meeting-Nummer mit Kenncode; Kamera und Mikrofon sind beim Beitritt aus.',
          }
        : {
            en: 'This installation runs without a media server: no picture or sound is transmitted.',
            de: 'Diese Installation läuft ohne Medienserver: Es werden weder Bild noch Ton übertragen.',
          },
    },
    {
      title: { en: 'Recording only with consent', de: 'Aufzeichnung nur mit Einwilligung' },
      text: {
        en: 'Recording is off by default and cannot start before it has been announced and the consent rule holds; only the own picture and sound of participants who consented are written, and each consent is stored with the wording that was shown.',
        de: 'Die Aufzeichnung ist standardmäßig aus und kann erst beginnen, wenn sie angekündigt ist und die Einwilligungsregel erfüllt ist; geschrieben werden nur Bild und Ton der Teilnehmenden, die eingewilligt haben, und jede Einwilligung wird mit dem gezeigten Wortlaut gespeichert.',
      },
    },
    {
      title: { en: 'Deletion on schedule', de: 'Löschung nach Frist' },
      text: {
        en: `A retention job runs every ${facts.retentionEveryMinutes} minutes and deletes what has passed its period, files included; it honours legal holds placed by the data protection officer and records every run in the audit log.${facts.sqlite ? ' Deleted rows are overwritten in the database file, and an erasure empties its write-ahead log.' : ''}`,
        de: `Ein Löschjob läuft alle ${facts.retentionEveryMinutes} Minuten und löscht, was seine Frist überschritten hat, Dateien eingeschlossen; er beachtet Aufbewahrungssperren der oder des Datenschutzbeauftragten und hält jeden Lauf im Prüfprotokoll fest.${facts.sqlite ? ' Gelöschte Zeilen werden in der Datenbankdatei überschrieben, und eine Löschung auf Anfrage leert ihr Schreibprotokoll.' : ''}`,
      },
    },
    {
      title: { en: 'Audit log', de: 'Prüfprotokoll' },
      text: {
        en: `Staff actions on personal data (viewing, exporting, correcting and erasing a person's data, legal holds, changes to processors and settings) are written to an audit log in the same transaction as the change; entries are kept for ${facts.auditDays} days.`,
        de: `Handlungen von Mitarbeitenden an personenbezogenen Daten (Ansehen, Exportieren, Berichtigen und Löschen der Daten einer Person, Aufbewahrungssperren, Änderungen an Auftragsverarbeitern und Einstellungen) werden in derselben Transaktion wie die Änderung im Prüfprotokoll festgehalten; Einträge bleiben ${facts.auditDays} Tage.`,
      },
    },
    {
      title: { en: 'No secrets at rest', de: 'Keine Geheimnisse im Klartext' },
      text: {
        en: 'Join links, confirmation and self-service links, portal sessions, phone PINs and API keys come from a cryptographic random generator and are stored only as hashes; passwords are stored as argon2id hashes.',
        de: 'Zugangslinks, Bestätigungs- und Selbstauskunftslinks, Portal-Sitzungen, Telefon-PINs und API-Schlüssel stammen aus einem kryptografischen Zufallsgenerator und werden nur als Hash gespeichert; Passwörter als argon2id-Hash.',
      },
    },
    {
      title: { en: 'Access control', de: 'Zugriffskontrolle' },
      text: {
        en: 'Staff sign in with a password and, where they enrolled it, a second factor; sessions end after inactivity. Every request is checked against one rule per resource and role (administrator, host, data protection officer); hosts see only their own events. Failed attempts are limited per client, with a captcha instead of a lock-out.',
        de: 'Mitarbeitende melden sich mit Passwort und, wo eingerichtet, einem zweiten Faktor an; Sitzungen enden nach Inaktivität. Jede Anfrage wird gegen eine Regel je Ressource und Rolle geprüft (Administration, Veranstalter, Datenschutzbeauftragte/r); Veranstalter sehen nur ihre eigenen Veranstaltungen. Fehlversuche werden je Client begrenzt, mit Captcha statt Sperre.',
      },
    },
    {
      title: { en: 'Rights of data subjects', de: 'Betroffenenrechte' },
      text: {
        en: 'People see, download, correct and erase their data themselves after proving their email address with a one-time link; requests by email are tracked with their one-month deadline.',
        de: 'Betroffene sehen, laden herunter, berichtigen und löschen ihre Daten selbst, nachdem sie ihre E-Mail-Adresse mit einem einmaligen Link bestätigt haben; Anfragen per E-Mail werden mit ihrer Monatsfrist verfolgt.',
      },
    },
  ];
  if (facts.telephony)
    list.push({
      title: { en: 'Telephone', de: 'Telefon' },
      text: {
        en: 'Calls are accepted only from the configured telephone provider’s addresses and a limited number per minute; a caller joins a meeting only with its number and passcode or a personal PIN.',
        de: 'Anrufe werden nur von den Adressen des eingerichteten Telefonanbieters und in begrenzter Zahl je Minute angenommen; Anrufende gelangen nur mit Meeting-Nummer und Kenncode oder persönlicher PIN in ein Meeting.',
      },
    });
  if (facts.turn)
    list.push({
      title: { en: 'Relay for restricted networks', de: 'Relay für eingeschränkte Netze' },
      text: {
        en: 'Browsers behind restrictive firewalls reach the media server through our own relay with credentials valid for a short time; it relays only to our media server.',
        de: 'Browser hinter restriktiven Firewalls erreichen den Medienserver über unser eigenes Relay mit kurz gültigen Zugangsdaten; es leitet nur zu unserem Medienserver weiter.',
      },
    });
  return list.map((m) => ({ title: m.title[language], text: de ? m.text.de : m.text.en }));
}

const countryName = (code: string, language: Language) => new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;

export function processingRecord(
  declarations: readonly PrivacyDeclaration[],
  notice: NoticeDocument,
  processors: readonly ProcessorInfo[],
  periods: Config['retention'],
  facts: EnforcedFacts,
  language: Language,
): ProcessingRecord {
  const de = language === 'de';
  const categories = declarations.flatMap((d) => d.categories);
  const processedOnly = declarations.flatMap((d) => d.processed ?? []);
  const described = (p: ProcessorInfo) => {
    const basis = notice.processors.find((n) => n.name === p.name)?.transferBasis;
    return `${p.name} (${countryName(p.country, language)}): ${p.purpose[language]}${basis ? `; ${basis}` : ''}`;
  };
  const activities = situations
    .map((situation) => {
      const own = categories.filter((c) => c.situation === situation);
      // Processed in passing and never stored (the relay's view of IP addresses): its sentence stands for a deletion period.
      const passing = processedOnly.filter((p) => p.situation === situation);
      const serving = processors.filter((p) => servicesOf[situation].includes(p.service));
      const abroad = serving.filter((p) => !eeaCountries.has(p.country));
      const transfers = abroad.length
        ? abroad.map((p) => `${p.name} (${countryName(p.country, language)})`).join('; ') +
          (de ? ': Übermittlung auf Grundlage der oben genannten Garantien.' : ': transfer on the safeguards named above.')
        : notice.declared.hosting
          ? de
            ? 'Keine Übermittlung in Drittländer.'
            : 'No transfer to third countries.'
          : de
            ? 'Noch nicht angegeben: Wer Plenum betreibt (Hosting), ist in den Einstellungen nicht erklärt.'
            : 'Not declared yet: who hosts Plenum is not stated in the settings.';
      return {
        title: situationTexts[situation].title[language],
        dataSubjects: [...new Set([...own, ...passing].flatMap((c) => c.subjects))].map((s) => subjectWords[s][language]),
        categories: [
          ...own.map((c) => ({
            data: c.data[language],
            purpose: c.purpose[language],
            legalBasis: basisSentence(c.legalBasis, language),
            recipients: c.recipients[language],
            retention: retentionText(c.retention, periods, language),
          })),
          ...passing.map((p) => ({
            data: p.data[language],
            purpose: p.purpose[language],
            legalBasis: basisSentence(p.legalBasis, language),
            recipients: p.recipients[language],
            retention: p.notStored[language],
          })),
        ],
        processors: serving.map(described),
        transfers,
      };
    })
    .filter((activity) => activity.categories.length > 0);
  return {
    generatedAt: new Date().toISOString(),
    controller: { ...notice.controller, configured: notice.declared.configured, authority: notice.declared.authority },
    activities,
    processors: processors.map(described),
    measures: measures(facts, language),
  };
}
