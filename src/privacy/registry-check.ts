import type { PrivacyDeclaration } from '../shared/privacy-declaration.js';

/**
 * The registry's promise, as a function: every column of every table is classified by some
 * declaration, as personal data (a category) or as not personal. Used by registry.test.ts.
 */

export interface TableColumns {
  name: string;
  columns: readonly string[];
}

export function classifiedColumns(declarations: readonly PrivacyDeclaration[]) {
  const personal = new Map<string, Set<string>>();
  const notPersonal = new Map<string, Set<string>>();
  for (const declaration of declarations) {
    // Database tables only: what is kept in Redis has no columns to check.
    for (const category of declaration.categories.filter((c) => c.keptIn === undefined)) {
      const set = personal.get(category.table) ?? new Set();
      category.columns.forEach((c) => set.add(c));
      personal.set(category.table, set);
    }
    for (const [table, columns] of Object.entries(declaration.notPersonal)) {
      const set = notPersonal.get(table) ?? new Set();
      columns.forEach((c) => set.add(c));
      notPersonal.set(table, set);
    }
  }
  return { personal, notPersonal };
}

/** `table.column` for each column no declaration classifies. */
export function unclassifiedColumns(tables: readonly TableColumns[], declarations: readonly PrivacyDeclaration[]): string[] {
  const { personal, notPersonal } = classifiedColumns(declarations);
  return tables.flatMap((t) =>
    t.columns.filter((c) => !personal.get(t.name)?.has(c) && !notPersonal.get(t.name)?.has(c)).map((c) => `${t.name}.${c}`),
  );
}
