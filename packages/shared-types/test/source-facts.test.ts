import type { ProbeResponse, Track, VideoProperties } from "@aws-sdk/client-mediaconvert";
import { describe, expect, it } from "vitest";
import { readProbe, type ProbeReading, type SourceFacts } from "../src/index.js";

/** A Probe answer for one file, in the SDK's shape, with a video track built from `video`. */
function probe(video: VideoProperties | undefined, options: { format?: string; duration?: number; audio?: number; tracks?: Track[] } = {}): ProbeResponse {
  const tracks: Track[] = [
    ...(video ? [{ Index: 1, TrackType: "video" as const, Codec: "AVC" as const, Duration: options.duration, VideoProperties: video }] : []),
    ...Array.from({ length: options.audio ?? 1 }, (_, index) => ({
      Index: index + 2,
      TrackType: "audio" as const,
      Codec: "AAC" as const,
      AudioProperties: { Channels: 2, SampleRate: 48_000 },
    })),
    ...(options.tracks ?? []),
  ];
  return {
    ProbeResults: [
      {
        Container: { Format: (options.format ?? "mp4") as "mp4", Duration: options.duration, Tracks: tracks },
        Metadata: { ETag: '"abc"', FileSize: 1_000_000, MimeType: "video/mp4" },
      },
    ],
  };
}

function factsOf(reading: ProbeReading): SourceFacts {
  if (!reading.readable) throw new Error(`expected facts, got: ${reading.detail}`);
  return reading.facts;
}

const landscape: VideoProperties = { Width: 1920, Height: 1080, FrameRate: { Numerator: 30000, Denominator: 1001 } };

describe("reading MediaConvert's Probe answer", () => {
  it("reads container, codec, display size, frame rate, audio tracks and duration", () => {
    expect(factsOf(readProbe(probe(landscape, { duration: 12.5 })))).toEqual({
      container: "mp4",
      video: {
        codec: "AVC",
        display: { width: 1920, height: 1080 },
        rotation: 0,
        rotationSource: "none",
        frameRate: { numerator: 30000, denominator: 1001 },
      },
      audioTrackCount: 1,
      durationSeconds: 12.5,
    });
  });

  it("turns a phone clip stored sideways upright: 1920×1080 with a 90° rotation is 1080×1920", () => {
    const video = factsOf(readProbe(probe({ ...landscape, Rotation: 90 }, { duration: 8 }))).video;
    expect(video?.display).toEqual({ width: 1080, height: 1920 });
    expect([video?.rotation, video?.rotationSource]).toEqual([90, "container"]);
  });

  it("reads a rotation written in the bitstream when the container has none", () => {
    const video = factsOf(readProbe(probe({ ...landscape, CodecMetadata: { Rotation: 270 } }, { duration: 8 }))).video;
    expect([video?.display, video?.rotation, video?.rotationSource]).toEqual([{ width: 1080, height: 1920 }, 270, "codec"]);
  });

  it("takes negative and full-turn angles as quarter turns, and ignores angles MediaConvert would not apply", () => {
    const rotationOf = (degrees: number) => factsOf(readProbe(probe({ ...landscape, Rotation: degrees }, { duration: 8 }))).video?.rotation;
    expect([rotationOf(-90), rotationOf(450), rotationOf(180.4), rotationOf(45)]).toEqual([270, 90, 180, 0]);
    expect(factsOf(readProbe(probe({ ...landscape, Rotation: 180 }, { duration: 8 }))).video?.display).toEqual({ width: 1920, height: 1080 });
  });

  it("shows anamorphic pixels at their display width, from the pixel or the display aspect ratio", () => {
    const pal: VideoProperties = { Width: 720, Height: 576 };
    const bySampleAspect = factsOf(readProbe(probe({ ...pal, SampleAspectRatio: { Numerator: 64, Denominator: 45 } }, { duration: 8 })));
    const byCodecSampleAspect = factsOf(readProbe(probe({ ...pal, CodecMetadata: { SampleAspectRatio: { Numerator: 64, Denominator: 45 } } }, { duration: 8 })));
    const byDisplayAspect = factsOf(readProbe(probe({ ...pal, DisplayAspectRatio: { Numerator: 16, Denominator: 9 } }, { duration: 8 })));
    for (const facts of [bySampleAspect, byCodecSampleAspect, byDisplayAspect]) {
      expect(facts.video?.display).toEqual({ width: 1024, height: 576 });
    }
    const square = factsOf(readProbe(probe({ ...landscape, DisplayAspectRatio: { Numerator: 16, Denominator: 9 } }, { duration: 8 })));
    expect(square.video?.display).toEqual({ width: 1920, height: 1080 });
  });

  it("reads a WebM screen recording without audio, its duration from the video track", () => {
    const answer = probe({ Width: 430, Height: 242, FrameRate: { Numerator: 25, Denominator: 1 } }, { format: "webm", audio: 0 });
    const track = answer.ProbeResults![0]!.Container!.Tracks![0]!;
    track.Codec = "VP9";
    track.Duration = 31.2;
    expect(factsOf(readProbe(answer))).toMatchObject({
      container: "webm",
      video: { codec: "VP9", display: { width: 430, height: 242 } },
      audioTrackCount: 0,
      durationSeconds: 31.2,
    });
  });

  it("falls back to the coded size and frame rate when the track states none", () => {
    const video = factsOf(
      readProbe(probe({ CodecMetadata: { Width: 640, Height: 480, CodedFrameRate: { Numerator: 24, Denominator: 1 } }, FrameRate: { Numerator: 0, Denominator: 0 } }, { duration: 3 })),
    ).video;
    expect([video?.display, video?.frameRate]).toEqual([{ width: 640, height: 480 }, { numerator: 24, denominator: 1 }]);
  });

  it("reads an audio file as facts without a video track (an MP3 renamed .mp4)", () => {
    expect(factsOf(readProbe(probe(undefined, { format: "mp3", duration: 200 })))).toEqual({
      container: "mp3",
      video: undefined,
      audioTrackCount: 1,
      durationSeconds: 200,
    });
  });

  it("leaves the duration unknown when nothing states a positive one", () => {
    expect(factsOf(readProbe(probe(landscape, { duration: 0 }))).durationSeconds).toBeUndefined();
  });

  it.each<[string, ProbeResponse]>([
    ["no result at all", {}],
    ["an empty result list", { ProbeResults: [] }],
    ["a result without a container", { ProbeResults: [{ Metadata: { FileSize: 12 } }] }],
    ["neither a format nor a track", { ProbeResults: [{ Container: { Tracks: [] } }] }],
    ["a video track without a picture size", probe({ FrameRate: { Numerator: 25, Denominator: 1 } }, { duration: 4 })],
  ])("finds the file unreadable on %s", (_case, answer) => {
    const reading = readProbe(answer);
    expect(reading.readable).toBe(false);
    if (!reading.readable) expect(reading.detail.length).toBeGreaterThan(0);
  });
});
