import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { AdminCreateUserCommand, CognitoIdentityProviderClient, CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { startMotoServer, type RunningMotoServer } from "@video-platform/aws-emulator";
import { UPLOAD_TABLE, uploadTableCreateInput } from "@video-platform/shared-types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../scripts/adopt-uploads.js";

const script = fileURLToPath(new URL("../../scripts/adopt-uploads.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
const ADMIN_EMAIL = "ops@studio.example";

let moto: RunningMotoServer;
let dynamodb: DynamoDBClient;
let cognito: CognitoIdentityProviderClient;
let poolId: string;
let adminSub: string;
let table: string;
let counter = 0;
const savedEnv = { ...process.env };

beforeAll(async () => {
  moto = await startMotoServer();
  // The script uses the SDK's standard chain: these stand for an operator's profile.
  Object.assign(process.env, moto.env);
  const clientConfig = { endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } };
  dynamodb = new DynamoDBClient(clientConfig);
  cognito = new CognitoIdentityProviderClient(clientConfig);
  const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "vp-test", UsernameAttributes: ["email"] }));
  poolId = UserPool?.Id ?? "";
  const { User } = await cognito.send(
    new AdminCreateUserCommand({ UserPoolId: poolId, Username: ADMIN_EMAIL, UserAttributes: [{ Name: "email", Value: ADMIN_EMAIL }], MessageAction: "SUPPRESS" }),
  );
  adminSub = User?.Attributes?.find((attribute) => attribute.Name === "sub")?.Value ?? "";
});

afterAll(async () => {
  process.env = savedEnv;
  dynamodb?.destroy();
  cognito?.destroy();
  await moto?.stop();
});

const s = (value: string): AttributeValue => ({ S: value });

/** A table as infra creates it: two uploads from before accounts, one owned upload, one usage counter. */
beforeEach(async () => {
  table = `vp-test-uploads-${++counter}`;
  await dynamodb.send(new CreateTableCommand(uploadTableCreateInput(table)));
  const upload = (id: string, createdAt: string, owner?: string): Record<string, AttributeValue> => ({
    FileName: s(`uploads/${id}.mp4`),
    UploadId: s(`${id}.mp4`),
    OriginalFileName: s(`${id}-holiday.mp4`),
    Status: s("COMPLETE"),
    ListPartition: s(UPLOAD_TABLE.listPartitionValue),
    CreatedAt: s(createdAt),
    ...(owner === undefined ? {} : { OwnerId: s(owner), OwnerEmail: s("lin@studio.example") }),
  });
  for (const item of [
    upload("00000000-0000-4000-8000-00000000000b", "2026-02-01T00:00:00.000Z"),
    upload("00000000-0000-4000-8000-00000000000a", "2026-01-01T00:00:00.000Z"),
    upload("00000000-0000-4000-8000-00000000000c", "2026-03-01T00:00:00.000Z", "sub-lin"),
    { FileName: s("usage/sub-lin/2026-03-01"), BytesStarted: { N: "100" } },
  ]) {
    await dynamodb.send(new PutItemCommand({ TableName: table, Item: item }));
  }
});

const args = (...more: string[]) => ["--table", table, "--user-pool", poolId, "--owner-email", ADMIN_EMAIL, "--endpoint", moto.endpoint, "--region", "us-east-1", ...more];
const ownerOf = async (key: string) =>
  (await dynamodb.send(new GetItemCommand({ TableName: table, Key: { FileName: s(key) } }))).Item?.["OwnerId"]?.S;
/** "My uploads" as the handlers read them: the owner index, newest first. */
const listedFor = async (sub: string) =>
  (
    await dynamodb.send(
      new QueryCommand({
        TableName: table,
        IndexName: UPLOAD_TABLE.ownerIndexName,
        KeyConditionExpression: "#owner = :sub",
        ExpressionAttributeNames: { "#owner": UPLOAD_TABLE.ownerKey },
        ExpressionAttributeValues: { ":sub": s(sub) },
        ScanIndexForward: false,
      }),
    )
  ).Items?.map((item) => item["FileName"]?.S);

describe("adopt-uploads: giving the uploads from before accounts to one person", () => {
  it("lists them without --apply, oldest first, and changes nothing", async () => {
    const output = await main(args());
    expect(output.split("\n")).toEqual([
      `2 upload(s) have no owner; with --apply they go to ${ADMIN_EMAIL} (${adminSub}):`,
      "  uploads/00000000-0000-4000-8000-00000000000a.mp4  COMPLETE  2026-01-01T00:00:00.000Z  00000000-0000-4000-8000-00000000000a-holiday.mp4",
      "  uploads/00000000-0000-4000-8000-00000000000b.mp4  COMPLETE  2026-02-01T00:00:00.000Z  00000000-0000-4000-8000-00000000000b-holiday.mp4",
    ]);
    expect(await ownerOf("uploads/00000000-0000-4000-8000-00000000000a.mp4")).toBeUndefined();
    expect(await listedFor(adminSub)).toEqual([]);
  });

  it("with --apply gives exactly those to the person, who then finds them in their own list; someone else's upload and the usage counter stay as they were", async () => {
    expect((await main(args("--apply"))).split("\n")[0]).toBe(`Gave 2 upload(s) to ${ADMIN_EMAIL} (${adminSub}).`);
    expect(await listedFor(adminSub)).toEqual([
      "uploads/00000000-0000-4000-8000-00000000000b.mp4",
      "uploads/00000000-0000-4000-8000-00000000000a.mp4",
    ]);
    expect(await ownerOf("uploads/00000000-0000-4000-8000-00000000000c.mp4")).toBe("sub-lin");
    expect(await ownerOf("usage/sub-lin/2026-03-01")).toBeUndefined();
    const adopted = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { FileName: s("uploads/00000000-0000-4000-8000-00000000000a.mp4") } }));
    expect(adopted.Item?.["OwnerEmail"]?.S).toBe(ADMIN_EMAIL);
    // Twice is once.
    expect(await main(args("--apply"))).toBe("Every upload has an owner: nothing to adopt.");
  });

  it("refuses plainly: an unknown person, a missing table, missing options; and adopts nothing then", async () => {
    await expect(main([...args().slice(0, 4), "--owner-email", "nobody@studio.example", "--endpoint", moto.endpoint, "--apply"])).rejects.toThrow(
      `no user nobody@studio.example in user pool ${poolId}`,
    );
    await expect(main(["--table", "no-such-table", ...args().slice(2)])).rejects.toThrow("table no-such-table not found");
    await expect(main(["--table", table])).rejects.toThrow(/^usage: adopt-uploads/);
    await expect(main([...args(), "--force"])).rejects.toThrow(/Unknown option '--force'/);
    expect(await ownerOf("uploads/00000000-0000-4000-8000-00000000000a.mp4")).toBeUndefined();
  });

  it("runs as a command: the report on stdout, a refusal on stderr with exit code 1", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(tsx, [script, ...args()]);
    expect(stdout).toContain("2 upload(s) have no owner");
    const failed = await run(tsx, [script, "--table", table]).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/^usage: adopt-uploads/) });
  }, 30_000);
});
