import { readProbe } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import type { FfprobeReport } from "../src/probe/ffprobe.js";
import { probeResultOf } from "../src/probe/probe-result.js";

const metadata = { ETag: '"abc"', FileSize: 1234, MimeType: "video/mp4" };
const none = Buffer.alloc(0);

/** A phone clip as ffprobe reports it: stored 1920×1080, a display matrix for a quarter turn, HEVC and AAC. */
const phone: FfprobeReport = {
  format: { format_name: "mov,mp4,m4a,3gp,3g2,mj2", duration: "12.5", bit_rate: "8000000", tags: { major_brand: "qt  " } },
  streams: [
    {
      index: 0,
      codec_type: "video",
      codec_name: "hevc",
      width: 1920,
      height: 1080,
      sample_aspect_ratio: "1:1",
      display_aspect_ratio: "16:9",
      avg_frame_rate: "30000/1001",
      r_frame_rate: "30/1",
      duration: "12.5",
      side_data_list: [{ side_data_type: "Display Matrix", rotation: -90 }],
    },
    { index: 1, codec_type: "audio", codec_name: "aac", channels: 2, sample_rate: "48000", tags: { language: "und" } },
    { index: 2, codec_type: "data", codec_name: "bin_data" },
  ],
};

describe("ffprobe's report in Probe's shape", () => {
  it("names container, codecs and tracks as MediaConvert does, rotation clockwise", () => {
    const result = probeResultOf(phone, none, metadata);
    expect(result.Container).toMatchObject({ Format: "quicktime", Duration: 12.5, BitRate: 8_000_000 });
    const [video, audio, data] = result.Container?.Tracks ?? [];
    expect(video).toMatchObject({
      Index: 1,
      TrackType: "video",
      Codec: "HEVC",
      Duration: 12.5,
      VideoProperties: { Width: 1920, Height: 1080, Rotation: 90, FrameRate: { Numerator: 30000, Denominator: 1001 } },
    });
    expect(audio).toMatchObject({ Index: 2, TrackType: "audio", Codec: "AAC", AudioProperties: { Channels: 2, SampleRate: 48_000 } });
    expect(audio?.AudioProperties?.LanguageCode).toBeUndefined();
    expect(data).toMatchObject({ Index: 3, TrackType: "data", Codec: "UNKNOWN" });
    expect(result.TrackMappings).toEqual([{ VideoTrackIndexes: [1], AudioTrackIndexes: [2], DataTrackIndexes: [3] }]);
    expect(result.Metadata).toEqual(metadata);
  });

  it("is what readProbe reads: the phone clip is an upright 1080×1920 video with one audio track", () => {
    const reading = readProbe({ ProbeResults: [probeResultOf(phone, none, metadata)] });
    expect(reading).toEqual({
      readable: true,
      facts: {
        container: "quicktime",
        video: { codec: "HEVC", display: { width: 1080, height: 1920 }, rotation: 90, rotationSource: "container", frameRate: { numerator: 30000, denominator: 1001 } },
        audioTrackCount: 1,
        durationSeconds: 12.5,
      },
    });
  });

  it("tells MP4 from QuickTime by brand and WebM from Matroska by the EBML DocType", () => {
    const mov = (brand: string) => probeResultOf({ ...phone, format: { ...phone.format, tags: { major_brand: brand } } }, none, {});
    expect([mov("isom"), mov("qt  "), mov("3gp4")].map((result) => result.Container?.Format)).toEqual(["mp4", "quicktime", "three_gp"]);
    const matroska: FfprobeReport = { format: { format_name: "matroska,webm", duration: "1" }, streams: [] };
    expect(probeResultOf(matroska, Buffer.from("\x1aE\xdf\xa3\x42\x82\x84webm"), {}).Container?.Format).toBe("webm");
    expect(probeResultOf(matroska, Buffer.from("\x1aE\xdf\xa3\x42\x82\x88matroska"), {}).Container?.Format).toBe("matroska");
    expect(probeResultOf({ format: { format_name: "mp3" }, streams: [] }, none, {}).Container?.Format).toBe("mp3");
  });

  it("reads Matroska's DURATION tag, leaves out a zero rotation, and does not take cover art for video", () => {
    const song: FfprobeReport = {
      format: { format_name: "mp3", duration: "180.2" },
      streams: [
        { index: 0, codec_type: "audio", codec_name: "mp3", channels: 2, sample_rate: "44100" },
        { index: 1, codec_type: "video", codec_name: "mjpeg", width: 600, height: 600, disposition: { attached_pic: 1 } },
      ],
    };
    const tracks = probeResultOf(song, none, {}).Container?.Tracks ?? [];
    expect(tracks.map((track) => track.TrackType)).toEqual(["audio"]);
    expect(readProbe({ ProbeResults: [probeResultOf(song, none, {})] })).toMatchObject({ readable: true, facts: { video: undefined, audioTrackCount: 1 } });
    const webm: FfprobeReport = {
      format: { format_name: "matroska,webm", duration: "5.007" },
      streams: [{ index: 0, codec_type: "video", codec_name: "vp9", width: 430, height: 242, avg_frame_rate: "25/1", tags: { DURATION: "00:00:05.007000000" }, side_data_list: [{ side_data_type: "Display Matrix", rotation: 0 }] }],
    };
    const [video] = probeResultOf(webm, none, {}).Container?.Tracks ?? [];
    expect(video?.Duration).toBeCloseTo(5.007, 3);
    expect(video?.VideoProperties?.Rotation).toBeUndefined();
  });

  it("answers a file ffprobe cannot read as Probe answers an unknown format: no format, no tracks, unreadable", () => {
    const result = probeResultOf(undefined, Buffer.from("eggs"), metadata);
    expect(result.Container).toEqual({ Tracks: [] });
    expect(readProbe({ ProbeResults: [result] })).toMatchObject({ readable: false });
  });
});
