// Pure arithmetic on measurements: percentiles, ratios and number formatting.

/** The nearest-rank percentile (p in 0..100) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** product / stock, or undefined when either side is missing or the stock figure is 0. */
export function ratio(product: number | undefined, stock: number | undefined): number | undefined {
  if (product === undefined || stock === undefined) return undefined;
  if (!Number.isFinite(product) || !Number.isFinite(stock) || stock === 0) return undefined;
  return product / stock;
}

/** A count per request, e.g. statements: exact integers stay integers, others get two decimals. */
export function formatPerRequest(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "n/a";
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Requests per second: whole numbers with thousands separators. */
export function formatRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "n/a";
  return Math.round(value).toLocaleString("en-US");
}

/** Milliseconds with one decimal. */
export function formatMs(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "n/a";
  return value.toFixed(1);
}

/** A ratio such as 3.27x, or "n/a". */
export function formatRatio(value: number | undefined): string {
  return value === undefined ? "n/a" : `${value.toFixed(2)}x`;
}
