import { PLATFORM_APIS, routeKeysOf } from "../topology/http-apis.js";

/**
 * The route keys of the two APIs, by route name: what the handlers dispatch on and the web app
 * calls. The routes themselves (and the function behind each) are the topology's.
 */
export const UPLOAD_API_ROUTES = routeKeysOf(PLATFORM_APIS.MovieUploadApi);
export const STATUS_API_ROUTES = routeKeysOf(PLATFORM_APIS.MovieStatusApi);
