import { describe, expect, it } from "vitest";
import { CookieJar, tokenOf } from "./cookie-jar.ts";

const NOW = 1_000_000;

describe("the device cookie jar", () => {
  it("sends what it was given and reads the token out of the signed, URL-encoded value", () => {
    const jar = new CookieJar();
    jar.store(
      ["better-auth.session_token=abc123.c2ln%2Bbj0%3D; Max-Age=604800; Path=/; HttpOnly"],
      NOW,
    );
    expect(jar.header(NOW)).toBe("better-auth.session_token=abc123.c2ln%2Bbj0%3D");
    expect(jar.session(NOW)).toEqual({
      cookie: "better-auth.session_token=abc123.c2ln%2Bbj0%3D",
      token: "abc123",
    });
  });

  it("drops a cookie when Max-Age runs out, as a browser does", () => {
    const jar = new CookieJar();
    jar.store(["better-auth.session_cache=payload.sig; Max-Age=60; Path=/"], NOW);
    expect(jar.hasCache(NOW + 59_000)).toBe(true);
    expect(jar.hasCache(NOW + 60_000)).toBe(false);
  });

  it("deletes on Max-Age=0, an Expires in the past or an empty value", () => {
    const jar = new CookieJar();
    jar.store(["a=1", "b=2", "c=3"], NOW);
    jar.store(
      ["a=; Max-Age=0; Path=/", "b=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT", "c=; Path=/"],
      NOW,
    );
    expect(jar.header(NOW)).toBeUndefined();
  });

  it("remembers when the request that got the cache cookie was sent", () => {
    const jar = new CookieJar();
    jar.store(["better-auth.session_cache=payload.sig; Max-Age=60"], NOW, 1234);
    expect(jar.cacheIssuedAt(NOW)).toBe(1234);
    expect(jar.cacheIssuedAt(NOW + 61_000)).toBeUndefined();
  });

  it("lets Max-Age win over Expires", () => {
    const jar = new CookieJar();
    jar.store(["a=1; Max-Age=10; Expires=Thu, 01 Jan 1970 00:00:00 GMT"], NOW);
    expect(jar.get("a", NOW + 5_000)).toBe("1");
  });

  it("finds no token in a value without a signature", () => {
    expect(tokenOf("abc")).toBeUndefined();
    expect(tokenOf("%E0%A4%A")).toBeUndefined();
  });
});
