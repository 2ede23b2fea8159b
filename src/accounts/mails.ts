import type { Language } from '../config.js';

interface InvitationMail {
  displayName: string;
  inviterName: string;
  organisation: string;
  role: string;
  link: string;
  validDays: number;
}

const roleNames: Record<Language, Record<string, string>> = {
  en: { admin: 'administrator', host: 'host', dpo: 'data protection officer' },
  de: { admin: 'Administrator/in', host: 'Veranstalter/in', dpo: 'Datenschutzbeauftragte/r' },
};

/** Plain text only: no tracking pixels, no remote images. */
export function invitationMail(language: Language, m: InvitationMail): { subject: string; text: string } {
  const role = roleNames[language][m.role] ?? m.role;
  if (language === 'de') {
    return {
      subject: `Einladung zu Plenum – ${m.organisation}`,
      text: `Hallo ${m.displayName},

${m.inviterName} hat Sie als ${role} zu Plenum, der Webinar- und Meeting-Plattform von ${m.organisation}, eingeladen.

Legen Sie hier Ihr Passwort fest (der Link gilt ${m.validDays} Tage und nur einmal):
${m.link}

Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail; es wird dann kein Konto aktiviert.
`,
    };
  }
  return {
    subject: `Invitation to Plenum – ${m.organisation}`,
    text: `Hello ${m.displayName},

${m.inviterName} has invited you to Plenum, the webinar and meeting platform of ${m.organisation}, as ${role}.

Choose your password here (the link works once and for ${m.validDays} days):
${m.link}

If you did not expect this invitation, ignore this email; no account will be activated.
`,
  };
}
