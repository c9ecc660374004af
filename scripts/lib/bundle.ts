// The production bundle, built offline exactly as `wrangler deploy --env production` would upload it,
// and its size against the budget.
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { ROOT, toolEnv } from "./processes.ts";

/** The compressed-size budget: a third of Cloudflare's 3 MiB free-plan limit leaves room to grow. */
export const GZIP_BUDGET_KIB = 1024;

export type BundleSize = {
  /** Each uploaded module (the Worker's JS and Prisma's query compiler wasm). */
  modules: { name: string; kib: number; gzipKiB: number }[];
  kib: number;
  gzipKiB: number;
  /** What wrangler itself reported ("Total Upload: X KiB / gzip: Y KiB"). */
  wrangler: { kib: number; gzipKiB: number };
};

const run = promisify(execFile);

/** Reads wrangler's "Total Upload: X KiB / gzip: Y KiB" line. */
export function parseTotalUpload(output: string): { kib: number; gzipKiB: number } | undefined {
  const match = /Total Upload:\s*([\d.]+) KiB \/ gzip:\s*([\d.]+) KiB/.exec(output);
  return match ? { kib: Number(match[1]), gzipKiB: Number(match[2]) } : undefined;
}

/**
 * Runs `wrangler deploy --dry-run --env <env> --outdir <outdir>` (offline: nothing is uploaded) and
 * measures the modules it wrote, gzipped with node:zlib, next to wrangler's own figure.
 */
export async function buildBundle(outdir: string, env = "production"): Promise<BundleSize> {
  const { stdout, stderr } = await run(
    "wrangler",
    ["deploy", "--dry-run", "--env", env, "--outdir", outdir],
    { cwd: ROOT, env: toolEnv(), maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    throw new Error(
      `wrangler deploy --dry-run failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`,
    );
  });
  const wrangler = parseTotalUpload(`${stdout}\n${stderr}`);
  if (!wrangler)
    throw new Error(`no "Total Upload" line in wrangler's output:\n${stdout}${stderr}`);
  const modules: BundleSize["modules"] = [];
  for (const name of (await readdir(outdir)).sort()) {
    // Source maps and wrangler's README stay on this machine; only modules are uploaded.
    if (!/\.(js|mjs|wasm)$/.test(name)) continue;
    const bytes = await readFile(join(outdir, name));
    modules.push({ name, kib: bytes.length / 1024, gzipKiB: gzipSync(bytes).length / 1024 });
  }
  const sum = (key: "kib" | "gzipKiB") => modules.reduce((total, module) => total + module[key], 0);
  return { modules, kib: sum("kib"), gzipKiB: sum("gzipKiB"), wrangler };
}

/** One line per module and a total, for logs and the README. */
export function formatSize(size: BundleSize): string {
  const width = Math.max(20, ...size.modules.map((module) => module.name.length));
  const row = (name: string, kib: number, gzipKiB: number) =>
    `${name.padEnd(width)} ${kib.toFixed(2).padStart(9)} KiB   gzip ${gzipKiB.toFixed(2).padStart(8)} KiB`;
  return [
    ...size.modules.map((module) => row(module.name, module.kib, module.gzipKiB)),
    row("total (node:zlib)", size.kib, size.gzipKiB),
    row("total (wrangler)", size.wrangler.kib, size.wrangler.gzipKiB),
    `budget: ${GZIP_BUDGET_KIB} KiB gzip`,
  ].join("\n");
}
