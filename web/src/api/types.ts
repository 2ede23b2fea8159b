/** Types the API shares across features. */
export const staffRoles = ['admin', 'host', 'dpo'] as const;
export type StaffRole = (typeof staffRoles)[number];

export function isStaffRole(value: string): value is StaffRole {
  return staffRoles.some((role) => role === value);
}
