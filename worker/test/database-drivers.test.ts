// The database seam picks the driver from configuration; these pin down how.
import { env } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { isLoopback, localProxySettings } from "../src/db/local-proxy";
import { loadConfig } from "../src/env";
import { call, DEAD_DATABASE_URL } from "./helpers";

const NEON_URL = "postgresql://app:pw@ep-cool-name-123456.eu-central-1.aws.neon.tech/neondb";
const LOCAL_URL = "postgres://postgres:postgres@127.0.0.1:5432/edge_session";

describe("driver selection", () => {
  const base = { ...env, DB_DRIVER: undefined };

  it("uses the Neon driver for Neon hosts and pg for any other host", () => {
    expect(loadConfig({ ...base, DATABASE_URL: NEON_URL }).dbDriver).toBe("neon");
    expect(loadConfig({ ...base, DATABASE_URL: LOCAL_URL }).dbDriver).toBe("pg");
  });

  it("uses pg when a Hyperdrive binding is set, and DB_DRIVER over both", () => {
    const hyperdrive = { connectionString: LOCAL_URL };
    expect(loadConfig({ ...base, DATABASE_URL: NEON_URL, HYPERDRIVE: hyperdrive }).dbDriver).toBe(
      "pg",
    );
    expect(loadConfig({ ...base, DATABASE_URL: LOCAL_URL, DB_DRIVER: "neon" }).dbDriver).toBe(
      "neon",
    );
  });

  it("connects pg through the Hyperdrive binding rather than DATABASE_URL", async () => {
    const hyperdrive = { connectionString: inject("DATABASE_URL") };
    const viaHyperdrive = { ...base, DATABASE_URL: DEAD_DATABASE_URL, HYPERDRIVE: hyperdrive };
    expect((await call("/health", {}, viaHyperdrive)).status).toBe(200);

    const deadHyperdrive = { ...base, HYPERDRIVE: { connectionString: DEAD_DATABASE_URL } };
    expect((await call("/health", {}, deadHyperdrive)).status).toBe(503);
  });
});

describe("NEON_WS_PROXY (local WebSocket proxy for the Neon driver)", () => {
  it("recognises loopback addresses only", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) {
      expect(isLoopback(host), host).toBe(true);
    }
    for (const host of ["10.0.0.1", "128.0.0.1", "example.com", "127.0.0.1.nip.io", "0.0.0.0"]) {
      expect(isLoopback(host), host).toBe(false);
    }
  });

  it("routes a loopback database through a loopback proxy over plain ws", () => {
    const settings = localProxySettings("127.0.0.1:4444", LOCAL_URL);
    expect(settings).toMatchObject({
      useSecureWebSocket: false,
      pipelineConnect: false,
      pipelineTLS: false,
    });
    expect(settings?.wsProxy("127.0.0.1", 5432)).toBe("127.0.0.1:4444/v1?address=127.0.0.1:5432");
  });

  it("is ignored for a remote proxy or a remote database, so Neon keeps wss:", () => {
    expect(localProxySettings(undefined, LOCAL_URL)).toBeUndefined();
    expect(localProxySettings("proxy.example.com:443", LOCAL_URL)).toBeUndefined();
    expect(localProxySettings("127.0.0.1:4444", NEON_URL)).toBeUndefined();
    expect(localProxySettings("127.0.0.1", LOCAL_URL)).toBeUndefined();
  });
});
