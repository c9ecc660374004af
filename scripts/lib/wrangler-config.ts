// wrangler.toml as wrangler itself reads it (environment inheritance and validation included),
// through wrangler's exported reader rather than a TOML parser of our own.
import { unstable_readConfig } from "wrangler";
import { ROOT } from "./processes.ts";

export const WRANGLER_CONFIG = `${ROOT}wrangler.toml`;

export type WorkerConfig = {
  name: string;
  vars: Record<string, string>;
  compatibilityDate: string;
  compatibilityFlags: string[];
  crons: string[];
  routes: string[];
  requiredSecrets: string[];
};

/** Reads the top level, or one `[env.<name>]` section (which fails if there is no such section). */
export function readWorkerConfig(env?: string, configPath = WRANGLER_CONFIG): WorkerConfig {
  const config = unstable_readConfig({ config: configPath, env }, { hideWarnings: true });
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(config.vars ?? {})) {
    vars[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return {
    name: config.name ?? "",
    vars,
    compatibilityDate: config.compatibility_date ?? "",
    compatibilityFlags: config.compatibility_flags ?? [],
    crons: config.triggers?.crons ?? [],
    routes: (config.routes ?? []).map((route: string | { pattern: string }) =>
      typeof route === "string" ? route : route.pattern,
    ),
    requiredSecrets: config.secrets?.required ?? [],
  };
}
