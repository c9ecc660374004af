// A local certificate authority and one server certificate for subdomain mode, made with the
// `openssl` CLI: browsers send `Secure` cookies only over HTTPS, and a shared cookie needs real
// subdomains. Kept in a git-ignored folder and reused until the host names change or it expires.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, X509Certificate } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./processes.ts";

export const DEV_CERTS_DIR = `${ROOT}.dev/certs`;

/** The subdomains every stack serves under its domain. */
export const SUBDOMAINS = ["api", "app", "admin"] as const;

export type Certs = {
  /** The local CA's certificate: what a laptop (or `NODE_EXTRA_CA_CERTS`) trusts. */
  caPath: string;
  /** The server certificate (PEM) and its private key, for wrangler dev and Vite. */
  certPath: string;
  keyPath: string;
  ca: string;
  cert: string;
  key: string;
  /** base64 SHA-256 of the server certificate's public key, for `--ignore-certificate-errors-spki-list`. */
  spki: string;
  /** What this call had to make: a new CA must be trusted again; a new leaf needs nothing. */
  created: "ca" | "leaf" | null;
};

type CertOptions = {
  /** e.g. `example.test`: the certificate covers it, `api.`, `app.`, `admin.` and `*.` below it. */
  domain: string;
  /** Further host names, e.g. `evil.test` for the browser tests' untrusted site. */
  extraHosts?: string[];
  dir?: string;
};

// Browsers refuse server certificates valid for longer than 398 days.
const LEAF_DAYS = 397;
const CA_DAYS = 3650;
// Renew a day early rather than fail in the middle of a session.
const RENEW_MARGIN_MS = 24 * 60 * 60 * 1000;

/** Makes (or reuses) the CA and a server certificate for `domain` and its subdomains. */
export function ensureCerts({ domain, extraHosts = [], dir = DEV_CERTS_DIR }: CertOptions): Certs {
  assertHostName(domain);
  for (const host of extraHosts) assertHostName(host);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const paths = {
    caPath: join(dir, "ca.pem"),
    caKeyPath: join(dir, "ca-key.pem"),
    certPath: join(dir, "cert.pem"),
    keyPath: join(dir, "key.pem"),
  };
  const permitted = [domain, ...extraHosts];
  const hosts = [
    domain,
    ...SUBDOMAINS.map((sub) => `${sub}.${domain}`),
    `*.${domain}`,
    ...extraHosts,
  ];

  let created: Certs["created"] = null;
  if (!caFits(paths.caPath, paths.caKeyPath, permitted)) {
    makeCa(dir, paths.caPath, paths.caKeyPath, permitted);
    rmSync(paths.certPath, { force: true });
    created = "ca";
  }
  if (!leafFits(paths.certPath, paths.keyPath, paths.caPath, hosts)) {
    makeLeaf(dir, paths, domain, hosts);
    created ??= "leaf";
  }
  const cert = readFileSync(paths.certPath, "utf8");
  return {
    caPath: paths.caPath,
    certPath: paths.certPath,
    keyPath: paths.keyPath,
    ca: readFileSync(paths.caPath, "utf8"),
    cert,
    key: readFileSync(paths.keyPath, "utf8"),
    spki: spkiHash(cert),
    created,
  };
}

/** base64 SHA-256 of a certificate's SubjectPublicKeyInfo, the form Chromium's SPKI list takes. */
export function spkiHash(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("base64");
}

function assertHostName(host: string) {
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) {
    throw new Error(`"${host}" is not a host name with a dot, such as example.test`);
  }
}

function caFits(caPath: string, caKeyPath: string, permitted: string[]): boolean {
  if (!existsSync(caPath) || !existsSync(caKeyPath)) return false;
  const ca = new X509Certificate(readFileSync(caPath));
  if (!ca.ca || Date.parse(ca.validTo) - Date.now() < RENEW_MARGIN_MS) return false;
  // The name constraints must be exactly the ones asked for (see makeCa).
  const text = openssl(["x509", "-in", caPath, "-noout", "-ext", "nameConstraints"]);
  const found = [...text.matchAll(/DNS:([a-z0-9.-]+)/g)].map((match) => match[1]).sort();
  return found.join(",") === [...permitted].sort().join(",");
}

function leafFits(certPath: string, keyPath: string, caPath: string, hosts: string[]): boolean {
  if (!existsSync(certPath) || !existsSync(keyPath)) return false;
  const leaf = new X509Certificate(readFileSync(certPath));
  const ca = new X509Certificate(readFileSync(caPath));
  if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) return false;
  if (Date.parse(leaf.validTo) - Date.now() < RENEW_MARGIN_MS) return false;
  const names = new Set((leaf.subjectAltName ?? "").split(", "));
  return hosts.every((host) => names.has(`DNS:${host}`));
}

function makeCa(dir: string, caPath: string, caKeyPath: string, permitted: string[]) {
  const config = writeConfig(
    dir,
    [
      "[req]",
      "distinguished_name = dn",
      "[dn]",
      "[ca]",
      "basicConstraints = critical, CA:TRUE, pathlen:0",
      "keyUsage = critical, keyCertSign, cRLSign",
      "subjectKeyIdentifier = hash",
      // A developer trusts this CA in their browser: should its key leak, it still cannot
      // impersonate any site outside the dev domain.
      `nameConstraints = critical, ${permitted.map((host) => `permitted;DNS:${host}`).join(", ")}`,
    ].join("\n"),
  );
  try {
    openssl([
      "req",
      "-x509",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-sha256",
      "-days",
      String(CA_DAYS),
      "-subj",
      `/O=edge-session/CN=edge-session local dev CA ${randomBytes(4).toString("hex")}`,
      "-config",
      config,
      "-extensions",
      "ca",
      "-keyout",
      caKeyPath,
      "-out",
      caPath,
    ]);
  } finally {
    rmSync(config, { force: true });
  }
  // The CA key can sign certificates the developer's browser trusts: owner-only.
  chmodSync(caKeyPath, 0o600);
}

function makeLeaf(
  dir: string,
  paths: { caPath: string; caKeyPath: string; certPath: string; keyPath: string },
  domain: string,
  hosts: string[],
) {
  const csr = join(dir, "leaf.csr");
  const config = writeConfig(
    dir,
    [
      "[leaf]",
      "basicConstraints = critical, CA:FALSE",
      "keyUsage = critical, digitalSignature",
      "extendedKeyUsage = serverAuth",
      "subjectKeyIdentifier = hash",
      "authorityKeyIdentifier = keyid",
      `subjectAltName = ${hosts.map((host) => `DNS:${host}`).join(", ")}`,
    ].join("\n"),
  );
  try {
    openssl([
      "req",
      "-new",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-subj",
      `/CN=${domain}`,
      "-keyout",
      paths.keyPath,
      "-out",
      csr,
    ]);
    chmodSync(paths.keyPath, 0o600);
    openssl([
      "x509",
      "-req",
      "-in",
      csr,
      "-CA",
      paths.caPath,
      "-CAkey",
      paths.caKeyPath,
      // A random serial: browsers reject two certificates from one CA with the same serial.
      "-set_serial",
      `0x${randomBytes(16).toString("hex")}`,
      "-days",
      String(LEAF_DAYS),
      "-sha256",
      "-extfile",
      config,
      "-extensions",
      "leaf",
      "-out",
      paths.certPath,
    ]);
  } finally {
    rmSync(csr, { force: true });
    rmSync(config, { force: true });
  }
}

function writeConfig(dir: string, text: string): string {
  const path = join(dir, `openssl-${randomBytes(4).toString("hex")}.cnf`);
  writeFileSync(path, `${text}\n`);
  return path;
}

function openssl(args: string[]): string {
  try {
    return execFileSync("openssl", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") {
      throw new Error(
        "Subdomain mode makes its certificates with the openssl command, which is not installed " +
          "(Debian/Ubuntu: apt-get install openssl; macOS ships it).",
      );
    }
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`);
  }
}
