import { describe, expect, it } from "vitest";
import { Listeners } from "../src/store/listeners.js";

describe("Listeners", () => {
  it("tells every listener of each change until it stops listening, or all are cleared", () => {
    const listeners = new Listeners<number>();
    const heard: string[] = [];
    const stopA = listeners.add((value) => heard.push(`a${value}`));
    listeners.add((value) => heard.push(`b${value}`));
    listeners.emit(1);
    stopA();
    listeners.emit(2);
    listeners.clear();
    listeners.emit(3);
    expect(heard).toEqual(["a1", "b1", "b2"]);
  });
});
