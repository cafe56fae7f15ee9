import { useEffect, useState } from "preact/hooks";
import { isLiveChannelOn } from "../player/live-channel.js";
import { mediaUrl } from "../player/media-url.js";
import type { AppServices } from "./app-services.js";
import { PageHeading } from "./PageHeading.js";
import { VideoPlayer } from "./VideoPlayer.js";

const RECHECK_MS = 3_000;

type Channel = "checking" | "on" | "off";

/** `#/live`: the live channel when it is on; otherwise says so and looks again every few seconds. */
export function LivePage({ services }: { services: AppServices }) {
  const path = services.config.liveHlsPath;
  const url = path === null ? undefined : mediaUrl(services.config.mediaBaseUrl, path, services.origin);
  const [channel, setChannel] = useState<Channel>(url === undefined ? "off" : "checking");

  useEffect(() => {
    if (url === undefined || channel === "on") return;
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
  }, [url, channel === "on"]);

  return (
    <section class="panel">
      <PageHeading>Live</PageHeading>
      {channel === "checking" && <p class="muted">Checking the live channel…</p>}
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
      {channel === "on" && url !== undefined && (
        <VideoPlayer url={url} testId="live-player" title="Live channel" onFatalError={() => setChannel("off")} />
      )}
    </section>
  );
}
