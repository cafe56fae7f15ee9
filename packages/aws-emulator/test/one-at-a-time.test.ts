import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { listenOnLoopback, startOneAtATime } from "../src/index.js";

describe("startOneAtATime", () => {
  it("forwards method, path, headers and body, and lets one request reach the upstream at a time", async () => {
    let inFlight = 0;
    let mostAtOnce = 0;
    const upstream = await listenOnLoopback(
      createServer((request, reply) => {
        inFlight += 1;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () =>
          setTimeout(() => {
            inFlight -= 1;
            reply
              .writeHead(201, { "x-seen": `${request.method} ${request.url} ${request.headers["x-probe"]}` })
              .end(Buffer.concat(chunks).toString().toUpperCase());
          }, 20),
        );
      }),
    );
    const proxy = await startOneAtATime(upstream.url);
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          fetch(`${proxy.url}/item/${index}?q=1`, { method: "POST", headers: { "x-probe": "yes" }, body: `body ${index}` }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201, 201]);
      expect(answers[3]?.headers.get("x-seen")).toBe("POST /item/3?q=1 yes");
      expect(await answers[3]?.text()).toBe("BODY 3");
      expect(mostAtOnce).toBe(1);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });

  it("answers 502 when the upstream is gone, and goes on serving", async () => {
    const proxy = await startOneAtATime("http://127.0.0.1:9");
    try {
      expect((await fetch(`${proxy.url}/x`)).status).toBe(502);
      expect((await fetch(`${proxy.url}/y`)).status).toBe(502);
    } finally {
      await proxy.close();
    }
  });
});
