import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js';

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Keeps what a trunk may put in a SIP user part for a number: digits, a leading + and nothing else. */
export function cleanNumber(raw: string | undefined): string | null {
  const cleaned = raw?.replace(/[\s\-().]/g, '');
  if (!cleaned || !/^\+?\d{2,20}$/.test(cleaned)) return null;
  return cleaned.startsWith('00') ? `+${cleaned.slice(2)}` : cleaned;
}

function parse(number: string | null): PhoneNumber | undefined {
  return number?.startsWith('+') ? parsePhoneNumberFromString(number) : undefined;
}

/** The English name of the caller's country, from the number's country code (libphonenumber-js). */
export function countryOf(number: string | null): string | null {
  const country = parse(number)?.country;
  return country ? (countryNames.of(country) ?? null) : null;
}

/** What the other participants see: country and area code, then the last two digits (+49 551 ••• 12). */
export function maskNumber(number: string | null): string {
  if (!number) return '•••';
  const parsed = parse(number);
  const last = number.slice(-2);
  if (!parsed) return `••• ${last}`;
  const groups = parsed.formatInternational().split(' ');
  return groups.length > 2 ? `${groups[0]} ${groups[1]} ••• ${last}` : `${groups[0]} ••• ${last}`;
}
