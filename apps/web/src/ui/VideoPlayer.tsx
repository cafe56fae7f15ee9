import { useEffect, useRef, useState } from "preact/hooks";
import { attachHls, playWithFallback, type Playback } from "../player/hls-playback.js";
import { playerShape } from "../library/video-facts.js";
import type { QualityLevel } from "../player/quality-levels.js";
import { PreviewTimeline } from "./PreviewTimeline.js";

interface VideoPlayerProps {
  readonly url: string;
  readonly testId: string;
  readonly title: string;
  /** Shown until playback starts. */
  readonly poster?: string;
  /** The video's size: the player takes its aspect (a portrait video fills a phone's width). */
  readonly size?: { readonly width: number; readonly height: number };
  /** A seek bar with the video's preview frames, for a video that has them. */
  readonly previews?: { readonly durationSeconds: number; readonly urlAt: (seconds: number) => string };
  /** Playback cannot go on (stream gone or unplayable). */
  readonly onFatalError?: (message: string) => void;
  /**
   * The media answered 403 (its playback cookies ran out): renews them. The player then attaches
   * again where it was, once; a second 403 before it plays again ends playback.
   */
  readonly onForbidden?: () => Promise<unknown>;
}

const AUTO = "auto";

/** A <video> playing an HLS URL, with a quality choice among the stream's renditions. */
export function VideoPlayer({ url, testId, title, poster, size, previews, onFatalError, onForbidden }: VideoPlayerProps) {
  const video = useRef<HTMLVideoElement>(null);
  const playback = useRef<Playback | undefined>(undefined);
  // Each attach after new cookies, and where it starts; whether one was tried since playback last ran.
  const [attach, setAttach] = useState<{ count: number; startAt?: number }>({ count: 0 });
  const renewedOnce = useRef(false);
  const [levels, setLevels] = useState<QualityLevel[]>([]);
  const [chosen, setChosen] = useState<string>(AUTO);
  const [playing, setPlaying] = useState<number | undefined>();
  const [engine, setEngine] = useState<Playback["engine"] | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const element = video.current;
    if (element === null) return;
    let disposed = false;
    setLevels([]);
    setChosen(AUTO);
    setError(undefined);
    const fail = (message: string) => {
      if (disposed) return;
      setError(message);
      onFatalError?.(message);
    };
    const renew = onForbidden;
    const forbidden = (renewCookies: () => Promise<unknown>) => {
      if (disposed) return;
      if (renewedOnce.current) return fail("Playback stopped: the permission to watch could not be renewed.");
      renewedOnce.current = true;
      const startAt = element.currentTime;
      renewCookies().then(
        () => !disposed && setAttach((previous) => ({ count: previous.count + 1, startAt })),
        (reason: unknown) => fail(`Playback stopped: ${reason instanceof Error ? reason.message : "the permission to watch could not be renewed."}`),
      );
    };
    const playing = () => {
      renewedOnce.current = false;
    };
    element.addEventListener("playing", playing);
    const events = {
      onLevels: setLevels,
      onLevelSwitched: setPlaying,
      onFatalError: fail,
      ...(renew === undefined ? {} : { onForbidden: () => forbidden(renew) }),
    };
    attachHls(element, url, events, { startAt: attach.startAt })
      .then((attached) => {
        if (disposed) {
          attached.destroy();
          return;
        }
        playback.current = attached;
        setEngine(attached.engine);
        void playWithFallback(element);
      })
      .catch((reason: unknown) => fail(reason instanceof Error ? reason.message : "The video could not be loaded."));
    return () => {
      disposed = true;
      element.removeEventListener("playing", playing);
      playback.current?.destroy();
      playback.current = undefined;
    };
  }, [url, attach]);

  const autoLabel = chosen === AUTO && playing !== undefined ? levels.find((level) => level.index === playing)?.shortLabel : undefined;

  return (
    <div class="player">
      <video
        ref={video}
        data-testid={testId}
        controls
        playsInline
        preload="auto"
        aria-label={title}
        poster={poster}
        style={playerShape(size)}
      />
      {previews !== undefined && <PreviewTimeline video={video} durationSeconds={previews.durationSeconds} previewUrlAt={previews.urlAt} />}
      <div class="player-controls">
        <label for="quality">Quality</label>
        <select
          id="quality"
          value={chosen}
          disabled={levels.length === 0}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setChosen(value);
            playback.current?.setLevel(value === AUTO ? -1 : Number(value));
          }}
        >
          <option value={AUTO}>{autoLabel === undefined ? "Auto" : `Auto (${autoLabel})`}</option>
          {levels.map((level) => (
            <option key={level.index} value={String(level.index)}>
              {level.label}
            </option>
          ))}
        </select>
        {engine !== undefined && levels.length === 0 && <span class="muted">This stream has one quality.</span>}
      </div>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
