import { afterEach, describe, expect, it, vi } from "vitest";
import { broadcastOtherTabs } from "../src/auth/other-tabs.js";

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/**
 * A channel delivers its messages in order: once the last one sent has landed, so has every one
 * before it. Waiting for it (not for a fixed time) keeps a loaded machine from failing the test.
 */
const landed = (heard: readonly string[], last: string) => vi.waitFor(() => expect(heard.at(-1)).toBe(last), { timeout: 5_000, interval: 5 });

describe("the other tabs, over a BroadcastChannel", () => {
  it("tell every other tab on the channel who signed out, and not the tab that said it", async () => {
    const name = `test-${Math.random()}`;
    const [here, there, elsewhere] = [broadcastOtherTabs(name), broadcastOtherTabs(name), broadcastOtherTabs(`${name}-other-app`)];
    const heard: Record<"here" | "there" | "elsewhere", string[]> = { here: [], there: [], elsewhere: [] };
    closers.push(here.onSignOut((sub) => heard.here.push(sub)));
    closers.push(there.onSignOut((sub) => heard.there.push(sub)));
    closers.push(elsewhere.onSignOut((sub) => heard.elsewhere.push(sub)));
    here.announceSignOut("sub-ada");
    await landed(heard.there, "sub-ada");
    // Then an answer `here` does hear, sent after Ada's message: had that reached `here` too, it would be first.
    there.announceSignOut("sub-sentinel");
    await landed(heard.here, "sub-sentinel");
    expect(heard).toEqual({ here: ["sub-sentinel"], there: ["sub-ada"], elsewhere: [] });
  });

  it("ignore what is not a sign-out (another script on the channel), and stop hearing once unsubscribed", async () => {
    const name = `test-${Math.random()}`;
    const tab = broadcastOtherTabs(name);
    const heard: string[] = [];
    const stop = tab.onSignOut((sub) => heard.push(sub));
    const stranger = new BroadcastChannel(name);
    closers.push(() => stranger.close());
    for (const message of [{ type: "signed-out" }, { type: "signed-out", sub: "" }, "signed-out", null, { type: "hello", sub: "sub-ada" }]) stranger.postMessage(message);
    stranger.postMessage({ type: "signed-out", sub: "sub-grace" });
    await landed(heard, "sub-grace");
    expect(heard).toEqual(["sub-grace"]);

    stop();
    const stillListening: string[] = [];
    closers.push(tab.onSignOut((sub) => stillListening.push(sub)));
    stranger.postMessage({ type: "signed-out", sub: "sub-ada" });
    await landed(stillListening, "sub-ada");
    expect(heard).toEqual(["sub-grace"]);
  });
});
