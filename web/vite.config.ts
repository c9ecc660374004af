import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * Fails at startup when the API URL is missing: otherwise the client would fall back to
 * `/api/auth` on the web origin and every sign-in would fail with a confusing 404.
 */
function assertServerUrl(): void {
  const value = process.env.VITE_SERVER_URL;
  if (!value || !URL.canParse(value)) {
    throw new Error(
      `VITE_SERVER_URL must be the API's absolute URL (e.g. http://localhost:8787), got ${JSON.stringify(value)}`,
    );
  }
}

function webPort(): number {
  const value = process.env.WEB_PORT ?? "5173";
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`WEB_PORT must be a TCP port number, got ${JSON.stringify(value)}`);
  }
  return port;
}

assertServerUrl();

export default defineConfig({
  root: import.meta.dirname,
  // Read VITE_* from the process env only: the dev script owns the value, and a stray .env
  // file must not point the app at another server.
  envDir: false,
  plugins: [react()],
  server: {
    host: process.env.WEB_HOST ?? "localhost",
    port: webPort(),
    // Cookies and trusted origins are tied to the port, so never drift to another one.
    strictPort: true,
    // Subdomain mode serves the apps on *.example.test; a leading dot allows every subdomain.
    allowedHosts: [".example.test"],
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
});
