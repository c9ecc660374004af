// Where and with what the benchmark ran, for the results header.
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from "node:os";
import { ROOT } from "../lib/processes.ts";

/** e.g. "AMD EPYC 7B13, 2 cores (nproc), 7.8 GiB RAM, linux 6.1.0". */
export function machineInfo(): string {
  const model = cpus()[0]?.model.trim() || "unknown CPU";
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `${model}, ${availableParallelism()} cores (nproc), ${memory} GiB RAM, ${platform()} ${release()}`;
}

/** e.g. "AMD EPYC 7B13, 2 cores", short enough for the chart's caption. */
export function machineBrief(): string {
  return `${cpus()[0]?.model.trim() || "unknown CPU"}, ${availableParallelism()} cores`;
}

/** The 1-minute load average: other work on the machine slows both Workers alike, but shows here. */
export function loadAverage(): string {
  return loadavg()[0]?.toFixed(2) ?? "n/a";
}

// Each package where `wrangler dev` finds it: wrangler's own workerd first (the vitest plugin
// brings an older one to the top level).
const PACKAGES: Record<string, string[]> = {
  wrangler: ["wrangler"],
  workerd: ["wrangler/node_modules/workerd", "workerd"],
  "better-auth": ["better-auth"],
  Prisma: ["@prisma/client"],
  hono: ["hono"],
  autocannon: ["autocannon"],
};

function installedVersion(paths: string[]): string {
  for (const path of paths) {
    try {
      const json = readFileSync(`${ROOT}node_modules/${path}/package.json`, "utf8");
      return (JSON.parse(json) as { version: string }).version;
    } catch {
      // not installed there: try the next place
    }
  }
  return "unknown";
}

/** The versions that matter, as installed (not as declared). */
export function versions(): Record<string, string> {
  const installed = Object.entries(PACKAGES).map(([label, paths]) => [
    label,
    installedVersion(paths),
  ]);
  return { Node: process.version, ...Object.fromEntries(installed) };
}
