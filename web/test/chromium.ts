// Debian's Chromium driven by playwright-core (never a downloaded browser build).
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Flags for a root, offline, headless machine: no sandbox (root), no calls home.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

type LaunchOptions = {
  /**
   * Subdomain mode: these names resolve to 127.0.0.1 inside the browser (no hosts file), and the
   * stack's certificate is accepted by its public key alone — not every certificate error.
   */
  tls?: { hosts: string[]; spki: string };
};

/**
 * One browser; each `newContext()` is a separate cookie jar, like a separate device.
 * `close` ends the browser and with it every context.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<{
  browser: Browser;
  newContext: () => Promise<BrowserContext>;
  close: () => Promise<void>;
}> {
  const args = [...ARGS];
  if (options.tls) {
    const rules = options.tls.hosts.map((host) => `MAP ${host} 127.0.0.1`).join(", ");
    args.push(
      `--host-resolver-rules=${rules}`,
      `--ignore-certificate-errors-spki-list=${options.tls.spki}`,
    );
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  return {
    browser,
    newContext: () => browser.newContext({ viewport: { width: 1000, height: 760 } }),
    close: () => browser.close(),
  };
}
