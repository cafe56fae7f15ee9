import type { JobSettings } from "@aws-sdk/client-mediaconvert";
import {
  buildMovieHlsJobSettings,
  decideSource,
  MediaConvertJobStateChangeEvent,
  MovieHlsLadder,
  planSourceJob,
  PREVIEW_FRAME_COUNT,
  type SourceFacts,
} from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import {
  captureFileName,
  crfForQvbrLevel,
  ffmpegArguments,
  jpegScaleForQuality,
  masterPlaylistName,
  renditionPlaylistName,
} from "../src/ffmpeg/ffmpeg-args.js";
import { FfmpegProgressReader, percentComplete } from "../src/ffmpeg/ffmpeg-progress.js";
import { interpretProbe } from "../src/ffmpeg/input-probe.js";
import { probeFailureReason } from "../src/probe/ffprobe.js";
import { MediaConvertJobError } from "../src/jobs/job-error.js";
import { jobStateChangeEntry, type JobIdentity } from "../src/jobs/job-state-events.js";
import { planTranscode, UnsupportedJobSettingsError } from "../src/settings/transcode-plan.js";
import { fromWireJson, toWireJson } from "../src/api/wire-json.js";

const settings = buildMovieHlsJobSettings({
  fileInput: "s3://raw/uploads/0b9f7c4e-1f2a-4c3b-9d8e-7f6a5b4c3d2e.mov",
  destination: "s3://processed/vod/0b9f7c4e-1f2a-4c3b-9d8e-7f6a5b4c3d2e/",
});

describe("wire JSON", () => {
  it("uses lowerCamelCase members on the wire and keeps map keys as they are", () => {
    const wire = toWireJson(settings) as Record<string, unknown>;
    expect(Object.keys(wire)).toEqual(expect.arrayContaining(["inputs", "outputGroups", "timecodeConfig"]));
    const input = (wire["inputs"] as Record<string, unknown>[])[0];
    expect(input?.["audioSelectors"]).toEqual({ "Audio Selector 1": { defaultSelection: "DEFAULT" } });
    expect(JSON.stringify(wire)).toContain('"h264Settings":{"rateControlMode":"QVBR"');
    expect(fromWireJson<JobSettings>(wire)).toEqual(settings);
  });

  it("sends timestamps as epoch seconds and leaves metadata keys alone", () => {
    expect(toWireJson({ CreatedAt: new Date(1_700_000_000_500), UserMetadata: { uploadId: "x", Platform: "y" } })).toEqual({
      createdAt: 1_700_000_000.5,
      userMetadata: { uploadId: "x", Platform: "y" },
    });
  });
});

describe("planTranscode", () => {
  it("reads the MovieHLS ladder, input and destination from the job settings", () => {
    const plan = planTranscode(settings);
    expect(plan.input).toEqual({ bucket: "raw", key: "uploads/0b9f7c4e-1f2a-4c3b-9d8e-7f6a5b4c3d2e.mov" });
    expect(plan.destination).toEqual({ bucket: "processed", key: "vod/0b9f7c4e-1f2a-4c3b-9d8e-7f6a5b4c3d2e/" });
    expect(plan.baseName).toBe("0b9f7c4e-1f2a-4c3b-9d8e-7f6a5b4c3d2e");
    expect(plan.gopSeconds).toBe(MovieHlsLadder.gopSeconds);
    expect(plan.segmentSeconds).toBe(MovieHlsLadder.segmentSeconds);
    expect(plan.renditions).toHaveLength(MovieHlsLadder.renditions.length);
    MovieHlsLadder.renditions.forEach((rung, i) => {
      expect(plan.renditions[i]).toMatchObject({
        nameModifier: rung.nameModifier,
        width: rung.video.Width,
        height: rung.video.Height,
        maxBitrate: rung.h264.MaxBitrate,
        qvbrQualityLevel: rung.h264.QvbrSettings.QvbrQualityLevel,
        audio: { bitrate: rung.audio.Bitrate, sampleRate: 48_000, channels: 2 },
        frameRate: undefined,
        profile: "high",
        scaling: "LETTERBOX",
      });
    });
  });

  it("names the outputs after the destination file when the destination is not a folder", () => {
    const named = buildMovieHlsJobSettings({ fileInput: "s3://raw/uploads/a.mp4", destination: "s3://out/films/feature" });
    const plan = planTranscode(named);
    expect(plan.destination).toEqual({ bucket: "out", key: "films/" });
    expect(plan.baseName).toBe("feature");
  });

  it("refuses settings without an input or an HLS group", () => {
    expect(() => planTranscode({ ...settings, Inputs: [] })).toThrow(UnsupportedJobSettingsError);
    expect(() => planTranscode({ ...settings, OutputGroups: [] })).toThrow(/HLS_GROUP_SETTINGS/);
  });
});

/** The job the trigger derives for a source, as it reaches CreateJob. */
function derivedJob(facts: SourceFacts) {
  const decision = decideSource({ readable: true, facts });
  if (!decision.accepted) throw new Error(decision.reason);
  const uuid = "0b9f7c4e-1f2a-4c3b-9d8e-7f6a5b4c3d2e";
  return planSourceJob(`${uuid}.mov`, { fileInput: `s3://raw/uploads/${uuid}.mov`, destination: `s3://processed/vod/${uuid}/` }, decision.source);
}

const phoneClip: SourceFacts = {
  container: "quicktime",
  video: { codec: "HEVC", display: { width: 1080, height: 1920 }, rotation: 90, rotationSource: "container", frameRate: { numerator: 120, denominator: 1 } },
  audioTrackCount: 0,
  durationSeconds: 12,
};

describe("planTranscode on derived jobs", () => {
  const { settings: derived, summary } = derivedJob(phoneClip);
  const plan = planTranscode(derived);

  it("reads the derived rungs video-only, at the frame rate the job specifies, and the input's rotation", () => {
    expect(plan.rotation).toBe("AUTO");
    expect(plan.renditions.map(({ width, height }) => ({ width, height }))).toEqual(summary.renditions.map(({ width, height }) => ({ width, height })));
    for (const rendition of plan.renditions) {
      expect(rendition.audio).toBeUndefined();
      expect(rendition.frameRate).toEqual({ numerator: 60, denominator: 1 });
    }
  });

  it("reads the poster and previews output: where, how many, how often and how large", () => {
    expect(plan.frameCaptures).toHaveLength(1);
    const [capture] = plan.frameCaptures;
    expect(capture).toMatchObject({
      folder: { bucket: "processed", key: "vod/0b9f7c4e-1f2a-4c3b-9d8e-7f6a5b4c3d2e/previews/" },
      fileBase: "frame",
      maxCaptures: PREVIEW_FRAME_COUNT,
      rate: { numerator: PREVIEW_FRAME_COUNT * 1000, denominator: 12_000 },
    });
    expect(capture!.height / capture!.width).toBeCloseTo(1920 / 1080, 1);
    expect(captureFileName(capture!, 10)).toBe(summary.posterPath.slice(summary.posterPath.lastIndexOf("/") + 1));
  });

  it("turns the picture as a DEGREES_ rotation says, and refuses groups it cannot run", () => {
    const input = derived.Inputs![0]!;
    const turned = planTranscode({ ...derived, Inputs: [{ ...input, VideoSelector: { Rotate: "DEGREES_270" } }] });
    expect(turned.rotation).toBe(270);
    expect(planTranscode({ ...derived, Inputs: [{ ...input, VideoSelector: {} }] }).rotation).toBe(0);
    const [hls, stills] = derived.OutputGroups!;
    expect(() => planTranscode({ ...derived, OutputGroups: [stills!] })).toThrow(/HLS_GROUP_SETTINGS/);
    const mp4 = { ...stills!, Outputs: [{ ...stills!.Outputs![0]!, VideoDescription: { Width: 640, Height: 360, CodecSettings: { Codec: "H_264" as const } } }] };
    expect(() => planTranscode({ ...derived, OutputGroups: [hls!, mp4] })).toThrow(/FRAME_CAPTURE/);
  });
});

describe("ffmpegArguments", () => {
  const plan = planTranscode(settings);
  const args = ffmpegArguments(plan, { inputPath: "/in/x.mov", outputDir: "/out", preset: "veryfast", inputHasAudio: true });
  const valueOf = (flag: string) => args[args.indexOf(flag) + 1];

  it("encodes every rung at its size and bitrate cap, with AAC at its bitrate", () => {
    const filter = valueOf("-filter_complex") ?? "";
    MovieHlsLadder.renditions.forEach((rung, i) => {
      expect(filter).toContain(`scale=${rung.video.Width}:${rung.video.Height}:force_original_aspect_ratio=decrease`);
      expect(valueOf(`-maxrate:v:${i}`)).toBe(String(rung.h264.MaxBitrate));
      expect(valueOf(`-bufsize:v:${i}`)).toBe(String(2 * rung.h264.MaxBitrate));
      expect(valueOf(`-crf:v:${i}`)).toBe(String(crfForQvbrLevel(rung.h264.QvbrSettings.QvbrQualityLevel)));
      expect(valueOf(`-b:a:${i}`)).toBe(String(rung.audio.Bitrate));
    });
    expect(valueOf("-c:v")).toBe("libx264");
    expect(valueOf("-c:a")).toBe("aac");
  });

  it("keys every rendition on the ladder's GOP grid and cuts segments of its length", () => {
    expect(valueOf("-force_key_frames")).toBe(`expr:gte(t,n_forced*${MovieHlsLadder.gopSeconds})`);
    expect(valueOf("-sc_threshold")).toBe("0");
    expect(valueOf("-hls_time")).toBe(String(MovieHlsLadder.segmentSeconds));
    expect(valueOf("-hls_playlist_type")).toBe("vod");
  });

  it("names playlists and segments the way MediaConvert does", () => {
    expect(valueOf("-master_pl_name")).toBe(`${plan.baseName}.m3u8`);
    expect(masterPlaylistName(plan)).toBe(`${plan.baseName}.m3u8`);
    expect(renditionPlaylistName(plan, plan.renditions[0]!)).toBe(`${plan.baseName}_1080p.m3u8`);
    expect(valueOf("-var_stream_map")).toBe("v:0,a:0,name:_1080p v:1,a:1,name:_720p v:2,a:2,name:_540p v:3,a:3,name:_360p");
    expect(valueOf("-hls_segment_filename")).toBe(`/out/hls/${plan.baseName}%v_%05d.ts`);
    expect(args.at(-1)).toBe(`/out/hls/${plan.baseName}%v.m3u8`);
  });

  it("gives a silent source the audio track a job asks for", () => {
    const silent = ffmpegArguments(plan, { inputPath: "/in/x.mov", outputDir: "/out", preset: "veryfast", inputHasAudio: false });
    expect(silent.join(" ")).toContain("-f lavfi -i anullsrc");
    expect(silent.filter((arg) => arg === "1:a:0")).toHaveLength(plan.renditions.length);
  });

  it("maps QVBR quality to CRF and JPEG quality to ffmpeg's scale: higher quality, lower number", () => {
    expect(crfForQvbrLevel(7)).toBe(23);
    expect(crfForQvbrLevel(9)).toBeLessThan(crfForQvbrLevel(7));
    expect([jpegScaleForQuality(100), jpegScaleForQuality(1)]).toEqual([2, 31]);
    expect(jpegScaleForQuality(80)).toBeLessThan(jpegScaleForQuality(50));
  });

  it("encodes a derived job video-only, turned, at its frame rate, with the frame captures as a second output", () => {
    const phone = planTranscode(derivedJob({ ...phoneClip, container: "webm", video: { ...phoneClip.video!, rotationSource: "codec" } }).settings);
    const derivedArgs = ffmpegArguments(phone, { inputPath: "/in/x.webm", outputDir: "/out", preset: "ultrafast", inputHasAudio: true });
    const at = (flag: string) => derivedArgs[derivedArgs.indexOf(flag) + 1];
    expect(derivedArgs).toContain("-noautorotate");
    const filter = at("-filter_complex") ?? "";
    expect(filter).toMatch(/^\[0:v\]transpose=clock,split=5/);
    expect(filter.match(/fps=60\/1,scale=/g)).toHaveLength(4);
    expect(filter).toContain(`fps=${PREVIEW_FRAME_COUNT * 1000}/12000,scale=`);
    expect(derivedArgs).not.toContain("0:a:0");
    expect(derivedArgs).not.toContain("-c:a");
    expect(at("-var_stream_map")).toBe("v:0,name:_1080p v:1,name:_720p v:2,name:_540p v:3,name:_360p");
    expect(at("-frames:v")).toBe(String(PREVIEW_FRAME_COUNT));
    expect(derivedArgs.at(-1)).toBe("/out/capture-0/frame.%07d.jpg");
  });
});

describe("ffmpeg progress", () => {
  it("reads blocks split across chunks and reports whole percent below 100", () => {
    const reader = new FfmpegProgressReader();
    expect(reader.push("frame=10\nout_time_us=N/A\nprogress=continue\nframe=30\nout_time")).toEqual([
      { outTimeUs: undefined, ended: false },
    ]);
    expect(reader.push("_us=2500000\nprogress=continue\nout_time_us=5000000\nprogress=end\n")).toEqual([
      { outTimeUs: 2_500_000, ended: false },
      { outTimeUs: 5_000_000, ended: true },
    ]);
    expect(percentComplete(2_500_000, 5)).toBe(50);
    expect(percentComplete(5_000_000, 5)).toBe(99);
    expect(percentComplete(undefined, 5)).toBe(0);
    expect(percentComplete(1_000_000, 0)).toBe(0);
  });
});

describe("input probe", () => {
  it("accepts a video with a duration and notes whether it has sound", () => {
    const info = interpretProbe("s3://raw/a.mp4", {
      format: { duration: "5.000" },
      streams: [{ codec_type: "video", width: 640, height: 360 }],
    });
    expect(info).toEqual({ durationSeconds: 5, hasAudio: false, width: 640, height: 360 });
  });

  it("turns a file without video into MediaConvert's error 1010", () => {
    const error = interpretProbe("s3://raw/a.mp4", { format: { duration: "3" }, streams: [{ codec_type: "audio" }] });
    expect(error).toBeInstanceOf(MediaConvertJobError);
    expect(error).toMatchObject({ errorCode: 1010, message: expect.stringMatching(/^Unable to open input file \[s3:\/\/raw\/a\.mp4\]/) });
    expect(probeFailureReason("[mov @ 0x1] moov atom not found\n/tmp/x/input.mp4: Invalid data found when processing input\n")).toBe(
      "Invalid data found when processing input",
    );
  });
});

describe("job state change events", () => {
  const job: JobIdentity = {
    jobId: "1700000000000-abcdef",
    jobArn: "arn:aws:mediaconvert:us-east-1:123456789012:jobs/1700000000000-abcdef",
    queueArn: "arn:aws:mediaconvert:us-east-1:123456789012:queues/Default",
    accountId: "123456789012",
    userMetadata: { uploadId: "u.mp4", fileName: "uploads/u.mp4", platform: "local" },
  };
  const at = new Date("2025-01-01T00:00:00Z");
  const asEvent = (entry: ReturnType<typeof jobStateChangeEntry>) =>
    MediaConvertJobStateChangeEvent.parse({
      id: "e",
      "detail-type": entry.DetailType,
      source: entry.Source,
      time: at.toISOString(),
      region: "us-east-1",
      detail: JSON.parse(entry.Detail ?? "{}"),
    });

  it("builds events the platform's own contract accepts, for every state", () => {
    const update = asEvent(jobStateChangeEntry(job, { status: "STATUS_UPDATE", jobPercentComplete: 42, currentPhase: "TRANSCODING" }, at));
    expect(update.detail).toMatchObject({ status: "STATUS_UPDATE", jobProgress: { jobPercentComplete: 42 }, userMetadata: job.userMetadata });
    const complete = asEvent(
      jobStateChangeEntry(
        job,
        {
          status: "COMPLETE",
          outputGroups: [
            {
              type: "HLS_GROUP",
              playlistFilePaths: ["s3://p/vod/u/u.m3u8"],
              outputs: [{ outputFilePaths: ["s3://p/vod/u/u_360p.m3u8"], width: 640, height: 360, durationMs: 5000 }],
            },
            { type: "FILE_GROUP", outputs: [{ outputFilePaths: ["s3://p/vod/u/previews/frame.0000099.jpg"], width: 640, height: 360, durationMs: 5000 }] },
          ],
        },
        at,
      ),
    );
    expect(complete.detail).toMatchObject({
      status: "COMPLETE",
      outputGroupDetails: [
        { type: "HLS_GROUP", playlistFilePaths: ["s3://p/vod/u/u.m3u8"] },
        { type: "FILE_GROUP", outputDetails: [{ outputFilePaths: ["s3://p/vod/u/previews/frame.0000099.jpg"], durationInMs: 5000 }] },
      ],
    });
    const error = asEvent(jobStateChangeEntry(job, { status: "ERROR", errorCode: 1010, errorMessage: "Unable to open" }, at));
    expect(error.detail).toMatchObject({ status: "ERROR", errorCode: 1010, errorMessage: "Unable to open" });
    const progressing = jobStateChangeEntry(job, { status: "PROGRESSING" }, at);
    expect(progressing.Resources).toEqual([job.jobArn]);
    expect(asEvent(progressing).detail.jobId).toBe(job.jobId);
  });
});
