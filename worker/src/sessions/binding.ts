// What a session is bound to: the client's network and device family, coarse enough that a phone
// moving between cells or a browser updating itself does not count as a change.

/** The /24 (IPv4) or /64 (IPv6) network of an address; null when there is none or it won't parse. */
export function networkOf(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!ip.includes(":")) return null;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (!ip.includes("::") && missing !== 0)) return null;
  const groups = [...left, ...Array<string>(missing).fill("0"), ...right];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return null;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

/** Browser and OS from a user agent, without versions: "Chrome on macOS". */
export function deviceOf(userAgent: string | null | undefined): { browser: string; os: string } {
  const ua = userAgent ?? "";
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? "Unknown browser";
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? "unknown OS";
  return { browser, os };
}

export function deviceFamily(userAgent: string | null | undefined): string {
  const { browser, os } = deviceOf(userAgent);
  return `${browser} on ${os}`;
}

export type ClientInfo = {
  ip: string | null;
  userAgent: string | null;
  asn: number | null;
  country: string | null;
};

export type BoundTo = {
  ipAddress: string | null;
  userAgent: string | null;
  asn: number | null;
  country: string | null;
};

/** The differences between what a session is bound to and the client now; empty when none. */
export function bindingChanges(bound: BoundTo, client: ClientInfo): string[] {
  const changes: string[] = [];
  const before = networkOf(bound.ipAddress);
  const after = networkOf(client.ip);
  // A missing side (no IP header, no cf data) is unknown, not a change.
  if (before && after && before !== after) changes.push(`network ${before} -> ${after}`);
  if (bound.asn !== null && client.asn !== null && bound.asn !== client.asn) {
    changes.push(`ASN ${bound.asn} -> ${client.asn}`);
  }
  if (bound.country && client.country && bound.country !== client.country) {
    changes.push(`country ${bound.country} -> ${client.country}`);
  }
  const deviceBefore = deviceFamily(bound.userAgent);
  const deviceAfter = deviceFamily(client.userAgent);
  if (bound.userAgent && client.userAgent && deviceBefore !== deviceAfter) {
    changes.push(`device ${deviceBefore} -> ${deviceAfter}`);
  }
  return changes;
}
