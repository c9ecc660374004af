// Enough of a User-Agent parser to tell a person which of their devices a session is on.

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\//, "Chrome"],
  [/Version\/[\d.]+.*Safari\//, "Safari"],
  [/curl\//, "curl"],
];

const SYSTEMS: [RegExp, string][] = [
  [/Windows NT/, "Windows"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Android/, "Android"],
  [/Linux/, "Linux"],
];

/** e.g. "Firefox on Windows"; "Unknown browser" when the agent says nothing recognisable. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown device";
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const os = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return describeDevice(browser, os);
}

/** Joins what is known about a device: "Chrome on Linux", "Chrome", "Linux", "Unknown device". */
export function describeDevice(browser: string | null | undefined, os: string | null | undefined) {
  if (browser && os) return `${browser} on ${os}`;
  return browser || os || "Unknown device";
}
