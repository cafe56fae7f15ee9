import { BadRequestException, NotFoundException, ProbeCommand, type MediaConvertClient } from "@aws-sdk/client-mediaconvert";
import { readProbe, type ProbeReading } from "@video-platform/shared-types";
import type { SourceProbe } from "../ports/source-probe.js";

/**
 * `SourceProbe` on MediaConvert's Probe, which reads the object with the caller's credentials.
 * MediaConvert answers a file it cannot take with `BadRequestException` and a missing one with
 * `NotFoundException`: both become an unreadable reading, which the trigger refuses with a
 * reason. Every other exception (throttling, access denied, an outage) stays an error.
 */
export class MediaConvertSourceProbe implements SourceProbe {
  constructor(private readonly mediaconvert: MediaConvertClient) {}

  async probe(fileUrl: string): Promise<ProbeReading> {
    try {
      return readProbe(await this.mediaconvert.send(new ProbeCommand({ InputFiles: [{ FileUrl: fileUrl }] })));
    } catch (error) {
      if (error instanceof BadRequestException || error instanceof NotFoundException) {
        return { readable: false, detail: `Probe refused ${fileUrl}: ${error.message}` };
      }
      throw error;
    }
  }
}
