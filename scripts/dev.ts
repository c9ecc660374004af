// `npm run dev`: the whole stack on a laptop. An embedded Postgres (unless DATABASE_URL is set),
// the committed migrations, the API Worker under `wrangler dev`, and the web app under Vite.
// Ctrl-C or SIGTERM stops all of it.
import { startDevPostgres } from "./db/local.ts";
import { applyMigrations } from "./db/migrate.ts";
import { ensureDevVars, readDevVars } from "./lib/dev-vars.ts";
import { portInUse } from "./lib/ports.ts";
import { stopAll } from "./lib/processes.ts";
import { type Stack, startStack } from "./lib/stack.ts";

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name] ?? String(fallback);
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`${name} must be a TCP port number, got "${value}"`);
  }
  return port;
}

async function main() {
  const started = performance.now();
  const apiPort = portFromEnv("API_PORT", 8787);
  const webPort = portFromEnv("WEB_PORT", 5173);
  for (const [name, port] of [
    ["API_PORT", apiPort],
    ["WEB_PORT", webPort],
  ] as const) {
    if (await portInUse(port)) throw new Error(`Port ${port} is in use: free it or set ${name}.`);
  }
  if (ensureDevVars()) console.log("Created .dev.vars with a fresh BETTER_AUTH_SECRET.");

  let stack: Stack | undefined;
  let database: Awaited<ReturnType<typeof startDevPostgres>> | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
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
      `Database: ${configured ? new URL(databaseUrl).host : `embedded Postgres on 127.0.0.1:${database?.port} (data in .data/postgres)`}` +
        (applied.length > 0 ? `; applied ${applied.join(", ")}` : "; migrations up to date"),
    );

    stack = await startStack({ apiPort, webPort, databaseUrl });
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
      `\nReady in ${seconds} s\n  API  ${stack.apiUrl}\n  Web  ${stack.webUrl}\n\nCtrl-C stops everything.`,
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
