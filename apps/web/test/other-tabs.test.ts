import { afterEach, describe, expect, it } from "vitest";
import { broadcastOtherTabs } from "../src/auth/other-tabs.js";

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** Waits for BroadcastChannel's deliveries (a macrotask each) to land. */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("the other tabs, over a BroadcastChannel", () => {
  it("tell every other tab on the channel who signed out, and not the tab that said it", async () => {
    const name = `test-${Math.random()}`;
    const [here, there, elsewhere] = [broadcastOtherTabs(name), broadcastOtherTabs(name), broadcastOtherTabs(`${name}-other-app`)];
    const heard: Record<string, string[]> = { here: [], there: [], elsewhere: [] };
    closers.push(here.onSignOut((sub) => heard["here"]!.push(sub)));
    closers.push(there.onSignOut((sub) => heard["there"]!.push(sub)));
    closers.push(elsewhere.onSignOut((sub) => heard["elsewhere"]!.push(sub)));
    here.announceSignOut("sub-ada");
    await delivered();
    expect(heard).toEqual({ here: [], there: ["sub-ada"], elsewhere: [] });
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
    await delivered();
    expect(heard).toEqual(["sub-grace"]);
    stop();
    stranger.postMessage({ type: "signed-out", sub: "sub-ada" });
    await delivered();
    expect(heard).toEqual(["sub-grace"]);
  });
});
