import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** The JSON body of one CreateJob request, as the SDK put it on the wire (camelCase members). */
export type CreateJobBody = Record<string, unknown> & { clientRequestToken?: string };

export interface FakeMediaConvert {
  readonly endpoint: string;
  /** Every CreateJob request received, in order. */
  readonly createJobRequests: CreateJobBody[];
  /** The jobs that exist: one per ClientRequestToken, as MediaConvert's idempotency promises. */
  readonly jobs: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A stand-in for MediaConvert's CreateJob on a free loopback port, for tests that point
 * AWS_ENDPOINT_URL_MEDIACONVERT at it and then look at exactly what the SDK sent.
 */
export async function startFakeMediaConvert(): Promise<FakeMediaConvert> {
  const createJobRequests: CreateJobBody[] = [];
  const jobs = new Map<string, string>();
  const server = createServer((request, response) => {
    void (async () => {
      const text = await bodyOf(request);
      if (request.method !== "POST" || request.url?.split("?")[0] !== "/2017-08-29/jobs") {
        response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "not faked" }));
        return;
      }
      const body = JSON.parse(text) as CreateJobBody;
      createJobRequests.push(body);
      const token = body.clientRequestToken ?? `untokened-${createJobRequests.length}`;
      const id = jobs.get(token) ?? `job-${jobs.size + 1}`;
      jobs.set(token, id);
      response.writeHead(201, { "content-type": "application/json" }).end(
        JSON.stringify({
          job: {
            id,
            arn: `arn:aws:mediaconvert:us-east-1:123456789012:jobs/${id}`,
            status: "SUBMITTED",
            role: body["role"],
            jobTemplate: body["jobTemplate"],
            settings: body["settings"],
            userMetadata: body["userMetadata"],
            createdAt: 1_735_689_600,
          },
        }),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    createJobRequests,
    jobs,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
