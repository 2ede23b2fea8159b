import type { TFunction } from 'i18next';
import type { Pseudonym } from './types';

/** A pseudonym as this viewer's language shows it ("Attendee 4821", "Teilnehmer 4821", or the chosen name). */
export const pseudonymText = (pseudonym: Pseudonym, t: TFunction): string =>
  'chosen' in pseudonym ? pseudonym.chosen : t('chat.attendeeNumber', { number: pseudonym.number });

/** An author as shown: the real name (with the pseudonym beside it for the host and the panel), else the pseudonym. */
export function authorText(author: { name?: string | null; pseudonym?: Pseudonym | null }, t: TFunction): string {
  if (author.name && author.pseudonym)
    return t('chat.nameAndPseudonym', { name: author.name, pseudonym: pseudonymText(author.pseudonym, t) });
  if (author.name) return author.name;
  return author.pseudonym ? pseudonymText(author.pseudonym, t) : '';
}
