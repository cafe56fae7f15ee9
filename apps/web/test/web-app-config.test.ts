import { WEB_APP_CONFIG_PATH } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { WebAppConfigError, loadWebAppConfig } from "../src/config/web-app-config.js";

const good = {
  uploadApiUrl: "https://upload.example/prod",
  statusApiUrl: "https://status.example/prod",
  mediaBaseUrl: "",
  liveHlsPath: null,
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
    expect(config.uploadApiUrl).toBe(good.uploadApiUrl);
    expect(requests[0]?.url).toBe(`https://app.example${WEB_APP_CONFIG_PATH}`);
    expect(requests[0]?.init?.cache).toBe("no-store");
  });

  it("names every bad field", async () => {
    const { fetchFn } = serving(JSON.stringify({ ...good, uploadApiUrl: "not a url", environment: undefined }));
    const error = await loadWebAppConfig(fetchFn, "https://app.example").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAppConfigError);
    expect((error as Error).message).toMatch(/uploadApiUrl/);
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
