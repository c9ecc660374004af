// Runs on `npm install`: generates the Prisma client and the Worker's binding types.
// Offline-safe: `prisma generate` does not use the schema engine, so pointing
// PRISMA_SCHEMA_ENGINE_BINARY at a no-op keeps Prisma from downloading one.
import { execFileSync } from "node:child_process";

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  WRANGLER_SEND_METRICS: "false",
};
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: "inherit", env });

run("prisma", ["generate"]);
run("wrangler", ["types", "worker/worker-configuration.d.ts"]);
