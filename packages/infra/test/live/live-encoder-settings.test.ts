import { LiveLadder } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { liveEncoderSettings } from "../../src/constructs/live/live-channel.js";
import { apiViolations, loadMediaLiveShapes } from "./support/medialive-api-model.js";

describe("the live channel's encoder settings", () => {
  const shapes = loadMediaLiveShapes();

  it("are valid for MediaLive's CreateChannel: member names, enum values, ranges", () => {
    expect(apiViolations(shapes, "EncoderSettings", liveEncoderSettings(LiveLadder))).toEqual([]);
  });

  it("would be caught if they were not", () => {
    const settings = liveEncoderSettings(LiveLadder);
    const broken = {
      ...settings,
      videoDescriptions: [{ name: "v", codecSettings: { h264Settings: { gopSizeUnits: "MINUTES", bitrate: 10 } } }],
    };
    expect(apiViolations(shapes, "EncoderSettings", broken)).toEqual([
      "$.videoDescriptions[0].codecSettings.h264Settings.gopSizeUnits: MINUTES is not one of FRAMES, SECONDS",
      "$.videoDescriptions[0].codecSettings.h264Settings.bitrate: 10 is below 1000",
    ]);
    expect(apiViolations(shapes, "EncoderSettings", { ...settings, timecodeConfig: undefined })).toEqual([
      "$.TimecodeConfig: required",
    ]);
  });
});
