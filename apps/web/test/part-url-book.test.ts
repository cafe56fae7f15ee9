import { describe, expect, it } from "vitest";
import { PartUrlBook, type SignedParts } from "../src/upload/part-url-book.js";

const iso = (ms: number) => new Date(ms).toISOString();

function signer(now: () => number, lifetimeMs = 900_000) {
  const requests: number[][] = [];
  const sign = async (partNumbers: number[]): Promise<SignedParts> => {
    requests.push(partNumbers);
    return {
      parts: partNumbers.map((partNumber) => ({ partNumber, url: `https://raw.example/p${partNumber}?v=${requests.length}` })),
      expiresAt: iso(now() + lifetimeMs),
    };
  };
  return { requests, sign };
}

describe("PartUrlBook", () => {
  it("hands out the URLs that came with the upload without asking again", async () => {
    const now = 0;
    const { requests, sign } = signer(() => now);
    const book = new PartUrlBook({ partCount: 3, sign, now: () => now });
    book.seed({ parts: [1, 2, 3].map((n) => ({ partNumber: n, url: `https://raw.example/seed${n}` })), expiresAt: iso(900_000) });
    await expect(book.urlFor(2)).resolves.toBe("https://raw.example/seed2");
    expect(requests).toEqual([]);
  });

  it("after a reload, asks once for a batch of the parts still missing", async () => {
    const now = 0;
    const { requests, sign } = signer(() => now);
    const book = new PartUrlBook({ partCount: 8, sign, now: () => now });
    book.markStored([1, 2, 5]);
    const urls = await Promise.all([3, 4, 6].map((n) => book.urlFor(n)));
    expect(urls).toEqual(["https://raw.example/p3?v=1", "https://raw.example/p4?v=1", "https://raw.example/p6?v=1"]);
    expect(requests).toEqual([[3, 4, 6, 7, 8]]);
  });

  it("replaces URLs close to expiry", async () => {
    let now = 0;
    const { requests, sign } = signer(() => now);
    const book = new PartUrlBook({ partCount: 2, sign, now: () => now, expiryMarginMs: 60_000 });
    book.seed({ parts: [{ partNumber: 1, url: "https://raw.example/old" }, { partNumber: 2, url: "https://raw.example/old2" }], expiresAt: iso(900_000) });
    now = 850_000; // 50 s before expiry: a long part would not finish in time
    await expect(book.urlFor(1)).resolves.toBe("https://raw.example/p1?v=1");
    expect(requests).toEqual([[1, 2]]);
    await expect(book.urlFor(2)).resolves.toBe("https://raw.example/p2?v=1");
    expect(requests).toHaveLength(1);
  });

  it("keeps batches within the API's limit", async () => {
    const { requests, sign } = signer(() => 0);
    const book = new PartUrlBook({ partCount: 250, sign, now: () => 0, batchSize: 100 });
    await book.urlFor(1);
    await book.urlFor(101);
    expect(requests.map((batch) => [batch[0], batch.at(-1), batch.length])).toEqual([
      [1, 100, 100],
      [101, 200, 100],
    ]);
  });

  it("fails when the API does not sign the part, and lets a later call try again", async () => {
    let calls = 0;
    const book = new PartUrlBook({
      partCount: 1,
      now: () => 0,
      sign: async () => {
        calls++;
        if (calls === 1) throw new Error("busy");
        return { parts: [], expiresAt: iso(900_000) };
      },
    });
    await expect(book.urlFor(1)).rejects.toThrow("busy");
    await expect(book.urlFor(1)).rejects.toThrow(/no URL for part 1/);
  });
});
