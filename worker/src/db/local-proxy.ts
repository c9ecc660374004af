// Where the Neon driver's WebSocket goes when it talks to a Postgres on this machine (tests, local
// dev) instead of Neon. Pure configuration: no driver is imported here.

/** The per-connection neonConfig settings that reach a local Postgres through a local proxy. */
export type LocalProxySettings = {
  wsProxy: (host: string, port: number | string) => string;
  useSecureWebSocket: false;
  pipelineConnect: false;
  pipelineTLS: false;
};

/** True for 127.0.0.0/8, ::1 and localhost: addresses that never leave this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * The settings for NEON_WS_PROXY (`host:port`), or undefined when it is unset or would not stay
 * on this machine. Honoured only when both the proxy and the database are loopback addresses, so a
 * stray value in production can neither downgrade Neon's `wss:` to plain `ws:` nor send credentials
 * to another host.
 */
export function localProxySettings(
  proxy: string | undefined,
  databaseUrl: string,
): LocalProxySettings | undefined {
  if (!proxy) return undefined;
  const match = /^(\[[^\]]+\]|[^:/?#]+):(\d{1,5})$/.exec(proxy.trim());
  if (!match?.[1] || !isLoopback(match[1])) return undefined;
  if (!isLoopback(new URL(databaseUrl).hostname)) return undefined;
  const address = `${match[1]}:${match[2]}`;
  return {
    wsProxy: (host, port) => `${address}/v1?address=${host}:${port}`,
    // The local proxy speaks plain ws: and does no TLS; Postgres auth is SCRAM, not pipelined.
    useSecureWebSocket: false,
    pipelineConnect: false,
    pipelineTLS: false,
  };
}
