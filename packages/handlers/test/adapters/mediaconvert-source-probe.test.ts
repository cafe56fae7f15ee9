import {
  BadRequestException,
  ForbiddenException,
  NotFoundException,
  TooManyRequestsException,
  type MediaConvertClient,
  type ProbeResponse,
} from "@aws-sdk/client-mediaconvert";
import { describe, expect, it } from "vitest";
import { MediaConvertSourceProbe } from "../../src/adapters/mediaconvert-source-probe.js";

/** A client whose every call answers `outcome` (or throws it): how MediaConvert's answers reach the adapter. */
function clientAnswering(outcome: ProbeResponse | Error): { client: MediaConvertClient; sent: unknown[] } {
  const sent: unknown[] = [];
  const client = {
    send: async (command: { input: unknown }) => {
      sent.push(command.input);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  } as unknown as MediaConvertClient;
  return { client, sent };
}

const metadata = { $metadata: {} };

describe("MediaConvertSourceProbe", () => {
  it("asks Probe about the one file and reads the answer", async () => {
    const { client, sent } = clientAnswering({
      ProbeResults: [{ Container: { Format: "mp3", Duration: 3, Tracks: [{ Index: 1, TrackType: "audio", Codec: "MP3" }] } }],
    });
    const reading = await new MediaConvertSourceProbe(client).probe("s3://raw/uploads/a.mp4");
    expect(sent).toEqual([{ InputFiles: [{ FileUrl: "s3://raw/uploads/a.mp4" }] }]);
    expect(reading).toEqual({ readable: true, facts: { container: "mp3", video: undefined, audioTrackCount: 1, durationSeconds: 3 } });
  });

  it("reads a file MediaConvert refuses, or cannot find, as unreadable", async () => {
    for (const error of [
      new BadRequestException({ message: "unsupported input", ...metadata }),
      new NotFoundException({ message: "no such key", ...metadata }),
    ]) {
      const reading = await new MediaConvertSourceProbe(clientAnswering(error).client).probe("s3://raw/uploads/b.mp4");
      expect(reading).toEqual({ readable: false, detail: expect.stringContaining(error.message) });
    }
  });

  it("keeps throttling and missing permissions as errors, so the event is retried and then kept", async () => {
    for (const error of [
      new TooManyRequestsException({ message: "slow down", ...metadata }),
      new ForbiddenException({ message: "not allowed", ...metadata }),
    ]) {
      await expect(new MediaConvertSourceProbe(clientAnswering(error).client).probe("s3://raw/uploads/c.mp4")).rejects.toBe(error);
    }
  });
});
