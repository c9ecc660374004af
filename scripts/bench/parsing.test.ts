import { describe, expect, it } from "vitest";
import { CookieJar } from "./accounts.ts";
import { parseBundleSize } from "./bundle.ts";
import { seededEmail } from "./seed.ts";
import { summarizeQuery } from "./statements.ts";

describe("parseBundleSize", () => {
  it("reads total and gzip sizes from wrangler's dry-run output", () => {
    const output = `Total Upload: 4195.79 KiB / gzip: 1164.92 KiB\nNo bindings found.\n--dry-run: exiting now.`;
    expect(parseBundleSize(output)).toEqual({ totalKiB: 4195.79, gzipKiB: 1164.92 });
  });

  it("reads sizes with thousands separators", () => {
    expect(parseBundleSize("Total Upload: 4,195.79 KiB / gzip: 1,164.92 KiB")?.gzipKiB).toBe(
      1164.92,
    );
  });

  it("is undefined when the line is missing", () => {
    expect(parseBundleSize("✘ [ERROR] Build failed")).toBeUndefined();
  });
});

describe("summarizeQuery", () => {
  it("names the verb and the tables of a Prisma statement; two tables mean one joined statement", () => {
    expect(
      summarizeQuery(
        `SELECT "public"."session"."id", "public"."user"."id" FROM "public"."session" LEFT JOIN "public"."user" ON ...`,
      ),
    ).toBe("SELECT session, user");
  });

  it("names the tables of raw SQL too", () => {
    expect(
      summarizeQuery(
        `DELETE FROM "session" WHERE "id" IN (SELECT "id" FROM "session" WHERE "userId" = $1)`,
      ),
    ).toBe("DELETE session");
    expect(summarizeQuery(`INSERT INTO "session_event" ("id") VALUES ($1)`)).toBe(
      "INSERT session_event",
    );
  });

  it("keeps statements without tables as they are", () => {
    expect(summarizeQuery("BEGIN")).toBe("BEGIN");
  });
});

describe("CookieJar", () => {
  it("keeps what a browser keeps and tells the token from the cache cookie", () => {
    const jar = new CookieJar().store([
      "better-auth.session_token=abc.sig; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax",
      "better-auth.session_cache=xyz.sig; Max-Age=60; Path=/; HttpOnly; SameSite=Lax",
      "better-auth.session_data=; Max-Age=0; Path=/",
    ]);
    expect(jar.cookies()).toEqual({
      all: "better-auth.session_token=abc.sig; better-auth.session_cache=xyz.sig",
      tokenOnly: "better-auth.session_token=abc.sig",
      hasCache: true,
    });
  });

  it("deletes a cookie set with Max-Age=0", () => {
    const jar = new CookieJar().store(["a.session_token=1; Path=/"]);
    jar.store(["a.session_token=1; Max-Age=0; Path=/"]);
    expect(jar.cookies()).toEqual({ all: "", tokenOnly: "", hasCache: false });
  });
});

describe("seededEmail", () => {
  it("goes round-robin over the seeded users, 1-based like the seed", () => {
    expect(seededEmail(0, 3)).toBe("signer-1@bench.example.com");
    expect(seededEmail(3, 3)).toBe("signer-1@bench.example.com");
    expect(seededEmail(5, 3)).toBe("signer-3@bench.example.com");
  });
});
