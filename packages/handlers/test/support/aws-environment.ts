import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { uploadTableCreateInput } from "@video-platform/shared-types";
import { startMotoServer, startOneAtATime, type RunningMotoServer } from "@video-platform/aws-emulator";
import {
  recordingJobRunner,
  startMediaConvertStandIn,
  type RecordingJobRunner,
  type RunningMediaConvertStandIn,
} from "@video-platform/mediaconvert-stand-in";

export const TEST_TABLE = "MovieUploadStatus";
export const TEST_RAW_BUCKET = "raw-uploads";
export const TEST_PROCESSED_BUCKET = "processed-media";
export const TEST_SITE_URL = "https://video.example.test";
export const TEST_SIGNING_SECRET = "playback-signing-key";

/** The status table as infra defines it: key `FileName`, and the newest-first list indexes. */
export async function createUploadTable(dynamodb: DynamoDBClient, tableName = TEST_TABLE): Promise<void> {
  await dynamodb.send(new CreateTableCommand(uploadTableCreateInput(tableName)));
}

export interface HandlerTestEnvironment {
  readonly moto: RunningMotoServer;
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  stop(): Promise<void>;
}

/**
 * moto_server on a free loopback port, with the raw bucket and the status table, and the process
 * environment pointed at it the way Lambda's would be: SDK clients find it through
 * AWS_ENDPOINT_URL alone. Set before a function module is imported, since they read it once.
 * DynamoDB is reached one request at a time (`startOneAtATime`): moto does not apply concurrent
 * conditional writes atomically, DynamoDB does, and the quota tests send them concurrently.
 */
export async function startHandlerEnvironment(env: Record<string, string> = {}): Promise<HandlerTestEnvironment> {
  const moto = await startMotoServer();
  const dynamodbInOrder = await startOneAtATime(moto.endpoint);
  Object.assign(process.env, moto.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamodbInOrder.url,
    UPLOAD_TABLE_NAME: TEST_TABLE,
    RAW_BUCKET_NAME: TEST_RAW_BUCKET,
    PROCESSED_BUCKET_NAME: TEST_PROCESSED_BUCKET,
    SITE_URL: TEST_SITE_URL,
    PLAYBACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    PLAYBACK_PUBLIC_KEY_IDS: "{}",
    PRIVATE_LIVE_PATH_PREFIX: "",
    POWERTOOLS_LOG_LEVEL: "SILENT",
    ...env,
  });
  const s3 = new S3Client({});
  const dynamodb = new DynamoDBClient({});
  try {
    await s3.send(new CreateBucketCommand({ Bucket: TEST_RAW_BUCKET }));
    await s3.send(new CreateBucketCommand({ Bucket: TEST_PROCESSED_BUCKET }));
    await createUploadTable(dynamodb);
  } catch (error) {
    await dynamodbInOrder.close();
    await moto.stop();
    throw error;
  }
  return {
    moto,
    s3,
    dynamodb,
    async stop() {
      s3.destroy();
      dynamodb.destroy();
      await dynamodbInOrder.close();
      await moto.stop();
    },
  };
}

export interface TranscodingTestEnvironment extends HandlerTestEnvironment {
  /** The local MediaConvert: Probe reads the raw bucket with ffprobe; jobs are recorded, not run. */
  readonly mediaconvert: RunningMediaConvertStandIn;
  readonly runner: RecordingJobRunner;
}

/**
 * `startHandlerEnvironment` with the local MediaConvert beside moto, and the process environment
 * pointed at it (AWS_ENDPOINT_URL_MEDIACONVERT), for the functions that probe, submit or cancel jobs.
 */
export async function startTranscodingEnvironment(env: Record<string, string>): Promise<TranscodingTestEnvironment> {
  const environment = await startHandlerEnvironment(env);
  const runner = recordingJobRunner();
  let mediaconvert: RunningMediaConvertStandIn;
  try {
    mediaconvert = await startMediaConvertStandIn({ runner, s3: environment.s3 });
  } catch (error) {
    await environment.stop();
    throw error;
  }
  process.env["AWS_ENDPOINT_URL_MEDIACONVERT"] = mediaconvert.endpoint;
  return {
    ...environment,
    mediaconvert,
    runner,
    async stop() {
      await environment.stop();
      await mediaconvert.stop();
    },
  };
}
