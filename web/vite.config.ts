import { readFileSync } from "node:fs";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// One config, two apps: the web app (`web/index.html`) and the admin app (`web/admin/index.html`),
// each served by its own Vite process on its own origin. `WEB_APP` picks which one this process serves.
const APPS = { app: import.meta.dirname, admin: `${import.meta.dirname}/admin` } as const;

function webApp(): keyof typeof APPS {
  const value = process.env.WEB_APP ?? "app";
  if (value !== "app" && value !== "admin") {
    throw new Error(`WEB_APP must be "app" or "admin", got ${JSON.stringify(value)}`);
  }
  return value;
}

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

/** HTTPS with the dev stack's certificate (subdomain mode): browsers keep `Secure` cookies only then. */
function https() {
  const cert = process.env.WEB_HTTPS_CERT;
  const key = process.env.WEB_HTTPS_KEY;
  if (!cert || !key) return undefined;
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

assertServerUrl();
const app = webApp();

export default defineConfig({
  root: APPS[app],
  // Read VITE_* from the process env only: the dev script owns the value, and a stray .env
  // file must not point the app at another server.
  envDir: false,
  // One dependency cache per app: two Vite processes must not rewrite each other's bundles.
  cacheDir: `${import.meta.dirname}/../node_modules/.vite/web-${app}`,
  plugins: [react()],
  server: {
    host: process.env.WEB_HOST ?? "localhost",
    port: webPort(),
    // Cookies and trusted origins are tied to the port, so never drift to another one.
    strictPort: true,
    https: https(),
    // Subdomain mode serves the apps on *.<domain>; a leading dot allows every subdomain. Other
    // Host headers are refused (DNS rebinding).
    allowedHosts: [`.${process.env.WEB_DOMAIN ?? "example.test"}`],
  },
  build: {
    outDir: `${import.meta.dirname}/dist`,
    emptyOutDir: true,
    rollupOptions: {
      input: { app: `${APPS.app}/index.html`, admin: `${APPS.admin}/index.html` },
    },
  },
});
