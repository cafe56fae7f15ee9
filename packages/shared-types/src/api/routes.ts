/**
 * The HTTP routes of the two APIs, as API Gateway route keys. Infra creates exactly these, the
 * handlers dispatch on them, and the local API front serves them.
 */
export const UPLOAD_API_ROUTES = {
  createUpload: "POST /uploads",
  listStoredParts: "GET /uploads/{uploadId}/parts",
  signParts: "POST /uploads/{uploadId}/parts",
  completeUpload: "POST /uploads/{uploadId}/complete",
  abortUpload: "DELETE /uploads/{uploadId}",
} as const;

export const STATUS_API_ROUTES = {
  getStatus: "GET /status/{uploadId}",
  listStatuses: "GET /status",
} as const;

export type UploadApiRoute = (typeof UPLOAD_API_ROUTES)[keyof typeof UPLOAD_API_ROUTES];
export type StatusApiRoute = (typeof STATUS_API_ROUTES)[keyof typeof STATUS_API_ROUTES];
