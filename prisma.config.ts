// Prisma CLI configuration. `prisma generate` needs no database; `prisma migrate deploy`
// (the production path, on a machine that reaches Prisma's engines) reads DATABASE_URL.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
