import { createHash } from 'node:crypto';
import type { Config, Language } from '../config.js';
import { privacyDeclarations } from '../privacy/declarations.js';
import type { DataCategory, RetentionRule } from '../privacy/registry.js';

/**
 * The privacy notice in force, until the Privacy center generates the full notice: its content is
 * the controller named in the configuration plus every declared category of registrants' data, and
 * its version is a hash of exactly that content. Changing a declaration or the controller changes
 * the version; each registration records the version its registrant was shown.
 */

export interface NoticeSection {
  purpose: string;
  legalBasis: string;
  retention: string;
  fields: string[];
}

export interface PrivacyNotice {
  version: string;
  controller: { name: string; address?: string; privacyEmail?: string; dpo?: { name?: string; email?: string } };
  sections: NoticeSection[];
}

function retentionText(rule: RetentionRule, language: Language): string {
  switch (rule.kind) {
    case 'while':
      return rule.condition[language];
    case 'until':
      return rule.condition[language];
    case 'after':
      return language === 'de' ? `${rule.days} Tage nach ${rule.column}` : `${rule.days} days after ${rule.column}`;
  }
}

function legalBasisText(category: DataCategory, language: Language): string {
  const basis = category.legalBasis;
  const article = language === 'de' ? `Art. ${basis.article} DSGVO` : `Art. ${basis.article} GDPR`;
  if ('contract' in basis) return `${article}: ${basis.contract[language]}`;
  if ('interest' in basis) return `${article}: ${basis.interest[language]}`;
  if ('obligation' in basis) return `${article}: ${basis.obligation[language]}`;
  return article;
}

export function createPrivacyNotice(organisation: Config['organisation']) {
  const categories = privacyDeclarations.flatMap((d) => d.categories).filter((c) => c.subjects.includes('registrant'));
  const version = createHash('sha256').update(JSON.stringify({ organisation, categories })).digest('hex').slice(0, 16);
  return {
    /** Recorded with each registration. */
    version,
    render(language: Language): PrivacyNotice {
      return {
        version,
        controller: { name: organisation.name, address: organisation.address, privacyEmail: organisation.privacyEmail, dpo: organisation.dpo },
        sections: categories.map((c) => ({
          purpose: c.purpose[language],
          legalBasis: legalBasisText(c, language),
          retention: retentionText(c.retention, language),
          fields: [...c.columns],
        })),
      };
    },
  };
}

export type PrivacyNoticeSource = ReturnType<typeof createPrivacyNotice>;
