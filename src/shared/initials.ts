/** "Dora Datenschutz" → "DD": what stands in for a person's photo (the registration page's speakers). */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
