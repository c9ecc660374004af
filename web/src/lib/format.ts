/** Dates arrive as `Date` from the auth client and as ISO strings from plain JSON endpoints. */
export type DateInput = Date | string | number;

/** The user's locale and time zone, e.g. "4/12/2025, 9:30:00 PM". */
export function formatDateTime(value: DateInput): string {
  return new Date(value).toLocaleString();
}

/** Machine-readable form for `<time dateTime>`. */
export function toIsoString(value: DateInput): string {
  return new Date(value).toISOString();
}
