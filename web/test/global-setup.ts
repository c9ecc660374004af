import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ensureCerts } from "../../scripts/lib/certs.ts";
import { DOMAIN, EVIL_HOST } from "./helpers.ts";
import { startTestStack } from "./test-stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    API_URL: string;
    WEB_URL: string;
    ADMIN_URL: string;
    /** The stack's certificate: its key and PEMs (for the test's own HTTPS servers) and SPKI hash. */
    CERTS: { certPath: string; keyPath: string; ca: string; spki: string };
  }
}

/**
 * The subdomain stack every browser test file shares: api., app. and admin.example.test over
 * HTTPS with a throwaway CA (its certificate also covers evil.test), a fresh database, free ports.
 * Sessions are checked every 2 s and the cache cookie lives 3 s, so a session ended elsewhere
 * shows within about 5 s.
 */
export default async function setup(project: TestProject) {
  const certDir = mkdtempSync(join(tmpdir(), "edge-session-certs-"));
  try {
    const certs = ensureCerts({ domain: DOMAIN, extraHosts: [EVIL_HOST], dir: certDir });
    const stack = await startTestStack({
      subdomains: { domain: DOMAIN, certs },
      // Many sign-ups from one IP in a minute are the suite, not an attack.
      vars: { RATE_LIMIT: "off", SESSION_CACHE_SECONDS: "3" },
      webEnv: { VITE_SESSION_REFETCH_SECONDS: "2" },
    });
    project.provide("API_URL", stack.apiUrl);
    project.provide("WEB_URL", stack.webUrl);
    project.provide("ADMIN_URL", stack.adminUrl ?? "");
    project.provide("CERTS", {
      certPath: certs.certPath,
      keyPath: certs.keyPath,
      ca: certs.ca,
      spki: certs.spki,
    });
    return async () => {
      await stack.stop();
      rmSync(certDir, { recursive: true, force: true });
    };
  } catch (error) {
    rmSync(certDir, { recursive: true, force: true });
    throw error;
  }
}
