import { WEB_APP_CONFIG_PATH } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { WebAppConfigError, loadWebAppConfig } from "../src/config/web-app-config.js";

const good = {
  auth: { region: "eu-west-1", userPoolId: "eu-west-1_AbC123", userPoolClientId: "client-1", endpoint: null },
  liveHlsPath: null,
  livePrivate: false,
  environment: "dev",
};

function serving(body: string, status = 200) {
  const requests: { url: string; init?: RequestInit }[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    requests.push({ url, init });
    return new Response(body, { status });
  };
  return { requests, fetchFn };
}

describe("loadWebAppConfig", () => {
  it("fetches config.json from this origin, uncached, and returns it validated", async () => {
    const { requests, fetchFn } = serving(JSON.stringify({ ...good, liveHlsPath: "/live/index.m3u8" }));
    const config = await loadWebAppConfig(fetchFn, "https://app.example");
    expect(config.liveHlsPath).toBe("/live/index.m3u8");
    expect(config.auth).toEqual(good.auth);
    expect(requests[0]?.url).toBe(`https://app.example${WEB_APP_CONFIG_PATH}`);
    expect(requests[0]?.init?.cache).toBe("no-store");
  });

  it("names every bad field", async () => {
    const { fetchFn } = serving(JSON.stringify({ ...good, auth: { ...good.auth, endpoint: "not a url" }, environment: undefined }));
    const error = await loadWebAppConfig(fetchFn, "https://app.example").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAppConfigError);
    expect((error as Error).message).toMatch(/auth\.endpoint/);
    expect((error as Error).message).toMatch(/environment/);
  });

  it("refuses a live path that is not absolute", async () => {
    const { fetchFn } = serving(JSON.stringify({ ...good, liveHlsPath: "live/index.m3u8" }));
    await expect(loadWebAppConfig(fetchFn, "https://app.example")).rejects.toThrow(/liveHlsPath/);
  });

  it("fails with the status when config.json is missing", async () => {
    const { fetchFn } = serving("Not found", 404);
    await expect(loadWebAppConfig(fetchFn, "https://app.example")).rejects.toThrow(/404/);
  });

  it("fails plainly when config.json is not JSON or cannot be fetched", async () => {
    await expect(loadWebAppConfig(serving("<html>").fetchFn, "https://app.example")).rejects.toThrow(/not JSON/);
    await expect(loadWebAppConfig(() => Promise.reject(new TypeError("offline")), "https://app.example")).rejects.toBeInstanceOf(
      WebAppConfigError,
    );
  });
});
