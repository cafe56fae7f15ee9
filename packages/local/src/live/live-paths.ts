import { LIVE_MANIFEST_NAME, LIVE_PATH_PREFIX } from "@video-platform/shared-types";

/** The local channel's directory under the live prefix, as MediaPackage's `/out/v1/<endpoint>/`. */
export const LOCAL_LIVE_ENDPOINT = "local";
/** Where the local static front serves the live output: the prefix CloudFront's live behaviour routes. */
export const LOCAL_LIVE_PATH_PREFIX = `${LIVE_PATH_PREFIX}${LOCAL_LIVE_ENDPOINT}/`;
/** `config.json`'s `liveHlsPath` on the local platform. */
export const LOCAL_LIVE_HLS_PATH = `${LOCAL_LIVE_PATH_PREFIX}${LIVE_MANIFEST_NAME}.m3u8`;
