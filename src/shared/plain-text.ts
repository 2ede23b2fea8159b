import { z } from 'zod';

/**
 * Markup, control characters (line breaks and tabs included) and the bidi overrides that reorder
 * what follows: in one line of text a person typed they only serve to forge lines or garble what
 * others see (mails, CSV files, calendar files, the minutes, the room).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const markupOrControl = /[<>\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** One line a person typed (company, an answer, a time): trimmed, at most `max` characters, without markup or control characters. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !markupOrControl.test(value), { message: 'ERR_MARKUP_NOT_ALLOWED' });

/**
 * A person's name: the one rule wherever a name enters (registration, the join display name, a
 * pseudonym, staff names, the callback form, a request the DPO records, corrections in the portal).
 */
export const personName = plainText(100).pipe(z.string().min(1));

/** Whether `value` passes as a person's name; the accepted (trimmed) name, else undefined. For checks outside a route schema. */
export const acceptPersonName = (value: string): string | undefined => {
  const parsed = personName.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};
