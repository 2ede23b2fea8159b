import type { StaffRole } from '../api/types';
import type { en } from '../i18n/en';

type NavKey = keyof typeof en.nav;

interface NavEntry {
  path: string;
  /** Key under `nav.` (menu label) and `navDescription.` (dashboard card) in the translations. */
  key: NavKey;
  /** Who sees the entry; everyone signed in when absent. The server enforces the same rule. */
  roles?: readonly StaffRole[];
}

/**
 * The menu of the signed-in area, in order. A new feature (events, meetings, …) adds its entry
 * here and its page in routes.tsx; the type there insists that every path has a page.
 */
const navEntries = [
  { path: '/', key: 'dashboard' },
  { path: '/events', key: 'events', roles: ['admin', 'host', 'dpo'] },
  { path: '/meetings', key: 'meetings', roles: ['admin', 'host'] },
  { path: '/calls', key: 'calls', roles: ['admin', 'host', 'dpo'] },
  { path: '/callbacks', key: 'callbacks', roles: ['admin', 'host'] },
  { path: '/dpo', key: 'dpo', roles: ['dpo'] },
  { path: '/record', key: 'record', roles: ['dpo'] },
  { path: '/processors', key: 'processors', roles: ['admin', 'dpo'] },
  { path: '/settings', key: 'settings', roles: ['admin'] },
  { path: '/staff', key: 'staff', roles: ['admin'] },
  { path: '/api-tokens', key: 'apiTokens', roles: ['admin'] },
  { path: '/outbox', key: 'outbox', roles: ['admin'] },
  { path: '/account', key: 'account' },
] as const satisfies readonly NavEntry[];

type NavItem = (typeof navEntries)[number];
export type NavPath = NavItem['path'];

export function navFor(role: StaffRole): NavItem[] {
  return navEntries.filter((entry) => {
    const roles: readonly StaffRole[] | undefined = 'roles' in entry ? entry.roles : undefined;
    return !roles || roles.includes(role);
  });
}
