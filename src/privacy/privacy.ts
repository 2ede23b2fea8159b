import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

const accountability = { en: 'accountability, Art. 5(2) and 24 GDPR', de: 'Rechenschaftspflicht, Art. 5 Abs. 2 und 24 DSGVO' };
const dpoOnly = { en: 'Only our data protection officer sees it.', de: 'Nur die oder der Datenschutzbeauftragte sieht es ein.' };
const answeringRequests = {
  en: 'answering data subject requests, Art. 12 to 22 GDPR',
  de: 'Beantwortung von Anfragen betroffener Personen, Art. 12 bis 22 DSGVO',
};

export const auditPrivacy: PrivacyDeclaration = {
  domain: 'privacy',
  categories: [
    {
      id: 'privacy.audit',
      subjects: ['staff'],
      table: 'audit_entries',
      columns: ['actor_id', 'at', 'subject_id'],
      situation: 'staff',
      data: {
        en: 'which of your actions changed personal data, when, and whose data they concerned, without the data itself',
        de: 'welche Ihrer Handlungen personenbezogene Daten geändert haben, wann und wessen Daten sie betrafen, ohne die Daten selbst',
      },
      purpose: {
        en: 'This log proves who changed what and when, as accountability under the GDPR requires.',
        de: 'Dieses Protokoll weist nach, wer wann was geändert hat, wie es die Rechenschaftspflicht nach der DSGVO verlangt.',
      },
      recipients: dpoOnly,
      legalBasis: { article: '6(1)(c)', obligation: accountability },
      retention: { kind: 'after', column: 'at', days: 730, setting: 'auditDays' },
      rights: { export: true, correct: false, erase: false },
    },
    {
      id: 'privacy.access-tokens',
      subjects: ['registrant', 'participant', 'caller', 'requester'],
      table: 'privacy_access_tokens',
      columns: ['email', 'created_at', 'used_at'],
      situation: 'privacy',
      data: {
        en: 'your email address, and when you asked for a link to your data and when you used it',
        de: 'Ihre E-Mail-Adresse und wann Sie einen Link zu Ihren Daten angefordert und wann Sie ihn benutzt haben',
      },
      purpose: {
        en: 'They prove that the person asking about the data holds the mailbox: the link we send there is valid for 30 minutes and works once.',
        de: 'Sie weisen nach, dass die anfragende Person das Postfach besitzt: Der Link, den wir dorthin senden, gilt 30 Minuten und funktioniert einmal.',
      },
      recipients: {
        en: 'They serve only to check the link; nobody else receives them.',
        de: 'Sie dienen nur der Prüfung des Links; niemand sonst erhält sie.',
      },
      legalBasis: { article: '6(1)(c)', obligation: answeringRequests },
      retention: { kind: 'after', column: 'expires_at', days: 1 },
      rights: { export: true, correct: false, erase: true },
    },
    {
      id: 'privacy.requests',
      subjects: ['requester'],
      table: 'privacy_requests',
      columns: ['email', 'name', 'received_at', 'note', 'verified_phone'],
      situation: 'privacy',
      data: {
        en: 'your email address and name, when your request arrived, our notes on it and, if you asked about a phone number, the number we checked to be yours',
        de: 'Ihre E-Mail-Adresse und Ihren Namen, wann Ihre Anfrage einging, unsere Notizen dazu und, wenn Sie nach einer Telefonnummer gefragt haben, die Nummer, die wir als Ihre überprüft haben',
      },
      purpose: {
        en: 'We track your request until it is answered within the legal deadline, and use the checked number to find what is stored under it.',
        de: 'Wir verfolgen Ihre Anfrage, bis sie innerhalb der gesetzlichen Frist beantwortet ist, und finden mit der überprüften Nummer, was unter ihr gespeichert ist.',
      },
      recipients: {
        en: 'Our data protection officer handles your request and sees them.',
        de: 'Die oder der Datenschutzbeauftragte bearbeitet Ihre Anfrage und sieht sie ein.',
      },
      legalBasis: { article: '6(1)(c)', obligation: answeringRequests },
      retention: { kind: 'after', column: 'closed_at', days: 1095 },
      rights: { export: true, correct: true, erase: false },
    },
    {
      id: 'privacy.request-handlers',
      subjects: ['staff'],
      table: 'privacy_requests',
      columns: ['created_by'],
      situation: 'staff',
      data: { en: 'that you recorded a request', de: 'dass Sie eine Anfrage erfasst haben' },
      purpose: { en: 'It shows who recorded a request.', de: 'So ist nachvollziehbar, wer eine Anfrage erfasst hat.' },
      recipients: dpoOnly,
      legalBasis: { article: '6(1)(c)', obligation: accountability },
      retention: { kind: 'after', column: 'closed_at', days: 1095 },
      rights: { export: true, correct: false, erase: false },
    },
    {
      id: 'privacy.legal-holds',
      subjects: ['staff'],
      table: 'legal_holds',
      columns: ['created_by'],
      situation: 'staff',
      data: { en: 'that you put data under a legal hold', de: 'dass Sie Daten unter eine Aufbewahrungssperre gestellt haben' },
      purpose: {
        en: 'It shows who put data under a hold.',
        de: 'So ist nachvollziehbar, wer Daten unter eine Sperre gestellt hat.',
      },
      recipients: dpoOnly,
      legalBasis: { article: '6(1)(c)', obligation: accountability },
      retention: { kind: 'after', column: 'until', days: 365 },
      rights: { export: true, correct: false, erase: false },
    },
  ],
  notPersonal: {
    audit_entries: ['id', 'actor_kind', 'action', 'subject_type', 'detail'],
    privacy_access_tokens: ['token_hash', 'kind', 'expires_at'],
    privacy_requests: ['id', 'type', 'due_at', 'extension_reason', 'status', 'created_at', 'closed_at'],
    legal_holds: ['id', 'category', 'item_id', 'reason', 'until', 'created_at', 'released_at'],
    processors: ['id', 'name', 'purpose_en', 'purpose_de', 'country', 'transfer_basis', 'service', 'created_at', 'updated_at'],
    notice_versions: ['version', 'content', 'texts', 'created_at', 'in_force_at'],
    // The scheduler's bookkeeping (retention runs here too): which job last started when, on which instance.
    job_runs: ['name', 'started_at', 'instance_id'],
    // The Janus node registry (src/media/nodes/): machines, their addresses and states.
    media_nodes: ['id', 'api_url', 'admin_url', 'media_address', 'role', 'state', 'updated_at'],
  },
};
