import type { H264Settings, Output } from "@aws-sdk/client-mediaconvert";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildMovieHlsJobSettings,
  buildMovieHlsJobTemplateSettings,
  MovieHlsLadder,
  planSourceJob,
  type MovieHlsLadderSpec,
} from "../src/index.js";
import { inputMemberShape, loadBotocoreModel, violations, type ApiModel } from "./support/botocore-model.js";
import { randomSources, sourceOfSize } from "./support/source-shapes.js";

function h264(output: Output): H264Settings {
  const settings = output.VideoDescription?.CodecSettings?.H264Settings;
  if (!settings) throw new Error(`output ${output.NameModifier} has no H.264 settings`);
  return settings;
}

const outputs = (): Output[] => buildMovieHlsJobTemplateSettings().OutputGroups?.[0]?.Outputs ?? [];

describe("the MovieHLS ladder", () => {
  it("has one HLS output group with 1080p, 720p, 540p and 360p renditions", () => {
    const groups = buildMovieHlsJobTemplateSettings().OutputGroups ?? [];
    expect(groups).toHaveLength(1);
    expect(groups[0]?.OutputGroupSettings?.Type).toBe("HLS_GROUP_SETTINGS");
    expect(outputs().map((output) => output.VideoDescription?.Height)).toEqual([1080, 720, 540, 360]);
  });

  it("encodes H.264 in QVBR at quality 7 to 9 under each rendition's bitrate cap", () => {
    const caps: Record<number, number> = { 1080: 8_500_000, 720: 6_000_000, 540: 3_500_000, 360: 1_500_000 };
    for (const output of outputs()) {
      const settings = h264(output);
      expect(output.VideoDescription?.CodecSettings?.Codec).toBe("H_264");
      expect(settings.RateControlMode).toBe("QVBR");
      expect(settings.QvbrSettings?.QvbrQualityLevel).toBeGreaterThanOrEqual(7);
      expect(settings.QvbrSettings?.QvbrQualityLevel).toBeLessThanOrEqual(9);
      expect(settings.MaxBitrate).toBeLessThanOrEqual(caps[output.VideoDescription?.Height ?? 0] ?? 0);
    }
  });

  it("closes 2-second GOPs on the same grid in every rendition", () => {
    for (const output of outputs()) {
      const settings = h264(output);
      expect([settings.GopSize, settings.GopSizeUnits, settings.GopClosedCadence]).toEqual([2, "SECONDS", 1]);
      // Plain scene-change detection would insert IDR frames at different places per rendition.
      expect(settings.SceneChangeDetect).toBe("TRANSITION_DETECTION");
    }
  });

  it("cuts 6-second segments and carries CBR AAC audio in every rendition", () => {
    const hls = buildMovieHlsJobTemplateSettings().OutputGroups?.[0]?.OutputGroupSettings?.HlsGroupSettings;
    expect(hls?.SegmentLength).toBe(6);
    for (const output of outputs()) {
      const audio = output.AudioDescriptions?.[0]?.CodecSettings;
      expect(audio?.Codec).toBe("AAC");
      expect(audio?.AacSettings?.RateControlMode).toBe("CBR");
    }
  });

  it("reports status every 10 seconds", () => {
    expect(MovieHlsLadder.statusUpdateInterval).toBe("SECONDS_10");
  });

  it("builds job settings with the input and destination filled in and the template's renditions", () => {
    const job = buildMovieHlsJobSettings({ fileInput: "s3://raw/uploads/a.mp4", destination: "s3://out/vod/a/" });
    expect(job.Inputs?.[0]?.FileInput).toBe("s3://raw/uploads/a.mp4");
    expect(job.OutputGroups?.[0]?.OutputGroupSettings?.HlsGroupSettings?.Destination).toBe("s3://out/vod/a/");
    expect(job.OutputGroups?.[0]?.Outputs).toEqual(outputs());
  });
});

describe("the MovieHLS settings against the MediaConvert API model", () => {
  let model: ApiModel;
  beforeAll(() => {
    model = loadBotocoreModel("mediaconvert", "2017-08-29");
  });

  it("are accepted as CreateJobTemplate settings: member names, enum values and ranges", () => {
    const shape = inputMemberShape(model, "CreateJobTemplate", "Settings");
    expect(violations(model, shape, buildMovieHlsJobTemplateSettings())).toEqual([]);
  });

  it("are accepted as CreateJob settings", () => {
    const shape = inputMemberShape(model, "CreateJob", "Settings");
    const job = buildMovieHlsJobSettings({ fileInput: "s3://raw/uploads/a.mp4", destination: "s3://out/vod/a/" });
    expect(violations(model, shape, job)).toEqual([]);
  });

  it("accepts the job derived for every generated source shape as CreateJob settings", () => {
    const shape = inputMemberShape(model, "CreateJob", "Settings");
    const destination = "s3://out/vod/0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11/";
    const uploadId = "0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11.mp4";
    for (const source of randomSources(7, 300)) {
      const { settings } = planSourceJob(uploadId, { fileInput: `s3://raw/uploads/${uploadId}`, destination }, source);
      expect(violations(model, shape, settings), JSON.stringify(source)).toEqual([]);
    }
  });

  it("catches a derived job the API would refuse", () => {
    const shape = inputMemberShape(model, "CreateJob", "Settings");
    const { settings } = planSourceJob(
      "0b8f3a52-6f0e-4c2b-9d4e-2f5a9c1e7b11.mp4",
      { fileInput: "https://raw/uploads/a.mp4&", destination: "gs://out/vod/a/" },
      sourceOfSize(1920, 1080),
    );
    const problems = violations(model, shape, settings);
    expect(problems.some((problem) => problem.startsWith("$.Inputs[0].FileInput: https://raw/uploads/a.mp4& does not match"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("$.OutputGroups[1].OutputGroupSettings.FileGroupSettings.Destination"))).toBe(true);
  });

  it("uses a status-update interval the API defines", () => {
    const shape = inputMemberShape(model, "CreateJobTemplate", "StatusUpdateInterval");
    expect(violations(model, shape, MovieHlsLadder.statusUpdateInterval)).toEqual([]);
  });

  it("catches a ladder the API would refuse", () => {
    const broken: MovieHlsLadderSpec = {
      ...MovieHlsLadder,
      renditions: [{ ...MovieHlsLadder.renditions[0]!, h264: { MaxBitrate: 8_500_000, QvbrSettings: { QvbrQualityLevel: 11 } } }],
      segmentSeconds: 0,
    };
    const shape = inputMemberShape(model, "CreateJobTemplate", "Settings");
    const problems = violations(model, shape, buildMovieHlsJobTemplateSettings(broken));
    expect(problems.some((problem) => problem.includes("QvbrQualityLevel: 11 is above 10"))).toBe(true);
    expect(problems.some((problem) => problem.includes("SegmentLength: 0 is below 1"))).toBe(true);
    expect(violations(model, shape, { OutputGroups: [{ Nonsense: true }] })).toContain(
      "$.OutputGroups[0].Nonsense: not a member of OutputGroup",
    );
  });
});
