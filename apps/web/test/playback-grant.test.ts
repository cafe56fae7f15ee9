import type { PlaybackGrantResponse } from "@video-platform/shared-types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PlaybackGrantKeeper } from "../src/player/playback-grant.js";

const NOW = Date.parse("2030-01-01T12:00:00.000Z");
const MINUTE = 60_000;

/** Grants of an hour, to renew five minutes before they expire, as the API gives them. */
function grantingApi() {
  const asked: number[] = [];
  let failing: Error | undefined;
  const request = async (): Promise<PlaybackGrantResponse> => {
    asked.push(Date.now() - NOW);
    if (failing !== undefined) throw failing;
    return {
      pathPrefix: "/vod/abc/",
      expiresAt: new Date(Date.now() + 60 * MINUTE).toISOString(),
      renewAt: new Date(Date.now() + 55 * MINUTE).toISOString(),
    };
  };
  return { asked, request, fail: (error: Error | undefined) => (failing = error) };
}

let keeper: PlaybackGrantKeeper | undefined;

beforeEach(() => vi.useFakeTimers({ now: NOW }));
afterEach(() => {
  keeper?.stop();
  vi.useRealTimers();
});

describe("PlaybackGrantKeeper", () => {
  it("renews the cookies at each grant's renewAt, not before, for as long as the page is open", async () => {
    const api = grantingApi();
    keeper = new PlaybackGrantKeeper({ request: api.request });
    await keeper.renew();
    expect(api.asked).toEqual([0]);
    await vi.advanceTimersByTimeAsync(55 * MINUTE - 1);
    expect(api.asked).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.asked).toEqual([0, 55 * MINUTE]);
    await vi.advanceTimersByTimeAsync(55 * MINUTE);
    expect(api.asked).toEqual([0, 55 * MINUTE, 110 * MINUTE]);
    expect(keeper.grant?.expiresAt).toBe(new Date(NOW + 170 * MINUTE).toISOString());
  });

  it("renews at once when asked (the media answered 403), and the next renewal follows the new grant", async () => {
    const api = grantingApi();
    keeper = new PlaybackGrantKeeper({ request: api.request });
    await keeper.renew();
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    await keeper.renew();
    await vi.advanceTimersByTimeAsync(55 * MINUTE - 1);
    expect(api.asked).toEqual([0, 20 * MINUTE]);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.asked).toEqual([0, 20 * MINUTE, 75 * MINUTE]);
  });

  it("shares one request between asks at the same moment", async () => {
    const api = grantingApi();
    keeper = new PlaybackGrantKeeper({ request: api.request });
    const [first, second] = await Promise.all([keeper.renew(), keeper.renew()]);
    expect(first).toBe(second);
    expect(api.asked).toHaveLength(1);
  });

  it("tries a failed renewal again while the cookies hold, then says playback is lost", async () => {
    const api = grantingApi();
    const lost: unknown[] = [];
    keeper = new PlaybackGrantKeeper({ request: api.request, retryMs: 2 * MINUTE, onLost: (error) => lost.push(error) });
    await keeper.renew();
    api.fail(new Error("The server answered 503"));
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    // At 55, 57 and 59 minutes, and a last time at expiry.
    expect(api.asked).toEqual([0, 55 * MINUTE, 57 * MINUTE, 59 * MINUTE, 60 * MINUTE]);
    expect(lost).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(api.asked).toHaveLength(5);
  });

  it("recovers when a retried renewal succeeds", async () => {
    const api = grantingApi();
    const lost: unknown[] = [];
    keeper = new PlaybackGrantKeeper({ request: api.request, retryMs: 2 * MINUTE, onLost: (error) => lost.push(error) });
    await keeper.renew();
    api.fail(new Error("offline"));
    await vi.advanceTimersByTimeAsync(55 * MINUTE);
    api.fail(undefined);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(api.asked).toEqual([0, 55 * MINUTE, 57 * MINUTE]);
    expect(keeper.grant?.expiresAt).toBe(new Date(NOW + 117 * MINUTE).toISOString());
    expect(lost).toEqual([]);
  });

  it("asks nothing more once the page closed, and needs no renewal for media without cookies", async () => {
    const api = grantingApi();
    keeper = new PlaybackGrantKeeper({ request: api.request });
    await keeper.renew();
    keeper.stop();
    await vi.advanceTimersByTimeAsync(120 * MINUTE);
    expect(api.asked).toEqual([0]);

    let asked = 0;
    const open = new PlaybackGrantKeeper({ request: async () => (asked++, null) });
    await expect(open.renew()).resolves.toBeNull();
    await vi.advanceTimersByTimeAsync(120 * MINUTE);
    expect(asked).toBe(1);
    open.stop();
  });
});
