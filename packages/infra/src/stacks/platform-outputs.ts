import { TerraformOutput } from "cdktf";
import type { PlatformStack } from "./platform-stack.js";

/** What a deployer reads after an apply (`terraform output`): where things are, and what to fill in. */
export function platformOutputs(stack: PlatformStack): void {
  const output = (name: string, value: string, description: string) => {
    new TerraformOutput(stack, name, { value, description }).overrideLogicalId(name);
  };
  const site = stack.delivery.siteUrl;
  output("site_url", site, "Where viewers open the web app; the APIs are under <site>/api/, the media under <site>/vod/");
  output("cloudfront_domain_name", stack.delivery.domainName, "Domain name of the CloudFront distribution");
  output("cloudfront_distribution_id", stack.delivery.distribution.id, "For cache invalidations");
  output("upload_api_url", stack.uploadApi.url, "MovieUploadApi's own endpoint (the web app calls <site>/api/uploads; a token is needed either way)");
  output("status_api_url", stack.statusApi.url, "MovieStatusApi's own endpoint (the web app calls <site>/api/status and /api/videos)");
  output("user_pool_id", stack.identity.userPoolId, "Cognito user pool: aws cognito-idp admin-create-user --user-pool-id <this>");
  output("user_pool_web_client_id", stack.identity.webClientId, "The web app's public app client");
  output("user_pool_admin_group", stack.identity.adminGroupName, "Members act on every upload: aws cognito-idp admin-add-user-to-group");
  output("playback_signing_secret", stack.playbackKeys.secretName, "Secret to fill with playback-signing-key generate --secret <this>");
  output("raw_bucket_name", stack.storage.raw.name, "RawBucket");
  output("processed_bucket_name", stack.storage.processed.name, "ProcessedBucket");
  output("web_bucket_name", stack.storage.web.name, "WebBucket");
  output("status_table_name", stack.statusTable.name, "MovieUploadStatus table");
  output("mediaconvert_job_template", stack.vod.jobTemplate.name, "MediaConvert job template name");
  output("mediaconvert_queue_arn", stack.transcodingQueue.arn, "This environment's MediaConvert queue");
  output("edge_log_bucket_name", stack.edgeLogging.bucket.name, "CloudFront access logs");
  output("alarm_topic_arn", stack.monitoring.topic.arn, "SNS topic the alarms notify");
  const { live } = stack;
  if (live) {
    output("live_srt_ingest_urls", live.srtIngestUrls, "Where the encoder pushes SRT (comma-separated, one per pipeline: a STANDARD channel needs a stream to each)");
    output("live_srt_passphrase_secret", live.passphraseSecretName, "Secrets Manager secret to fill with the SRT passphrase");
    output("live_channel_id", live.channelId, "MediaLive channel: aws medialive start-channel / stop-channel --channel-id");
    output("live_hls_url", `${site}${live.hlsPath}`, "Live HLS playback through CloudFront");
    output("live_dash_url", `${site}${live.dashPath}`, "Live DASH playback through CloudFront");
  }
}
