/**
 * CloudFront Function (cloudfront-js-2.0) on the web app's behaviour: a path whose last segment
 * has no file extension is one of the app's own routes, so it gets `index.html`. Done here
 * rather than with custom error responses, which would also turn a missing HLS segment into
 * an HTML page with status 200.
 */
export const SPA_FALLBACK_CODE = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf("/") + 1);
  if (lastSegment.indexOf(".") === -1) {
    request.uri = "/index.html";
  }
  return request;
}
`;
