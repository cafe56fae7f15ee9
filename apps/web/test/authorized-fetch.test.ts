import { afterEach, describe, expect, it } from "vitest";
import { ApiError, SIGN_IN_AGAIN_MESSAGE } from "../src/api/api-errors.js";
import { authorizedFetch, type AccessTokenSource } from "../src/api/authorized-fetch.js";
import { createStatusApi } from "../src/api/status-api.js";
import { createUploadApi } from "../src/api/upload-api.js";
import { SessionController } from "../src/auth/session-controller.js";
import { ADA, FakeIdentity } from "./fake-identity.js";
import { uploadId } from "./fixtures.js";

interface Sent {
  readonly url: string;
  readonly headers: Headers;
}

function server(respond: () => Response) {
  const sent: Sent[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    sent.push({ url, headers: new Headers(init?.headers) });
    return respond();
  };
  return { sent, fetchFn };
}

function tokens(token: string | undefined) {
  const rejected: string[] = [];
  const source: AccessTokenSource = { accessToken: async () => token, tokenRejected: (refused) => rejected.push(refused) };
  return { rejected, source };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const item = { uploadId, deleted: true };

describe("API calls with the session's token", () => {
  it("carry Authorization: Bearer <access token>, besides their own headers", async () => {
    const { sent, fetchFn } = server(() => json(201, { uploadId, aborted: true }));
    const api = createUploadApi("https://app.example", authorizedFetch(fetchFn, tokens("token-1").source));
    await api.abortUpload(uploadId);
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer token-1");
    expect(sent[0]?.headers.get("accept")).toBe("application/json");
  });

  it("turn a 401 into 'sign in again' and tell the session which token was refused", async () => {
    // API Gateway's JWT authorizer answers with its own body, not ours.
    const { fetchFn } = server(() => json(401, { message: "Unauthorized" }));
    const { rejected, source } = tokens("token-1");
    const error = await createStatusApi("https://app.example", authorizedFetch(fetchFn, source))
      .getStatus(uploadId)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, needsSignIn: true, message: SIGN_IN_AGAIN_MESSAGE });
    expect(rejected).toEqual(["token-1"]);
  });

  it("are not sent at all while nobody is signed in", async () => {
    const { sent, fetchFn } = server(() => json(200, item));
    const error = await createStatusApi("https://app.example", authorizedFetch(fetchFn, tokens(undefined).source))
      .deleteVideo(uploadId)
      .catch((e: unknown) => e);
    expect(sent).toEqual([]);
    expect(error).toMatchObject({ status: 401, code: "SIGNED_OUT", needsSignIn: true });
  });

  it("turn a 429 into the server's message, which limit, and when to ask again", async () => {
    const message = "This upload would bring what you started today to 201 GiB, over the daily limit of 200 GiB. The limit starts again at 00:00 UTC.";
    const { fetchFn } = server(() => json(429, { error: { code: "quota_exceeded", message, limit: "daily-bytes" } }, { "retry-after": "3600" }));
    const api = createUploadApi("https://app.example", authorizedFetch(fetchFn, tokens("t").source));
    const error = await api.createUpload({ fileName: "big.mp4", contentType: "video/mp4", sizeBytes: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: "quota_exceeded", message, limit: "daily-bytes", retryAfterSeconds: 3600, isTransient: true });
  });
});

describe("API calls and the session together", () => {
  let session: SessionController | undefined;
  afterEach(() => session?.stop());

  it("end the session on a 401, and are refused at once until someone signs in again", async () => {
    const identity = new FakeIdentity({ "ada@example.com": { ...ADA } });
    session = new SessionController({ provider: async () => identity });
    await session.start();
    await session.dispatch({ type: "SUBMIT_PASSWORD", email: "ada@example.com", password: ADA.password });
    let answer = json(401, { message: "Unauthorized" });
    const { sent, fetchFn } = server(() => answer);
    const api = createStatusApi("https://app.example", authorizedFetch(fetchFn, session));

    await expect(api.getStatus(uploadId)).rejects.toMatchObject({ status: 401 });
    expect(session.state).toMatchObject({ name: "signed-out", notice: "session-ended" });
    await expect(api.getStatus(uploadId)).rejects.toMatchObject({ code: "SIGNED_OUT" });
    expect(sent).toHaveLength(1);

    await session.dispatch({ type: "SUBMIT_PASSWORD", email: "ada@example.com", password: ADA.password });
    answer = json(200, item);
    await expect(api.deleteVideo(uploadId)).resolves.toEqual(item);
    expect(sent[1]?.headers.get("authorization")).toMatch(/^Bearer access-sub-ada-/);
  });
});
