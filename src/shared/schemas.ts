import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

/** Input schemas several domains accept (the registration form, the callback form, the DPO's requests). */

/** Any phone number with its country code (or a German one without); stored as E.164. */
export const phoneNumber = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const parsed = parsePhoneNumberFromString(value, 'DE');
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'ERR_PHONE_INVALID' });
      return z.NEVER;
    }
    return parsed.number;
  });

/** A stored (E.164) number as people write it: "+49 171 2345678"; as stored where it does not parse. */
export function readablePhone(stored: string): string {
  return parsePhoneNumberFromString(stored)?.formatInternational() ?? stored;
}
