import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { privacyDeclarations } from '../plenum.js';
import type { RetentionSetting } from '../shared/privacy-declaration.js';
import { basisSentence, germanCitation, legalBasisText, periodText, retentionText } from './notice.js';

const periods = {
  registrationDays: 180,
  recordingDays: 30,
  minutesDays: 180,
  unconfirmedHours: 24,
  callRecordDays: 1,
  callbackDays: 30,
  auditDays: 730,
  intervalMs: 3_600_000,
};
const languages = ['en', 'de'] as const;
const categories = privacyDeclarations.flatMap((d) => d.categories);
/** Every configurable period at 1, and the unconfirmed registrations' hours too: where singular and plural part. */
const ones = { ...periods, ...Object.fromEntries(Object.keys(periods).map((key) => [key, 1])), intervalMs: 1 } as Record<
  RetentionSetting | 'unconfirmedHours' | 'intervalMs',
  number
>;

describe('notice wording', () => {
  it('cites articles in German style in German and in English style in English', () => {
    assert.equal(germanCitation('6(1)(b)'), 'Art. 6 Abs. 1 lit. b DSGVO');
    assert.match(legalBasisText({ article: '6(1)(a)' }, 'de'), /^Art\. 6 Abs\. 1 lit\. a DSGVO: Einwilligung$/);
    assert.match(legalBasisText({ article: '6(1)(a)' }, 'en'), /^Art\. 6\(1\)\(a\) GDPR: consent$/);
    assert.match(basisSentence({ article: '6(1)(a)' }, 'de'), /jederzeit mit Wirkung für die Zukunft widerrufen/);
    assert.match(
      basisSentence({ article: '6(1)(f)', interest: { en: 'x', de: 'x' } }, 'en'),
      /object to this processing \(Art\. 21 GDPR\)/,
    );
  });

  it('names a period with its unit in singular and plural, whole years as years', () => {
    assert.equal(periodText(1, 'de'), '1 Tag');
    assert.equal(periodText(180, 'de'), '180 Tage');
    assert.equal(periodText(1, 'en'), '1 day');
    assert.equal(periodText(730, 'en'), '2 years');
    assert.equal(periodText(365, 'de'), '1 Jahr');
  });

  it('says what a period counts from in words, in a full sentence, never the column', () => {
    const oneDay = { kind: 'after', column: 'started_at', days: 90, setting: 'callRecordDays' } as const;
    assert.equal(retentionText(oneDay, periods, 'en'), 'We delete them 1 day after the start of the call.');
    assert.equal(retentionText(oneDay, periods, 'de'), 'Wir löschen sie 1 Tag nach dem Beginn des Anrufs.');
    const many = { kind: 'after', column: 'created_at', days: 30 } as const;
    assert.equal(retentionText(many, periods, 'en'), 'We delete them 30 days after their creation.');
    assert.equal(retentionText(many, periods, 'de'), 'Wir löschen sie 30 Tage nach ihrer Erstellung.');
    const atOnce = { kind: 'after', column: 'expires_at', days: 0 } as const;
    assert.equal(retentionText(atOnce, periods, 'de'), 'Wir löschen sie mit dem Ablauf des Links.');
    assert.doesNotMatch(retentionText({ kind: 'after', column: 'mystery_at', days: 2 }, periods, 'de'), /mystery|_/);
  });

  it('words every declared retention as full sentences, with the right number and no placeholder or column left', () => {
    for (const category of categories)
      for (const language of languages)
        for (const configured of [periods, ones]) {
          const text = retentionText(category.retention, configured, language);
          const where = `${category.id} (${language}): ${text}`;
          assert.match(text, /^[A-ZÄÖÜ].*\.$/s, `${where} is a sentence`);
          assert.doesNotMatch(text, /\{\{|\}\}|_|\b1 (Tage|Stunden|Jahre|days|hours|years)\b/, where);
          assert.doesNotMatch(text, /\b([02-9]|\d{2,}) (Tag|Stunde|Jahr|day|hour|year)\b/, where);
        }
  });
});
