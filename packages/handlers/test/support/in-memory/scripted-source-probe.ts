import type { ProbeReading } from "@video-platform/shared-types";
import type { SourceProbe } from "../../../src/ports/source-probe.js";

/**
 * `SourceProbe` answering what a test says each file is, and remembering what it was asked.
 * Files it was told nothing about read as Probe reads a missing object: unreadable.
 */
export class ScriptedSourceProbe implements SourceProbe {
  readonly asked: string[] = [];
  private readonly readings = new Map<string, ProbeReading>();

  /** What `fileUrl` is, from now on. */
  answer(fileUrl: string, reading: ProbeReading): this {
    this.readings.set(fileUrl, reading);
    return this;
  }

  async probe(fileUrl: string): Promise<ProbeReading> {
    this.asked.push(fileUrl);
    return this.readings.get(fileUrl) ?? { readable: false, detail: `no such file ${fileUrl}` };
  }
}
