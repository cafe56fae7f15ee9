import { createServer, request, type IncomingMessage } from "node:http";
import { listenOnLoopback, type LoopbackListener } from "./loopback-listener.js";

/**
 * moto_server answers requests on parallel threads and does not apply a DynamoDB conditional
 * write atomically across them: two concurrent `ADD ... IF total <= limit` can both pass, where
 * DynamoDB applies writes to one item one after another. Requests sent through this proxy reach
 * moto one at a time (a stronger order than DynamoDB's per item), so concurrent conditional
 * writes are judged as DynamoDB judges them. Point a service's endpoint at it
 * (`AWS_ENDPOINT_URL_DYNAMODB`); never use it for long polls (SQS), which it would hold up.
 */
export async function startOneAtATime(target: string): Promise<LoopbackListener> {
  const upstream = new URL(target);
  let queue: Promise<void> = Promise.resolve();

  const forward = (incoming: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }>((resolve, reject) => {
      const outgoing = request(
        { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on("error", reject);
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });

  const server = createServer((incoming, reply) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const turn = queue.then(() => forward(incoming, Buffer.concat(chunks)));
      queue = turn.then(
        () => undefined,
        () => undefined,
      );
      turn.then(
        (answer) => reply.writeHead(answer.status, answer.headers).end(answer.body),
        (error: unknown) => reply.writeHead(502).end(`one-at-a-time proxy: ${String(error)}`),
      );
    });
  });
  return listenOnLoopback(server);
}
