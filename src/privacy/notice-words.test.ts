import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { germanCitation, legalBasisText, retentionText } from './notice.js';

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

describe('notice wording', () => {
  it('cites articles in German style in German and in English style in English', () => {
    assert.equal(germanCitation('6(1)(b)'), 'Art. 6 Abs. 1 lit. b DSGVO');
    assert.match(legalBasisText({ article: '6(1)(a)' }, 'de'), /^Art\. 6 Abs\. 1 lit\. a DSGVO: Einwilligung$/);
    assert.match(legalBasisText({ article: '6(1)(a)' }, 'en'), /^Art\. 6\(1\)\(a\) GDPR: consent$/);
  });

  it('names what a period counts from in words, with singular and plural, never the column', () => {
    const oneDay = { kind: 'after', column: 'started_at', days: 90, setting: 'callRecordDays' } as const;
    assert.equal(retentionText(oneDay, periods, 'en'), '1 day after the call began');
    assert.equal(retentionText(oneDay, periods, 'de'), '1 Tag nach dem Beginn des Anrufs');
    const many = { kind: 'after', column: 'created_at', days: 30 } as const;
    assert.equal(retentionText(many, periods, 'en'), '30 days after it was stored');
    assert.equal(retentionText(many, periods, 'de'), '30 Tage nach der Speicherung');
    assert.doesNotMatch(retentionText({ kind: 'after', column: 'mystery_at', days: 2 }, periods, 'de'), /mystery|_/);
  });
});
