import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { STATUS_API_ROUTES, parseFunctionEnv } from "@video-platform/shared-types";
import { CloudFrontPlaybackSigner } from "../adapters/cloudfront-playback-signer.js";
import { DynamoDbUploadTable } from "../adapters/dynamodb-upload-table.js";
import { SecretsManagerSigningKeys } from "../adapters/secrets-manager-signing-keys.js";
import { apiHandler, uploadIdParameter, type RoutesOf } from "../http/api-gateway.js";
import { functionLogger } from "../logging.js";
import { PlaybackGrants } from "../use-cases/playback-grants.js";
import { signedPosterLinks } from "../use-cases/signed-poster-links.js";
import { UploadQueries } from "../use-cases/upload-queries.js";

const config = parseFunctionEnv("QueryUploadStatus", process.env);
const logger = functionLogger("QueryUploadStatus");
const table = new DynamoDbUploadTable(new DynamoDBClient({}), config.UPLOAD_TABLE_NAME);
const signer = new CloudFrontPlaybackSigner(
  new SecretsManagerSigningKeys(new SecretsManagerClient({}), config.PLAYBACK_SIGNING_SECRET),
  config.PLAYBACK_PUBLIC_KEY_IDS,
);
const queries = new UploadQueries(table, signedPosterLinks({ signer, siteUrl: config.SITE_URL }));
const playback = new PlaybackGrants({
  table,
  signer,
  siteUrl: config.SITE_URL,
  privateLivePathPrefix: config.PRIVATE_LIVE_PATH_PREFIX,
});

const routes: RoutesOf<"QueryUploadStatus"> = {
  [STATUS_API_ROUTES.getStatus]: async (event, caller) => ({
    statusCode: 200,
    body: await queries.status(caller, uploadIdParameter(event)),
  }),
  [STATUS_API_ROUTES.listStatuses]: async (event, caller) => ({
    statusCode: 200,
    body: await queries.list(caller, event.queryStringParameters),
  }),
  [STATUS_API_ROUTES.grantPlayback]: async (event, caller) => ({
    statusCode: 200,
    ...(await playback.video(caller, uploadIdParameter(event))),
  }),
  [STATUS_API_ROUTES.grantLivePlayback]: async () => ({ statusCode: 200, ...(await playback.live()) }),
  [STATUS_API_ROUTES.endPlayback]: (event) => Promise.resolve({ statusCode: 200, ...playback.endVideo(uploadIdParameter(event)) }),
  [STATUS_API_ROUTES.endLivePlayback]: () => Promise.resolve({ statusCode: 200, ...playback.endLive() }),
};

/** `MovieStatusApi`: uploads' status (with signed poster URLs), one or a page newest first, and playback cookies given and taken back. */
export const handler = apiHandler(logger, routes);
