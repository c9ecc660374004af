// The two Workers under test, each under `wrangler dev` on a free port on 127.0.0.1 with its own
// database: the product (wrangler.toml) and the stock setup (bench/stock/wrangler.toml).
//
// Not startStack: with `[secrets]` declared, wrangler takes from env files only the keys that
// wrangler.toml declares (so RATE_LIMIT=off would be dropped), and lets the shell's environment win
// over env files (a developer's DATABASE_URL would point the benchmark at their database). Here
// vars go in with --var, secrets in a 0600 env file, and wrangler gets a minimal environment.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../lib/ports.ts";
import { start, toolEnv, waitForUrl } from "../lib/processes.ts";

export type WorkerName = "product" | "stock";

export type RunningWorker = {
  name: WorkerName;
  /** Where requests go: always 127.0.0.1. */
  url: string;
  /** A trusted origin: state-changing requests must carry it. */
  origin: string;
  database: string;
  stop: () => Promise<void>;
};

export type StartOptions = {
  databaseUrl: (database: string) => string;
  /** A folder for this run's env files (removed with the run). */
  dir: string;
  secret: string;
  verbose: boolean;
};

const WORKERS: Record<
  WorkerName,
  { config: string; readyPath: string; vars: Record<string, string> }
> = {
  // Rate limit off: every benchmark request comes from one address.
  product: { config: "wrangler.toml", readyPath: "/health", vars: { RATE_LIMIT: "off" } },
  stock: { config: "bench/stock/wrangler.toml", readyPath: "/api/ping", vars: {} },
};

// What wrangler needs from the shell; nothing a Worker could read as configuration.
const KEEP =
  /^(PATH|HOME|USER|LOGNAME|SHELL|TMPDIR|TMP|TEMP|LANG|LC_\w+|TERM|TZ|XDG_\w+|WRANGLER_\w+|CLOUDFLARE_CF_FETCH_ENABLED|NODE_EXTRA_CA_CERTS)$/;

function minimalEnv(): NodeJS.ProcessEnv {
  // A cast: wrangler's generated types declare the Worker's vars on ProcessEnv.
  return Object.fromEntries(
    Object.entries(toolEnv()).filter(([key]) => KEEP.test(key)),
  ) as NodeJS.ProcessEnv;
}

/** Starts one Worker and resolves once it answers. */
export async function startWorker(name: WorkerName, options: StartOptions): Promise<RunningWorker> {
  const worker = WORKERS[name];
  const database = `bench_${name}`;
  const [port, inspectorPort, webPort] = [await freePort(), await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  // Nothing listens on webPort: it only names the trusted web app origin.
  const origin = `http://localhost:${webPort}`;
  const vars = {
    BETTER_AUTH_URL: `http://localhost:${port}`,
    TRUSTED_ORIGINS: origin,
    ...worker.vars,
  };
  const secretsFile = join(options.dir, `${name}.env`);
  writeFileSync(
    secretsFile,
    `BETTER_AUTH_SECRET=${JSON.stringify(options.secret)}\nDATABASE_URL=${JSON.stringify(options.databaseUrl(database))}\n`,
    { mode: 0o600 },
  );
  const child = start(
    name,
    "wrangler",
    [
      "dev",
      "--config",
      worker.config,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspectorPort),
      "--show-interactive-dev-session=false",
      "--env-file",
      secretsFile,
      ...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]),
    ],
    { env: minimalEnv(), output: options.verbose ? "prefix" : "ignore" },
  );
  try {
    await waitForUrl(`${url}${worker.readyPath}`, 90_000, child);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { name, url, origin, database, stop: child.stop };
}
