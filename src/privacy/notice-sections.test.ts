import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config.js';
import { turnRelayPrivacy } from '../media/privacy.js';
import { declarationsInForce, privacyDeclarations } from '../plenum.js';
import { situations, type Situation } from '../shared/privacy-declaration.js';
import { createPrivacyNotice, type ControllerSource, type NoticeSection, type ProcessorInfo } from './notice.js';
import { enforcedFacts, processingRecord } from './record.js';

/**
 * The notice as a reader meets it: one section per situation, in prose, each telling what is
 * stored, why, on which legal basis, who receives it and how long it is kept — in German and
 * English, whatever the admin has or has not declared — and no internal name anywhere.
 */

const languages = ['en', 'de'] as const;
type Language = (typeof languages)[number];
const categories = privacyDeclarations.flatMap((d) => d.categories);
const periods = loadConfig({}).retention;

const organisations: Record<string, ControllerSource> = {
  unconfigured: { name: 'Plenum (unconfigured organisation)' },
  configured: {
    name: 'Beispiel GmbH',
    address: 'Bahnhofsallee 1b, 37081 Göttingen',
    privacyEmail: 'datenschutz@example.org',
    dpo: { name: 'Dana Schutz', email: 'dsb@example.org' },
    authority: { name: 'Die Landesbeauftragte für den Datenschutz Niedersachsen', address: 'Prinzenstraße 5, 30159 Hannover' },
    hosting: 'provider',
    mail: 'provider',
    telephony: 'provider',
  },
};
const processorLists: Record<string, ProcessorInfo[]> = {
  none: [],
  some: [
    { name: 'Hostinger AG', purpose: { en: 'Hosting', de: 'Hosting' }, country: 'DE', transferBasis: 'eu', service: 'hosting' },
    { name: 'Mailhaus GmbH', purpose: { en: 'Mail delivery', de: 'E-Mail-Versand' }, country: 'IE', transferBasis: 'eu', service: 'mail' },
    { name: 'Ring Inc.', purpose: { en: 'Telephony', de: 'Telefonie' }, country: 'US', transferBasis: 'scc', service: 'telephony' },
  ],
};

/** Every way the notice can be generated: controller declared or not, processors declared or not, both languages. */
function* notices() {
  for (const [organisation, source] of Object.entries(organisations))
    for (const [list, processors] of Object.entries(processorLists)) {
      const notice = createPrivacyNotice(() => source, periods, privacyDeclarations);
      notice.setProcessors(processors);
      for (const language of languages) yield { notice: notice.document(language), language, case: `${organisation}, processors: ${list}` };
    }
}

/** The marks of each element a section must have, per language. */
const checklist: Record<Language, Record<'what' | 'why' | 'basis' | 'recipients' | 'how long' | 'how to object', RegExp>> = {
  en: {
    what: /\bWe store\b/,
    why: /\b(to|so that|for|with them|with the|it shows|it decides|they protect|they prove|must)\b/,
    basis: /The legal basis is (your consent \()?Art\.\s6\(1\)\([abcf]\)\sGDPR/,
    recipients: /\b(sees?|can see|can read|receives?|handles?|nobody|Nobody|Everyone|only the system)\b/,
    'how long': /\b(We delete|We keep)\b/,
    'how to object':
      /\bTo (withdraw your consent|object to the processing|have the data corrected or deleted)\b.*, (use our self-service page|write to our data protection officer)\b/,
  },
  de: {
    what: /\bWir speichern\b/,
    why: /\b(um|damit|zur|zum|mit ihnen|Mit ihnen|Mit der|So ist|Danach richtet sich|schützen|weisen|müssen|helfen|halten)\b/,
    basis: /Rechtsgrundlage ist (Ihre Einwilligung \()?Art\.\s6\sAbs\.\s1\slit\.\s[abcf]\sDSGVO/,
    recipients: /\b(sieht|sehen|einsehen|erhält|erhalten|bearbeitet|verwendet|Niemand|Alle)\b/,
    'how long': /\b(Wir löschen|Wir speichern (sie|es), (solange|bis))\b/,
    'how to object':
      /\bUm (Ihre Einwilligung zu widerrufen|der Verarbeitung zu widersprechen|die Daten berichtigen oder löschen zu lassen)\b.*, (nutzen Sie unsere Selbstauskunftsseite|schreiben Sie an unsere Datenschutzbeauftragte)\b/,
  },
};

/** What a section lacks, by the checklist; each category of the situation must tell what and on which basis. */
function missing(section: NoticeSection, language: Language, expectedCategories: number): string[] {
  const text = [section.intro, ...section.paragraphs].join('\n');
  const lacks = Object.entries(checklist[language])
    .filter(([, mark]) => !mark.test(text))
    .map(([element]) => element);
  const count = (mark: RegExp) => text.match(new RegExp(mark.source, 'g'))?.length ?? 0;
  if (count(checklist[language].what) < expectedCategories) lacks.push('what, for each category');
  if (count(checklist[language].basis) < expectedCategories) lacks.push('basis, for each category');
  return lacks;
}

/** Internal names that must never reach a reader. */
const identifiers: [string, RegExp][] = [
  ['snake_case', /\b[a-z]+_[a-z0-9_]+\b/],
  ['camelCase', /\b[a-z]+[A-Z][A-Za-z]*\b/],
  ['ISO timestamp', /\d{4}-\d{2}-\d{2}T\d{2}/],
  ['category id', new RegExp(`\\b(${categories.map((c) => c.id.replace('.', '\\.')).join('|')})\\b`)],
  ['dotted id', /\b[a-z]+\.[a-z]+-[a-z-]+\b/],
  ['hash', /\b[0-9a-f]{12,}\b/],
  ['placeholder', /\{\{|\}\}/],
  ['wrong number', /\b1 (Tage|Stunden|Jahre|days|hours|years)\b/],
];

/** The texts in an answer, without the keys the page only uses to choose what to show (a section's situation, a country code it names). */
const strings = (value: unknown, key = ''): string[] =>
  typeof value === 'string'
    ? key === 'situation' || key === 'country'
      ? []
      : [value]
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => strings(v, Array.isArray(value) ? key : k))
      : [];

describe('privacy notice sections', () => {
  it('declares every category in a situation, with what, why and who receives it in German and English', () => {
    for (const category of categories) {
      assert.ok(situations.includes(category.situation), `${category.id}: situation`);
      for (const language of languages)
        for (const key of ['data', 'purpose', 'recipients'] as const)
          assert.ok(category[key][language].trim(), `${category.id}: ${key} in ${language}`);
      assert.match(category.purpose.en, /^[A-Z].*\.$/, `${category.id}: the purpose is a sentence`);
      assert.match(category.purpose.de, /^[A-ZÄÖÜ].*\.$/, `${category.id}: the purpose is a sentence`);
      assert.match(category.recipients.en, /^[A-Z].*\.$/, `${category.id}: the recipients are a sentence`);
      assert.match(category.recipients.de, /^[A-ZÄÖÜ].*\.$/, `${category.id}: the recipients are a sentence`);
    }
  });

  it('tells the situations in the order a reader meets them, staff accounts last', () => {
    for (const { notice, language } of notices()) {
      const order = notice.sections.map((s) => s.situation);
      assert.deepEqual(
        order,
        situations.filter((s) => categories.some((c) => c.situation === s)),
        language,
      );
      assert.equal(order.at(-1), 'staff');
      assert.equal(new Set(notice.sections.map((s) => s.title)).size, notice.sections.length, 'each section has its own title');
    }
  });

  it('says in every section what, why, on which basis, to whom, how long and how to object, in both languages', () => {
    for (const { notice, language, case: name } of notices())
      for (const section of notice.sections) {
        const expected = categories.filter((c) => c.situation === section.situation).length;
        assert.deepEqual(missing(section, language, expected), [], `${section.title} (${language}, ${name})`);
      }
  });

  it('offers in each section the ways its legal bases give: withdrawal for consent, objection for a legitimate interest', () => {
    const notice = createPrivacyNotice(() => organisations.configured!, periods, privacyDeclarations);
    const last = (language: Language, situation: Situation) =>
      notice
        .document(language)
        .sections.find((s) => s.situation === situation)!
        .paragraphs.at(-1);
    assert.equal(
      last('en', 'registration'),
      'To withdraw your consent or have the data corrected or deleted, use our self-service page or write to the contact at the top of this notice.',
    );
    assert.equal(
      last('de', 'mail'),
      'Um die Daten berichtigen oder löschen zu lassen, nutzen Sie unsere Selbstauskunftsseite oder schreiben Sie an den Kontakt am Anfang dieser Hinweise.',
      'a contract gives no right to object: none is offered',
    );
    assert.match(last('en', 'phone')!, /^To object to the processing or have the data corrected or deleted, use our self-service page/);
    assert.match(last('en', 'privacy')!, /deleted, as far as no law requires us to keep them,/);
    assert.match(last('de', 'staff')!, /schreiben Sie an unsere Datenschutzbeauftragte oder unseren Datenschutzbeauftragten/);
  });

  it('the checklist catches a section that lacks an element', () => {
    const notice = createPrivacyNotice(() => organisations.configured!, periods, privacyDeclarations).document('de');
    const registration = notice.sections.find((s) => s.situation === ('registration' satisfies Situation))!;
    const withoutBasis = { ...registration, paragraphs: registration.paragraphs.map((p) => p.replace(/Rechtsgrundlage ist/g, 'Grund:')) };
    assert.deepEqual(missing(withoutBasis, 'de', 3), ['basis', 'basis, for each category']);
    const withoutClosing = { ...registration, paragraphs: registration.paragraphs.slice(0, -2) };
    assert.deepEqual(missing(withoutClosing, 'de', 3), ['recipients', 'how long', 'how to object']);
  });

  it('names the declared processors where they work on the data, and nothing undeclared', () => {
    const notice = createPrivacyNotice(() => organisations.configured!, periods, privacyDeclarations);
    const bare = notice.document('en');
    assert.ok(
      bare.sections.every((s) => !/on our behalf/.test(s.paragraphs.join(' '))),
      'no processor claimed while none is declared',
    );
    notice.setProcessors(processorLists.some!);
    const text = (situation: Situation) =>
      notice
        .document('en')
        .sections.find((s) => s.situation === situation)!
        .paragraphs.join(' ');
    assert.match(text('phone'), /Hostinger AG and Ring Inc\. process these data on our behalf/);
    assert.match(text('mail'), /Hostinger AG and Mailhaus GmbH process these data on our behalf/);
    assert.match(text('registration'), /Hostinger AG processes these data on our behalf/);
  });

  it('shows no internal name in any text of the notice', () => {
    for (const { notice, language, case: name } of notices()) {
      const { version, ...readable } = notice;
      const texts = strings({ ...readable, language: undefined })
        .join('\n')
        .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, 'mail'); // email addresses the admin declared
      for (const [what, pattern] of identifiers) assert.doesNotMatch(texts, pattern, `${what} in the ${language} notice (${name})`);
      assert.ok(!texts.includes(version), 'the version hash is not part of the text');
    }
  });

  it('tells what the TURN relay processes without storing it, where a relay is configured, in the notice and the record', () => {
    const relayed = loadConfig({ TURN_MODE: 'embedded', TURN_SECRET: 'a-test-secret-that-is-long-enough-for-coturn' });
    assert.ok(declarationsInForce(relayed).includes(turnRelayPrivacy));
    assert.ok(!declarationsInForce(loadConfig({})).includes(turnRelayPrivacy), 'no relay, no word of it');
    const meeting = (language: Language, declarations = privacyDeclarations) =>
      createPrivacyNotice(() => organisations.configured!, periods, declarations)
        .document(language)
        .sections.find((s) => s.situation === 'meeting')!
        .paragraphs.join(' ');
    assert.match(
      meeting('en'),
      /We process the IP address and port of your device when your network lets audio and video reach us only through our relay server \(TURN\)\./,
    );
    assert.match(meeting('en'), /We do not store it: the relay server holds it in its working memory only while your connection lasts/);
    assert.match(
      meeting('de'),
      /Wir verarbeiten die IP-Adresse und den Port Ihres Geräts, wenn Ihr Netzwerk Ton und Video nur über unseren Relay-Server \(TURN\) zu uns lässt\./,
    );
    assert.match(
      meeting('de'),
      /Rechtsgrundlage ist Art\.\u00a06\u00a0Abs\.\u00a01\u00a0lit\.\u00a0f\u00a0DSGVO, unser berechtigtes Interesse: Erreichbarkeit unserer Meetings/,
    );
    assert.doesNotMatch(meeting('de', declarationsInForce(loadConfig({}))), /Relay-Server/);
    for (const language of languages) {
      const notice = createPrivacyNotice(() => organisations.configured!, periods, privacyDeclarations).document(language);
      const record = processingRecord(privacyDeclarations, notice, [], periods, enforcedFacts(loadConfig({})), language);
      const meetingActivity = record.activities.find((a) => a.title === notice.sections.find((s) => s.situation === 'meeting')!.title)!;
      const relay = meetingActivity.categories.find((c) => c.data === turnRelayPrivacy.processed![0]!.data[language]);
      assert.equal(relay?.retention, turnRelayPrivacy.processed![0]!.notStored[language], 'not stored, in place of a deletion period');
    }
  });
});
