import { isTerminal, type UploadStatusResponse } from "@video-platform/shared-types";
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/api-errors.js";
import { describeStatus } from "../format/format.js";
import { videoFactsOf, type VideoFacts } from "../library/video-facts.js";
import { mediaUrl } from "../player/media-url.js";
import { previewUrlAt } from "../player/scrub-preview.js";
import { describeUploadFailure } from "../upload/upload-failure.js";
import type { AppServices } from "./app-services.js";
import { PageHeading } from "./PageHeading.js";
import { usePlaybackGrant } from "./use-playback-grant.js";
import { VideoPlayer } from "./VideoPlayer.js";

const POLL_MS = 2_000;

type Loaded = { kind: "loading" } | { kind: "missing" } | { kind: "failed"; message: string } | { kind: "found"; item: UploadStatusResponse };

/**
 * `#/watch/<uploadId>`: plays a COMPLETE upload's HLS once the API gave this browser its playback
 * cookies; waits for one still being transcoded.
 */
export function WatchPage({ services, uploadId }: { services: AppServices; uploadId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const item = await services.statusApi.getStatus(uploadId, controller.signal);
        setLoaded({ kind: "found", item });
        if (!isTerminal(item.status)) timer = setTimeout(() => void load(), POLL_MS);
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) setLoaded({ kind: "missing" });
        else setLoaded({ kind: "failed", message: describeUploadFailure(error) });
      }
    };
    setLoaded({ kind: "loading" });
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [uploadId]);

  if (loaded.kind !== "found") {
    return (
      <section class="panel">
        <PageHeading>Watch</PageHeading>
        {loaded.kind === "loading" && <p class="muted">Loading…</p>}
        {loaded.kind === "missing" && <p>There is no upload with this id.</p>}
        {loaded.kind === "failed" && (
          <p class="error" role="alert">
            {loaded.message}
          </p>
        )}
        <p>
          <a href="#/">Back to uploads</a>
        </p>
      </section>
    );
  }

  const { item } = loaded;
  const ready = item.status === "COMPLETE" && item.playbackPath !== undefined;
  const facts = videoFactsOf(item);
  return (
    <section class="panel">
      <PageHeading>{item.originalFileName}</PageHeading>
      {ready ? (
        <PrivatePlayer
          services={services}
          uploadId={item.uploadId}
          playbackPath={item.playbackPath ?? ""}
          title={item.originalFileName}
          {...(item.posterUrl === undefined ? {} : { poster: item.posterUrl })}
          {...(facts === undefined ? {} : { facts })}
        />
      ) : (
        <p role="status">
          Not ready to play: {describeStatus(item.status, item.progress)}.
          {item.status === "ERROR" && item.errorMessage !== undefined && <span class="error"> {item.errorMessage}</span>}
        </p>
      )}
      <p>
        <a href="#/">Back to uploads</a>
      </p>
    </section>
  );
}

interface PrivatePlayerProps {
  readonly services: AppServices;
  readonly uploadId: string;
  readonly playbackPath: string;
  readonly title: string;
  readonly poster?: string;
  /** Size and length, known for videos whose job was derived from a probe; those have preview frames. */
  readonly facts?: VideoFacts;
}

/** The player of one video, behind its playback cookies (kept fresh while the page is open). */
function PrivatePlayer({ services, uploadId, playbackPath, title, poster, facts }: PrivatePlayerProps) {
  const grant = usePlaybackGrant((signal) => services.statusApi.grantPlayback(uploadId, signal), uploadId);
  if (grant.state.kind === "asking") return <p class="muted">Getting permission to play…</p>;
  if (grant.state.kind === "failed") {
    return (
      <p class="error" role="alert" data-testid="playback-error">
        {grant.state.message}
      </p>
    );
  }
  return (
    <VideoPlayer
      url={mediaUrl(playbackPath, services.origin)}
      testId="player"
      title={title}
      onForbidden={grant.renew}
      {...(poster === undefined ? {} : { poster })}
      {...(facts === undefined
        ? {}
        : {
            size: facts,
            previews: {
              durationSeconds: facts.durationSeconds,
              urlAt: (seconds: number) => previewUrlAt(uploadId, seconds, facts.durationSeconds, services.origin),
            },
          })}
    />
  );
}
