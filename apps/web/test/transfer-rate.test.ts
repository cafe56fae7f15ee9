import { describe, expect, it } from "vitest";
import { TransferRate } from "../src/upload/transfer-rate.js";

describe("TransferRate", () => {
  it("knows nothing before enough time has passed", () => {
    const rate = new TransferRate();
    expect(rate.bytesPerSecond()).toBeUndefined();
    rate.sample(0, 0);
    rate.sample(100, 1_000_000);
    expect(rate.bytesPerSecond()).toBeUndefined();
    expect(rate.secondsLeft(10_000_000)).toBeUndefined();
  });

  it("measures speed and time left from the samples", () => {
    const rate = new TransferRate();
    rate.sample(0, 0);
    rate.sample(1_000, 2_000_000);
    rate.sample(2_000, 4_000_000);
    expect(rate.bytesPerSecond()).toBe(2_000_000);
    expect(rate.secondsLeft(10_000_000)).toBe(3);
  });

  it("follows a change of speed within its window", () => {
    const rate = new TransferRate(2_000);
    for (let second = 0; second <= 10; second++) rate.sample(second * 1000, second * 1_000_000);
    for (let second = 11; second <= 14; second++) rate.sample(second * 1000, 10_000_000 + (second - 10) * 100_000);
    expect(rate.bytesPerSecond()).toBeCloseTo(100_000, -3);
  });

  it("does not count bytes a resume found stored as speed", () => {
    const rate = new TransferRate();
    rate.sample(0, 60_000_000); // first report after a resume already includes stored parts
    rate.sample(1_000, 61_000_000);
    expect(rate.bytesPerSecond()).toBe(1_000_000);
  });

  it("starts over after reset", () => {
    const rate = new TransferRate();
    rate.sample(0, 0);
    rate.sample(1_000, 1_000_000);
    rate.reset();
    expect(rate.bytesPerSecond()).toBeUndefined();
  });
});
