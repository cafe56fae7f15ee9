import { qualityLevels, type QualityLevel } from "./quality-levels.js";

export const HLS_MIME_TYPE = "application/vnd.apple.mpegurl";

export interface PlaybackEvents {
  onLevels(levels: QualityLevel[]): void;
  onLevelSwitched(index: number): void;
  /** Playback cannot go on (the stream is gone or unplayable). */
  onFatalError(message: string): void;
}

export interface Playback {
  readonly engine: "native" | "hls.js";
  /** A level index from `onLevels`, or -1 for automatic choice. */
  setLevel(index: number): void;
  destroy(): void;
}

/**
 * Plays an HLS URL in a <video>: natively where the browser can (Safari, iOS), otherwise with
 * hls.js, which is fetched only now so that it never weighs on the first page load.
 */
export async function attachHls(video: HTMLVideoElement, url: string, events: PlaybackEvents): Promise<Playback> {
  if (video.canPlayType(HLS_MIME_TYPE) !== "") {
    const onError = () => events.onFatalError("The browser could not play this stream.");
    video.addEventListener("error", onError);
    video.src = url;
    return {
      engine: "native",
      setLevel: () => undefined,
      destroy: () => {
        video.removeEventListener("error", onError);
        video.removeAttribute("src");
        video.load();
      },
    };
  }

  const { default: Hls } = await import("hls.js");
  if (!Hls.isSupported()) throw new Error("This browser cannot play HLS video.");
  const hls = new Hls({ enableWorker: true });
  let mediaRecoveries = 0;
  hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => events.onLevels(qualityLevels(data.levels)));
  hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => events.onLevelSwitched(data.level));
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    // A decode hiccup is worth one recovery; anything else ends playback with its reason.
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ < 1) {
      hls.recoverMediaError();
      return;
    }
    events.onFatalError(`Playback stopped: ${data.details}`);
  });
  hls.loadSource(url);
  hls.attachMedia(video);
  return {
    engine: "hls.js",
    setLevel: (index) => {
      hls.currentLevel = index;
    },
    destroy: () => hls.destroy(),
  };
}

/** Starts playback; where autoplay with sound is blocked, starts muted instead of not at all. */
export async function playWithFallback(video: HTMLVideoElement): Promise<void> {
  try {
    await video.play();
  } catch (error) {
    if (!(error instanceof DOMException) || error.name !== "NotAllowedError") return;
    video.muted = true;
    await video.play().catch(() => undefined);
  }
}
