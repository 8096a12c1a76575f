// The testdev chardev's parser (QEMU chardev/testdev.c): packets `[spaces][digits][spaces]C`, 'q'
// exits with (N << 1) | 1, other commands are eaten, incomplete packets wait for more bytes.
import { describe, it, expect } from "vitest";
import { TestdevParser, TESTDEV_BUF_SIZE } from "../../../machines/chardev/testdev.js";

/** Feed the chunks; the exit statuses reported (at most one) and the log. */
function feed(...chunks: string[]) {
  const exits: number[] = [];
  const logs: string[] = [];
  const p = new TestdevParser((s) => exits.push(s), (m) => logs.push(m));
  for (const c of chunks) p.write(new TextEncoder().encode(c));
  return { exits, logs };
}

describe("testdev parser", () => {
  it("'<N>q' exits with (N << 1) | 1", () => {
    expect(feed("3q").exits).toEqual([7]);
    expect(feed("0q").exits).toEqual([1]);
    expect(feed("q").exits).toEqual([1]);
    expect(feed("12q").exits).toEqual([25]);
  });

  it("the status is what a process exit keeps: the low 8 bits", () => {
    expect(feed("200q").exits).toEqual([401 & 0xff]);
    // C int arithmetic: 4294967299 wraps to 3.
    expect(feed("4294967299q").exits).toEqual([7]);
  });

  it("spaces around the number, and packets split across writes", () => {
    expect(feed(" \t3 \n q").exits).toEqual([7]);
    expect(feed("  3", " ", "q").exits).toEqual([7]);
    expect(feed("1", "2", "q").exits).toEqual([25]);
  });

  it("other commands are consumed and ignored, then parsing goes on", () => {
    expect(feed("4x").exits).toEqual([]);
    expect(feed("4x3q").exits).toEqual([7]);
    expect(feed("hello world\n", "5q").exits).toEqual([11]);
  });

  it("an incomplete packet waits: digits or spaces alone do nothing", () => {
    expect(feed("42").exits).toEqual([]);
    expect(feed("   ").exits).toEqual([]);
  });

  it("nothing after the exit is interpreted", () => {
    expect(feed("3q1q").exits).toEqual([7]);
    expect(feed("3q", "1q").exits).toEqual([7]);
  });

  it("a full buffer with no complete packet is dropped (QEMU would spin forever), then parsing goes on", () => {
    const r = feed("1".repeat(TESTDEV_BUF_SIZE), "0", "3q");
    expect(r.exits).toEqual([7]);
    expect(r.logs.join()).toMatch(/dropped 32 bytes/);
    expect(feed(" ".repeat(40) + "3q").exits).toEqual([7]);
  });
});
