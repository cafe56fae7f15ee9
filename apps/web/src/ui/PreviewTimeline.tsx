import type { RefObject } from "preact";
import { useEffect, useState } from "preact/hooks";
import { formatClock } from "../library/video-facts.js";
import { scrubPointAt, scrubPointFor, type ScrubPoint } from "../player/scrub-preview.js";

interface PreviewTimelineProps {
  /** The player's <video>: the timeline follows its time and seeks it. */
  readonly video: RefObject<HTMLVideoElement>;
  readonly durationSeconds: number;
  /** The preview frame for a time of the video. */
  readonly previewUrlAt: (seconds: number) => string;
}

/**
 * A seek bar that shows the frame under the pointer (or under the thumb, moved by keys or
 * dragged) before the viewer jumps there. The browser's own controls cannot show pictures.
 */
export function PreviewTimeline({ video, durationSeconds, previewUrlAt }: PreviewTimelineProps) {
  const [current, setCurrent] = useState(0);
  const [point, setPoint] = useState<ScrubPoint | undefined>();
  // Videos transcoded before previews existed have none: then only the time is shown.
  const [framesMissing, setFramesMissing] = useState(false);

  useEffect(() => {
    const element = video.current;
    if (element === null) return;
    const follow = () => setCurrent(element.currentTime);
    element.addEventListener("timeupdate", follow);
    element.addEventListener("seeked", follow);
    return () => {
      element.removeEventListener("timeupdate", follow);
      element.removeEventListener("seeked", follow);
    };
  }, [video]);

  const seek = (seconds: number) => {
    const element = video.current;
    if (element !== null) element.currentTime = seconds;
    setCurrent(seconds);
    setPoint(scrubPointFor(seconds, durationSeconds));
  };

  return (
    <div class="preview-timeline">
      <input
        type="range"
        class="preview-timeline-bar"
        data-testid="preview-timeline"
        aria-label="Seek, with scene previews"
        aria-valuetext={formatClock(current)}
        min={0}
        max={durationSeconds}
        step="any"
        value={Math.min(current, durationSeconds)}
        onPointerMove={(event) => setPoint(scrubPointAt(event.clientX, event.currentTarget.getBoundingClientRect(), durationSeconds))}
        onPointerLeave={() => setPoint(undefined)}
        onBlur={() => setPoint(undefined)}
        onInput={(event) => seek(Number(event.currentTarget.value))}
      />
      {point !== undefined && (
        <figure class="preview-frame" data-testid="scrub-preview" style={{ "--at": `${point.fraction * 100}%` }}>
          {!framesMissing && <img src={previewUrlAt(point.seconds)} alt="" onError={() => setFramesMissing(true)} />}
          <figcaption>{formatClock(point.seconds)}</figcaption>
        </figure>
      )}
    </div>
  );
}
