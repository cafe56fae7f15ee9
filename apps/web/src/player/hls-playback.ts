import { parseMasterPlaylist } from "./master-playlist.js";
import { qualityLevels, type QualityLevel } from "./quality-levels.js";

export const HLS_MIME_TYPE = "application/vnd.apple.mpegurl";

export interface PlaybackEvents {
  onLevels(levels: QualityLevel[]): void;
  onLevelSwitched(index: number): void;
  /** Playback cannot go on (the stream is gone or unplayable). */
  onFatalError(message: string): void;
  /**
   * The media answered 403: its playback cookies ran out. Called instead of `onFatalError`
   * when given; the player renews them and attaches again.
   */
  onForbidden?(): void;
}

export interface AttachOptions {
  /** Where to start, in seconds (attaching again after new cookies, at the same moment). */
  readonly startAt?: number;
  readonly fetchFn?: (input: string) => Promise<Response>;
}

export interface Playback {
  readonly engine: "native" | "hls.js";
  /** A level index from `onLevels`, or -1 for automatic choice. */
  setLevel(index: number): void;
  destroy(): void;
}

/**
 * Plays an HLS URL in a <video>: natively where the browser can (Safari, iOS, recent Chrome),
 * otherwise with hls.js, which is fetched only now so that it never weighs on the first page load.
 */
export async function attachHls(video: HTMLVideoElement, url: string, events: PlaybackEvents, options: AttachOptions = {}): Promise<Playback> {
  const fetchFn = options.fetchFn ?? ((input: string) => fetch(input));
  if (video.canPlayType(HLS_MIME_TYPE) !== "") return attachNative(video, url, events, fetchFn, options.startAt);

  const { default: Hls } = await import("hls.js");
  if (!Hls.isSupported()) throw new Error("This browser cannot play HLS video.");
  const hls = new Hls({ enableWorker: true, ...(options.startAt === undefined ? {} : { startPosition: options.startAt }) });
  let mediaRecoveries = 0;
  hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => events.onLevels(qualityLevels(data.levels)));
  hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => events.onLevelSwitched(data.level));
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    if (data.response?.code === 403 && events.onForbidden !== undefined) {
      events.onForbidden();
      return;
    }
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

/**
 * Native playback exposes no levels, so the quality choice comes from the master playlist: a
 * chosen rendition plays its own playlist, "Auto" the master again, from the same position.
 */
async function attachNative(
  video: HTMLVideoElement,
  url: string,
  events: PlaybackEvents,
  fetchFn: (input: string) => Promise<Response>,
  startAt: number | undefined,
): Promise<Playback> {
  // The element does not say why it failed: asking for the playlist tells a 403 from the rest.
  const onError = () =>
    void fetchFn(url)
      .then((response) => response.status === 403 && events.onForbidden !== undefined)
      .catch(() => false)
      .then((forbidden) => (forbidden ? events.onForbidden?.() : events.onFatalError("The browser could not play this stream.")));
  video.addEventListener("error", onError);
  if (startAt !== undefined) seekOnceLoaded(video, startAt, false);
  video.src = url;
  let variants: ReturnType<typeof parseMasterPlaylist> = [];
  try {
    const response = await fetchFn(url);
    if (response.ok) variants = parseMasterPlaylist(await response.text(), url);
  } catch {
    // Without the list the player still plays; it only offers no choice.
  }
  if (variants.length > 1) events.onLevels(qualityLevels(variants));
  return {
    engine: "native",
    setLevel: (index) => {
      const source = index < 0 ? url : variants[index]?.url;
      if (source === undefined) return;
      seekOnceLoaded(video, video.currentTime, !video.paused);
      video.src = source;
      if (index >= 0) events.onLevelSwitched(index);
    },
    destroy: () => {
      video.removeEventListener("error", onError);
      video.removeAttribute("src");
      video.load();
    },
  };
}

/** Once the next source's metadata is in: back to `position`, playing again if it was. */
function seekOnceLoaded(video: HTMLVideoElement, position: number, play: boolean): void {
  video.addEventListener(
    "loadedmetadata",
    () => {
      if (Number.isFinite(video.duration)) video.currentTime = Math.min(position, video.duration);
      if (play) void video.play().catch(() => undefined);
    },
    { once: true },
  );
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
