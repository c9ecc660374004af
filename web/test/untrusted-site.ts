// Two tiny HTTPS servers for the cross-site test: a page on evil.test, and a recording reverse
// proxy in front of the API that notes, for each request, whether a Cookie header arrived. The
// proxy is on api.example.test (another port, same cookie scope: cookies ignore ports), so the
// browser treats it exactly like the API.
import { readFileSync } from "node:fs";
import { createServer, request, type Server } from "node:https";
import type { AddressInfo } from "node:net";

type Tls = { certPath: string; keyPath: string; ca: string };

/** What the proxy saw of one request. The cookie's value is never kept. */
export type Seen = { method: string; path: string; origin: string | null; cookieNames: string[] };

export type RecordingProxy = { url: string; seen: Seen[]; close: () => Promise<void> };

/** A reverse proxy to `apiUrl` on a free port of 127.0.0.1, reachable as the API's host name. */
export async function startRecordingProxy(apiUrl: string, tls: Tls): Promise<RecordingProxy> {
  const api = new URL(apiUrl);
  const seen: Seen[] = [];
  const server = createServer(
    { cert: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) },
    (incoming, outgoing) => {
      const cookie = incoming.headers.cookie;
      seen.push({
        method: incoming.method ?? "GET",
        path: incoming.url ?? "/",
        origin: incoming.headers.origin ?? null,
        cookieNames: cookie
          ? cookie.split(";").map((part) => part.split("=")[0]?.trim() ?? "")
          : [],
      });
      const upstream = request(
        {
          host: "127.0.0.1",
          port: api.port,
          servername: api.hostname,
          ca: tls.ca,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: api.host },
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      upstream.on("error", () => outgoing.destroy());
      incoming.pipe(upstream);
    },
  );
  const port = await listen(server);
  return { url: `https://${api.hostname}:${port}`, seen, close: () => close(server) };
}

/** A plain page on `https://<host>:<free port>/`: the tests run their attack script in it. */
export async function startUntrustedSite(host: string, tls: Tls) {
  const server = createServer(
    { cert: readFileSync(tls.certPath), key: readFileSync(tls.keyPath) },
    (_incoming, outgoing) => {
      outgoing.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      outgoing.end("<!doctype html><title>Not your bank</title><h1>Totally harmless</h1>");
    },
  );
  const port = await listen(server);
  return { url: `https://${host}:${port}`, close: () => close(server) };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
