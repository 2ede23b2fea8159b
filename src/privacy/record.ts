import type { Config, Language } from '../config.js';
import { legalBasisText, retentionText, type NoticeDocument } from './notice.js';
import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

/**
 * The record of processing activities (Art. 30(1) GDPR) for the data protection officer, from the
 * same sources as the notice: one activity per declared category, staff data included.
 */

export interface ProcessingRecord {
  generatedAt: string;
  noticeVersion: string;
  controller: NoticeDocument['controller'];
  activities: {
    category: string;
    domain: string;
    purpose: string;
    dataSubjects: string[];
    personalData: string[];
    storedIn: string;
    legalBasis: string;
    retention: string;
  }[];
  /** Processing without storage (the TURN relay's IP addresses): no table, no retention period. */
  processedNotStored: {
    category: string;
    domain: string;
    purpose: string;
    dataSubjects: string[];
    personalData: string;
    legalBasis: string;
    notStored: string;
  }[];
  recipients: NoticeDocument['processors'];
  thirdCountryTransfers: boolean;
  securityMeasures: string[];
}

const measures: Record<Language, string[]> = {
  en: [
    'Self-hosted; no browser request leaves the origin (strict Content Security Policy)',
    'Media encrypted in transit (DTLS-SRTP); HTTPS for the web client and API',
    'Access tokens from a CSPRNG, stored only as SHA-256; passwords as argon2id; two-factor login for staff',
    'Role-based access (admin, host, data protection officer); staff actions on personal data are audited',
    'Retention enforced by a scheduled job that honours legal holds and records every run',
  ],
  de: [
    'Selbst betrieben; keine Browser-Anfrage verlässt den Ursprung (strikte Content Security Policy)',
    'Medien bei der Übertragung verschlüsselt (DTLS-SRTP); HTTPS für Web-Client und API',
    'Zugangstoken aus einem CSPRNG, nur als SHA-256 gespeichert; Passwörter als argon2id; Zwei-Faktor-Anmeldung für Mitarbeitende',
    'Rollenbasierter Zugriff (Admin, Veranstalter, Datenschutzbeauftragte/r); Handlungen von Mitarbeitenden an personenbezogenen Daten werden protokolliert',
    'Löschfristen durch einen geplanten Job durchgesetzt, der Aufbewahrungssperren beachtet und jeden Lauf festhält',
  ],
};

export function processingRecord(
  declarations: readonly PrivacyDeclaration[],
  notice: NoticeDocument,
  periods: Config['retention'],
  language: Language,
): ProcessingRecord {
  return {
    generatedAt: new Date().toISOString(),
    noticeVersion: notice.version,
    controller: notice.controller,
    activities: declarations.flatMap((d) =>
      d.categories.map((c) => ({
        category: c.id,
        domain: d.domain,
        purpose: c.purpose[language],
        dataSubjects: [...c.subjects],
        personalData: [...c.columns],
        storedIn: c.table,
        legalBasis: legalBasisText(c.legalBasis, language),
        retention: retentionText(c.retention, periods, language),
      })),
    ),
    processedNotStored: declarations.flatMap((d) =>
      (d.processed ?? []).map((p) => ({
        category: p.id,
        domain: d.domain,
        purpose: p.purpose[language],
        dataSubjects: [...p.subjects],
        personalData: p.data[language],
        legalBasis: legalBasisText(p.legalBasis, language),
        notStored: p.notStored[language],
      })),
    ),
    recipients: notice.processors,
    thirdCountryTransfers: notice.thirdCountryTransfers,
    securityMeasures: measures[language],
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A standalone HTML page (no scripts, no styles: the CSP forbids inline ones) for printing or filing. */
export function processingRecordHtml(record: ProcessingRecord, language: Language): string {
  const de = language === 'de';
  const head = de
    ? ['Kategorie', 'Zweck', 'Betroffene', 'Daten', 'Rechtsgrundlage', 'Löschfrist']
    : ['Category', 'Purpose', 'Data subjects', 'Data', 'Legal basis', 'Retention'];
  const rows = record.activities
    .map(
      (a) =>
        `<tr>${[a.category, a.purpose, a.dataSubjects.join(', '), `${a.storedIn}: ${a.personalData.join(', ')}`, a.legalBasis, a.retention].map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const processed = record.processedNotStored
    .map(
      (p) =>
        `<tr>${[p.category, p.purpose, p.dataSubjects.join(', '), p.personalData, p.legalBasis, p.notStored].map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const recipients = record.recipients.length
    ? record.recipients
        .map((r) => `<li>${escape(`${r.name} (${r.country}): ${r.purpose}${r.transferBasis ? ` – ${r.transferBasis}` : ''}`)}</li>`)
        .join('')
    : `<li>${de ? 'keine' : 'none'}</li>`;
  const c = record.controller;
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><title>${de ? 'Verzeichnis von Verarbeitungstätigkeiten' : 'Record of processing activities'}</title></head>
<body>
<h1>${de ? 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)' : 'Record of processing activities (Art. 30 GDPR)'}</h1>
<p>${escape(c.name)}${c.address ? `, ${escape(c.address)}` : ''}${c.privacyEmail ? ` – ${escape(c.privacyEmail)}` : ''}</p>
${c.dpo ? `<p>${de ? 'Datenschutzbeauftragte/r' : 'Data protection officer'}: ${escape([c.dpo.name, c.dpo.email].filter(Boolean).join(', '))}</p>` : ''}
<p>${de ? 'Erstellt' : 'Generated'}: ${escape(record.generatedAt)} · ${de ? 'Version des Datenschutzhinweises' : 'Notice version'}: ${escape(record.noticeVersion)}</p>
<table border="1"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
${
  processed
    ? `<h2>${de ? 'Verarbeitet, nicht gespeichert' : 'Processed, not stored'}</h2>
<table border="1"><thead><tr>${[...head.slice(0, 5), de ? 'Speicherung' : 'Storage'].map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>
${processed}
</tbody></table>`
    : ''
}
<h2>${de ? 'Empfänger und Auftragsverarbeiter' : 'Recipients and processors'}</h2><ul>${recipients}</ul>
<h2>${de ? 'Übermittlung in Drittländer' : 'Transfers to third countries'}</h2><p>${record.thirdCountryTransfers ? (de ? 'ja, siehe Auftragsverarbeiter' : 'yes, see processors') : de ? 'keine' : 'none'}</p>
<h2>${de ? 'Technische und organisatorische Maßnahmen' : 'Technical and organisational measures'}</h2><ul>${record.securityMeasures.map((m) => `<li>${escape(m)}</li>`).join('')}</ul>
</body></html>`;
}
