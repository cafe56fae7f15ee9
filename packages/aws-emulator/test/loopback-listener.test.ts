import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { listenOnLoopback } from "../src/index.js";

describe("listenOnLoopback", () => {
  it("serves on 127.0.0.1 only, and closes even with a keep-alive connection open", async () => {
    const server = createServer((_request, response) => response.end("hello"));
    const listener = await listenOnLoopback(server);
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(listener.url, { headers: { connection: "keep-alive" } });
    expect(await answer.text()).toBe("hello");
    await listener.close();
    expect(server.listening).toBe(false);
    await expect(fetch(listener.url)).rejects.toThrow();
  });

  it("refuses a port that is taken, instead of hanging", async () => {
    const first = await listenOnLoopback(createServer());
    try {
      const port = Number(new URL(first.url).port);
      await expect(listenOnLoopback(createServer(), port)).rejects.toMatchObject({ code: "EADDRINUSE" });
    } finally {
      await first.close();
    }
  });
});
