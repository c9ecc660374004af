import { type DateInput, formatDateTime, formatRelative, toIsoString } from "../lib/format";

/** A date and time in the user's locale, machine-readable through `<time dateTime>`. */
export function DateTime({ value }: { value: DateInput }) {
  return <time dateTime={toIsoString(value)}>{formatDateTime(value)}</time>;
}

/** "3 minutes ago", with the exact date and time on hover. */
export function RelativeTime({ value }: { value: DateInput }) {
  return (
    <time dateTime={toIsoString(value)} title={formatDateTime(value)}>
      {formatRelative(value)}
    </time>
  );
}
