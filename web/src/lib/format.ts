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

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];

/** "3 minutes ago", "in 6 days": how far a moment is from now, in the largest whole unit. */
export function formatRelative(value: DateInput, now = Date.now()): string {
  const difference = new Date(value).getTime() - now;
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(difference) >= ms || unit === "second") {
      return format.format(Math.round(difference / ms), unit);
    }
  }
  return format.format(0, "second");
}
