import { type DateInput, formatDateTime, toIsoString } from "../lib/format";

/** A date and time in the user's locale, machine-readable through `<time dateTime>`. */
export function DateTime({ value }: { value: DateInput }) {
  return <time dateTime={toIsoString(value)}>{formatDateTime(value)}</time>;
}
