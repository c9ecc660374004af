// The running product on one machine: Postgres, the API Worker under `wrangler dev`, the web app
// and the admin app under Vite. Used by `npm run dev`, the browser tests and the benchmarks, so all
// three run the same thing. Two modes: localhost over HTTP, or real subdomains over HTTPS.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import type { Certs } from "./certs.ts";
import { DEV_VARS } from "./dev-vars.ts";
import { type Managed, ROOT, start, toolEnv, waitForUrl } from "./processes.ts";

/** Subdomain mode: `api.`, `app.` and `admin.<domain>` over HTTPS, one cookie for all three. */
export type Subdomains = {
  /** e.g. `example.test`; the session cookie gets `Domain=<domain>`. */
  domain: string;
  certs: Pick<Certs, "ca" | "certPath" | "keyPath">;
};

export type StackOptions = {
  apiPort: number;
  webPort: number;
  /** Also serve the admin app on this port (omit for no admin app). */
  adminPort?: number;
  databaseUrl: string;
  /** Serve on real subdomains over HTTPS instead of localhost. */
  subdomains?: Subdomains;
  /** Extra Worker vars, e.g. shorter session lifetimes in tests. They win over .dev.vars. */
  vars?: Record<string, string>;
  /** Extra `VITE_*` build-time values for both apps, e.g. a shorter session refetch interval. */
  webEnv?: Record<string, string>;
  /** A secrets file other than .dev.vars (tests use their own). */
  secretsFile?: string;
  output?: "prefix" | "ignore";
  /** Skip the web apps (benchmarks need only the API). */
  web?: boolean;
};

export type Stack = {
  apiUrl: string;
  webUrl: string;
  /** The admin app's URL, when it was started. */
  adminUrl: string | undefined;
  processes: Managed[];
  stop: () => Promise<void>;
};

const READY_TIMEOUT_MS = 90_000;

/** The origin a browser uses for one part of the stack. */
function stackOrigin(name: "api" | "app" | "admin", port: number, subdomains?: Subdomains) {
  return subdomains ? `https://${name}.${subdomains.domain}:${port}` : `http://localhost:${port}`;
}

/** Starts the API (and the web apps) and resolves once every part answers. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { subdomains } = options;
  const withWeb = options.web !== false;
  const apiUrl = stackOrigin("api", options.apiPort, subdomains);
  const webUrl = stackOrigin("app", options.webPort, subdomains);
  const adminUrl =
    withWeb && options.adminPort ? stackOrigin("admin", options.adminPort, subdomains) : undefined;
  // Public configuration goes on the command line: with `[secrets]` declared in wrangler.toml,
  // wrangler takes only declared names from env files and would silently drop e.g. COOKIE_DOMAIN.
  const vars: Record<string, string> = {
    BETTER_AUTH_URL: apiUrl,
    // The apps' actual origins (with the ports in use) are trusted without further configuration.
    TRUSTED_ORIGINS: [webUrl, adminUrl].filter(Boolean).join(","),
    // One cookie for every subdomain; on localhost it stays host-only (Domain=localhost is refused).
    ...(subdomains ? { COOKIE_DOMAIN: subdomains.domain } : {}),
    ...options.vars,
  };
  // The database URL is a secret: it goes in a file (git-ignored, owner-only), which wrangler
  // reads after .dev.vars so the stack's database wins.
  mkdirSync(`${ROOT}.dev`, { recursive: true });
  const stackVars = `${ROOT}.dev/stack-${options.apiPort}.env`;
  writeFileSync(stackVars, `DATABASE_URL=${JSON.stringify(options.databaseUrl)}\n`, {
    mode: 0o600,
  });
  const processes: Managed[] = [];
  const stop = async () => {
    // Signals go out and the file goes away synchronously: a signal handler may not get to await.
    const stopped = processes.map((child) => child.stop());
    rmSync(stackVars, { force: true });
    await Promise.allSettled(stopped);
  };
  try {
    const tls = subdomains
      ? [
          "--local-protocol",
          "https",
          "--https-key-path",
          subdomains.certs.keyPath,
          "--https-cert-path",
          subdomains.certs.certPath,
        ]
      : [];
    // Wrangler lets the shell's environment win over env files: a developer's DATABASE_URL would
    // point a test stack at their database. What the stack sets is kept out of the child's env.
    const apiEnv = toolEnv();
    for (const key of ["DATABASE_URL", ...Object.keys(vars)]) delete apiEnv[key];
    const api = start(
      "api",
      "wrangler",
      [
        "dev",
        "--ip",
        "127.0.0.1",
        "--port",
        String(options.apiPort),
        ...tls,
        ...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
        "--show-interactive-dev-session=false",
        "--env-file",
        options.secretsFile ?? DEV_VARS,
        "--env-file",
        stackVars,
      ],
      { env: apiEnv, output: options.output },
    );
    processes.push(api);
    const waits = [waitUntilServing(`${apiUrl}/health`, api, subdomains)];
    if (withWeb) {
      const apps: ["app" | "admin", number, string][] = [["app", options.webPort, webUrl]];
      if (adminUrl && options.adminPort) apps.push(["admin", options.adminPort, adminUrl]);
      for (const [app, port, url] of apps) {
        const env: Record<string, string> = {
          WEB_APP: app,
          WEB_PORT: String(port),
          VITE_SERVER_URL: apiUrl,
          VITE_APP_URL: webUrl,
          VITE_ADMIN_URL: adminUrl ?? "",
          ...options.webEnv,
        };
        if (subdomains) {
          // Listen on loopback only; the browser reaches it through the hosts file (or resolver rules).
          Object.assign(env, {
            WEB_HOST: "127.0.0.1",
            WEB_DOMAIN: subdomains.domain,
            WEB_HTTPS_CERT: subdomains.certs.certPath,
            WEB_HTTPS_KEY: subdomains.certs.keyPath,
          });
        }
        // --bypass-lock: a developer's own `npm run dev` may run beside the tests; ports keep them apart.
        const web = start(app, "vite", ["--config", "web/vite.config.ts", "--bypass-lock"], {
          env: toolEnv(env),
          output: options.output,
        });
        processes.push(web);
        waits.push(waitUntilServing(url, web, subdomains));
      }
    }
    await Promise.all(waits);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl, webUrl, adminUrl, processes, stop };
}

/** Waits for a URL to answer; in subdomain mode over TLS to 127.0.0.1 with the right name and CA. */
function waitUntilServing(url: string, process: Managed, subdomains?: Subdomains) {
  return subdomains
    ? waitForHttps(url, subdomains.certs.ca, process)
    : waitForUrl(url, READY_TIMEOUT_MS, process);
}

/**
 * Polls an https URL on a host name that may not resolve on this machine (no hosts-file line
 * needed): connects to 127.0.0.1, sends the name as SNI and Host, and checks the certificate
 * against our CA only.
 */
async function waitForHttps(url: string, ca: string, process: Managed) {
  const target = new URL(url);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  process.exited.then((code) => {
    exitCode = code;
  });
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`${process.name} exited (code ${exitCode}) before ${url} answered`);
    }
    try {
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: target.port,
            path: `${target.pathname}${target.search}`,
            servername: target.hostname,
            headers: { host: target.host },
            ca,
            timeout: 2_000,
          },
          (response) => {
            response.resume();
            resolve();
          },
        );
        req.on("timeout", () => req.destroy(new Error("timed out")));
        req.on("error", reject);
        req.end();
      });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url} did not answer within ${READY_TIMEOUT_MS / 1000} s (${lastError})`);
}
