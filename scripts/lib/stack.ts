// The running product on one machine: Postgres, the API Worker under `wrangler dev`, the web app
// under Vite. Used by `npm run dev`, the browser tests and the benchmarks, so all three run the same thing.
import { mkdirSync, writeFileSync } from "node:fs";
import { DEV_VARS } from "./dev-vars.ts";
import { type Managed, ROOT, start, toolEnv, waitForUrl } from "./processes.ts";

export type StackOptions = {
  apiPort: number;
  webPort: number;
  databaseUrl: string;
  /** Extra Worker vars, e.g. shorter session lifetimes in tests. They win over .dev.vars. */
  vars?: Record<string, string>;
  /** A secrets file other than .dev.vars (tests use their own). */
  secretsFile?: string;
  output?: "prefix" | "ignore";
  /** Skip the web app (benchmarks need only the API). */
  web?: boolean;
};

export type Stack = {
  apiUrl: string;
  webUrl: string;
  processes: Managed[];
  stop: () => Promise<void>;
};

/** Starts the API (and the web app) and resolves once both answer. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const apiUrl = `http://localhost:${options.apiPort}`;
  const webUrl = `http://localhost:${options.webPort}`;
  const vars = {
    DATABASE_URL: options.databaseUrl,
    BETTER_AUTH_URL: apiUrl,
    // The web app's actual origin (with the port in use) is trusted without further configuration.
    TRUSTED_ORIGINS: webUrl,
    ...options.vars,
  };
  // Wrangler loads secrets from env files; a later file overrides an earlier one. This one is
  // generated per run (git-ignored) so the stack's own values win over .dev.vars.
  mkdirSync(`${ROOT}.dev`, { recursive: true });
  const stackVars = `${ROOT}.dev/stack-${options.apiPort}.env`;
  writeFileSync(
    stackVars,
    Object.entries(vars)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
      .join("\n"),
    { mode: 0o600 },
  );
  const processes: Managed[] = [];
  const stop = async () => {
    await Promise.allSettled(processes.map((child) => child.stop()));
  };
  try {
    const api = start(
      "api",
      "wrangler",
      [
        "dev",
        "--ip",
        "127.0.0.1",
        "--port",
        String(options.apiPort),
        "--show-interactive-dev-session=false",
        "--env-file",
        options.secretsFile ?? DEV_VARS,
        "--env-file",
        stackVars,
      ],
      { output: options.output },
    );
    processes.push(api);
    const waits = [waitForUrl(`${apiUrl}/health`, 90_000, api)];
    if (options.web !== false) {
      // --bypass-lock: a developer's own `npm run dev` may run beside the tests; ports keep them apart.
      const web = start("web", "vite", ["--config", "web/vite.config.ts", "--bypass-lock"], {
        env: toolEnv({ WEB_PORT: String(options.webPort), VITE_SERVER_URL: apiUrl }),
        output: options.output,
      });
      processes.push(web);
      waits.push(waitForUrl(webUrl, 90_000, web));
    }
    await Promise.all(waits);
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl, webUrl, processes, stop };
}
