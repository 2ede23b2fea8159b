import type { TFunction } from 'i18next';

/** The human name of a stored field ("first_name" or "firstName" → "first name"); an unknown one reads as words, never as a column name. */
export function fieldLabel(t: TFunction, key: string): string {
  const column = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return t(`privacy.fieldNames.${column as 'name'}`, { defaultValue: column.replace(/_/g, ' ') });
}
