import type { Language } from '../config.js';

/**
 * The text of a meeting's calendar file, in the host's language: the join link (without the
 * passcode, which the host passes on separately) and, where dial-in is configured, how to call in.
 */
const texts = {
  en: {
    join: (url: string) => `Join in the browser: ${url}`,
    meetingNumber: (number: string) => `Meeting ID: ${number}`,
    passcode: 'The passcode comes from the host.',
    dialIn: (number: string, meetingNumber: string) =>
      `Dial in by phone: call ${number}, enter the meeting ID ${meetingNumber} followed by #, then the phone PIN from the host followed by #.`,
  },
  de: {
    join: (url: string) => `Im Browser teilnehmen: ${url}`,
    meetingNumber: (number: string) => `Meeting-ID: ${number}`,
    passcode: 'Den Kenncode erhalten Sie von der Veranstalterin bzw. dem Veranstalter.',
    dialIn: (number: string, meetingNumber: string) =>
      `Einwahl per Telefon: Rufen Sie ${number} an, geben Sie die Meeting-ID ${meetingNumber} und # ein, danach die Telefon-PIN der Veranstalterin bzw. des Veranstalters und #.`,
  },
} satisfies Record<Language, unknown>;

export function invitationText(language: Language, meeting: { joinUrl: string; meetingNumber: string; dialInNumber?: string }): string {
  const t = texts[language];
  const lines = [t.join(meeting.joinUrl), t.meetingNumber(meeting.meetingNumber), t.passcode];
  if (meeting.dialInNumber) lines.push(t.dialIn(meeting.dialInNumber, meeting.meetingNumber));
  return lines.join('\n');
}
