import { randomInt } from 'node:crypto';

/** Meeting numbers: 11 digits from the CSPRNG, first digit not 0, shown as 123 4567 8901. */
export function newMeetingNumber(): string {
  return String(randomInt(10_000_000_000, 100_000_000_000));
}

export function formatMeetingNumber(number: string): string {
  return number.replace(/^(\d{3})(\d{4})(\d+)$/, '$1 $2 $3');
}

/** What a person may type: spaces and dashes are ignored. */
export function normaliseMeetingNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

// No 0/o, 1/l/i: passcodes are read aloud and typed from a mail.
const passcodeAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Eight characters with at least one letter and one digit, so never digits only. */
export function newPasscode(): string {
  for (;;) {
    const code = Array.from({ length: 8 }, () => passcodeAlphabet[randomInt(passcodeAlphabet.length)]).join('');
    if (/[a-z]/.test(code) && /\d/.test(code)) return code;
  }
}

/**
 * Nine digits callers type after the meeting number (plain meetings). Meetings created before
 * kept their six digits (hosts shared them); a new ID and passcode gives them nine.
 */
export function newPhonePin(): string {
  return String(randomInt(100_000_000, 1_000_000_000));
}
