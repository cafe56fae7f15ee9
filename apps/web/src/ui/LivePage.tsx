import { useEffect, useState } from "preact/hooks";
import { isLiveChannelOn } from "../player/live-channel.js";
import { mediaUrl } from "../player/media-url.js";
import type { AppServices } from "./app-services.js";
import { PageHeading } from "./PageHeading.js";
import { usePlaybackGrant } from "./use-playback-grant.js";
import { VideoPlayer } from "./VideoPlayer.js";

const RECHECK_MS = 3_000;

type Channel = "checking" | "on" | "off";

/**
 * `#/live`: the live channel when it is on; otherwise says so and looks again every few seconds.
 * A private channel (`livePrivate`) is asked for playback cookies first, kept fresh while the page is open.
 */
export function LivePage({ services }: { services: AppServices }) {
  const path = services.config.liveHlsPath;
  const url = path === null ? undefined : mediaUrl(path, services.origin);
  const grant = usePlaybackGrant(
    url !== undefined && services.config.livePrivate
      ? (signal) => services.statusApi.grantLivePlayback(signal).then((answer) => (answer.pathPrefix === null ? null : answer))
      : null,
    "live",
  );
  const allowed = grant.state.kind === "granted";
  const [channel, setChannel] = useState<Channel>(url === undefined ? "off" : "checking");

  useEffect(() => {
    if (url === undefined || !allowed || channel === "on") return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const on = await isLiveChannelOn(services.fetch, url, controller.signal);
      if (controller.signal.aborted) return;
      if (on) setChannel("on");
      else {
        setChannel("off");
        timer = setTimeout(() => void check(), RECHECK_MS);
      }
    };
    void check();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [url, allowed, channel === "on"]);

  return (
    <section class="panel">
      <PageHeading>Live</PageHeading>
      {grant.state.kind === "failed" && (
        <p class="error" role="alert" data-testid="playback-error">
          {grant.state.message}
        </p>
      )}
      {channel === "checking" && grant.state.kind !== "failed" && <p class="muted">Checking the live channel…</p>}
      {channel === "off" && (
        <div role="status" class="live-off">
          <p class="live-off-title">The live channel is off</p>
          <p class="muted">
            {url === undefined
              ? "Live streaming is not enabled in this environment."
              : "Nothing is being broadcast right now. This page starts playing as soon as the channel goes live."}
          </p>
        </div>
      )}
      {channel === "on" && url !== undefined && allowed && (
        <VideoPlayer
          url={url}
          testId="live-player"
          title="Live channel"
          onFatalError={() => setChannel("off")}
          {...(services.config.livePrivate ? { onForbidden: grant.renew } : {})}
        />
      )}
    </section>
  );
}
