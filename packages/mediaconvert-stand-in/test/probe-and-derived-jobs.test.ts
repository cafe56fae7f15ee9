import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CreateJobCommand, GetJobCommand, MediaConvertClient, ProbeCommand } from "@aws-sdk/client-mediaconvert";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startMotoServer, type RunningMotoServer } from "@video-platform/aws-emulator";
import { decideSource, NO_VIDEO_REASON, PREVIEW_FRAME_COUNT, planSourceJob, readProbe, UNREADABLE_REASON } from "@video-platform/shared-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaConvertStandIn, type RunningMediaConvertStandIn } from "../src/index.js";
import { makeTestClip, makeTestSong } from "../src/test-clip.js";

const region = "us-east-1";
const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const ROLE = "arn:aws:iam::123456789012:role/MediaConvertRole";
const UUID = "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

/** Probe through the SDK, as the trigger calls it, and the same reading and decision. */
describe("Probe, and the derived job of what it found, run by ffmpeg", () => {
  let moto: RunningMotoServer;
  let standIn: RunningMediaConvertStandIn;
  let s3: S3Client;
  let mediaConvert: MediaConvertClient;
  let workDir: string;

  beforeAll(async () => {
    moto = await startMotoServer();
    s3 = new S3Client({ endpoint: moto.endpoint, region, credentials, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "raw" }));
    await s3.send(new CreateBucketCommand({ Bucket: "processed" }));
    standIn = await startMediaConvertStandIn({ s3, region, preset: "ultrafast" });
    mediaConvert = new MediaConvertClient({ endpoint: standIn.endpoint, region, credentials });
    workDir = await mkdtemp(join(tmpdir(), "stand-in-probe-"));
  });

  afterAll(async () => {
    mediaConvert?.destroy();
    await standIn?.stop();
    await moto?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  async function put(key: string, body: Buffer | string): Promise<string> {
    await s3.send(new PutObjectCommand({ Bucket: "raw", Key: key, Body: body, ContentType: "video/mp4" }));
    return `s3://raw/${key}`;
  }

  const probe = (fileUrl: string) => mediaConvert.send(new ProbeCommand({ InputFiles: [{ FileUrl: fileUrl }] }));

  it("reports a sideways phone clip's container, tracks, rotation and duration, which read as an upright video", async () => {
    const path = join(workDir, "phone.mov");
    await makeTestClip(path, { seconds: 3, width: 960, height: 540, audio: false, rotation: 90 });
    const url = await put(`uploads/${UUID}.mov`, await readFile(path));
    const answer = await probe(url);
    const result = answer.ProbeResults?.[0];
    expect(result?.Container).toMatchObject({ Format: "quicktime", Duration: 3 });
    expect(result?.Container?.Tracks).toEqual([
      expect.objectContaining({ Index: 1, TrackType: "video", Codec: "AVC", VideoProperties: expect.objectContaining({ Width: 960, Height: 540, Rotation: 90 }) }),
    ]);
    expect(result?.Metadata).toMatchObject({ FileSize: (await readFile(path)).length, MimeType: "video/mp4" });
    expect(result?.Metadata?.LastModified).toBeInstanceOf(Date);
    expect(readProbe(answer)).toMatchObject({ readable: true, facts: { video: { display: { width: 540, height: 960 } }, audioTrackCount: 0 } });
    expect(standIn.received.at(-1)).toEqual({ operation: "Probe", input: { InputFiles: [{ FileUrl: url }] } });
  });

  it("runs that clip's derived job: upright renditions without sound, and a hundred previews with the poster", async () => {
    const url = `s3://raw/uploads/${UUID}.mov`;
    const decision = decideSource(readProbe(await probe(url)));
    if (!decision.accepted) throw new Error(decision.reason);
    const { settings, summary } = planSourceJob(`${UUID}.mov`, { fileInput: url, destination: `s3://processed/vod/${UUID}/` }, decision.source);
    const created = await mediaConvert.send(new CreateJobCommand({ Role: ROLE, Settings: settings }));
    await standIn.idle();
    const job = (await mediaConvert.send(new GetJobCommand({ Id: created.Job?.Id }))).Job;
    expect(job?.Status, job?.ErrorMessage).toBe("COMPLETE");

    const text = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: "processed", Key: key }))).Body?.transformToString() ?? "";
    const master = await text(`vod/${UUID}/${UUID}.m3u8`);
    const resolutions = [...master.matchAll(/RESOLUTION=(\d+)x(\d+)/g)].map((match) => ({ width: Number(match[1]), height: Number(match[2]) }));
    expect(resolutions).toEqual(summary.renditions.map(({ width, height }) => ({ width, height })));
    expect(resolutions).toEqual([{ width: 540, height: 960 }, { width: 360, height: 640 }]);
    expect(master).not.toMatch(/mp4a/);
    // Turned upright, not a landscape picture letterboxed into a portrait frame: no black bars.
    const segment = join(workDir, "segment.ts");
    await writeFile(segment, await (await s3.send(new GetObjectCommand({ Bucket: "processed", Key: `vod/${UUID}/${UUID}_360p_00001.ts` }))).Body!.transformToByteArray());
    const crop = await promisify(execFile)("ffmpeg", ["-hide_banner", "-i", segment, "-vf", "cropdetect=limit=24:round=2:reset=0", "-f", "null", "-"]);
    expect(crop.stderr.match(/crop=[\d:]+/g)?.at(-1)).toBe("crop=360:640:0:0");

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "processed", Prefix: `vod/${UUID}/previews/` }));
    const previews = (listed.Contents ?? []).map((object) => object.Key);
    expect(previews).toHaveLength(PREVIEW_FRAME_COUNT);
    expect(previews).toContain(summary.posterPath);
    const poster = join(workDir, "poster.jpg");
    await writeFile(poster, await (await s3.send(new GetObjectCommand({ Bucket: "processed", Key: summary.posterPath }))).Body!.transformToByteArray());
    const { stdout } = await promisify(execFile)("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", poster]);
    expect(stdout.trim()).toBe("mjpeg,360,640");
    const [, stills] = job?.Settings?.OutputGroups ?? [];
    expect(stills?.Outputs?.[0]?.VideoDescription?.CodecSettings?.Codec).toBe("FRAME_CAPTURE");
  }, 120_000);

  it("reports an MP3 named .mp4 as audio only, and a text file as nothing it recognises", async () => {
    const song = join(workDir, "song.mp3");
    await makeTestSong(song, 2);
    const songReading = readProbe(await probe(await put("uploads/song.mp4", await readFile(song))));
    expect(songReading).toMatchObject({ readable: true, facts: { container: "mp3", video: undefined, audioTrackCount: 1 } });
    expect(decideSource(songReading)).toEqual({ accepted: false, reason: NO_VIDEO_REASON });

    const text = await probe(await put("uploads/list.mp4", "eggs\nmilk\n"));
    expect(text.ProbeResults?.[0]?.Container).toEqual({ Tracks: [] });
    expect(decideSource(readProbe(text))).toEqual({ accepted: false, reason: UNREADABLE_REASON });
  }, 30_000);

  it("answers a missing object with NotFoundException and a request without a file with BadRequestException", async () => {
    await expect(probe("s3://raw/uploads/gone.mp4")).rejects.toMatchObject({ name: "NotFoundException" });
    await expect(mediaConvert.send(new ProbeCommand({ InputFiles: [] }))).rejects.toMatchObject({ name: "BadRequestException" });
  });
});
