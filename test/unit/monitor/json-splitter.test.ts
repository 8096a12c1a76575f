// QMP's input framing: a stream of JSON values with nothing between them but whitespace, cut
// into values wherever the chunks happen to end (QEMU's json-streamer does the same).
import { describe, it, expect } from "vitest";
import { JsonSplitter } from "../../../machines/qmp/json-splitter.js";

function split(chunks: string[]): { values: string[]; overflows: number } {
  const values: string[] = [];
  let overflows = 0;
  const s = new JsonSplitter((v) => values.push(v), () => overflows++);
  for (const c of chunks) s.push(c);
  return { values, overflows };
}

const INPUT = '{"execute": "qmp_capabilities"}\r\n{"execute":"migrate","arguments":{"uri":"exec:cat > \\"a}b\\".snap"}}  [1, {"x": []}]\t"str{"\n42 true {"id":"\\\\"}';
const VALUES = [
  '{"execute": "qmp_capabilities"}',
  '{"execute":"migrate","arguments":{"uri":"exec:cat > \\"a}b\\".snap"}}',
  '[1, {"x": []}]',
  '"str{"',
  "42",
  "true",
  '{"id":"\\\\"}',
];

describe("JsonSplitter", () => {
  it("cuts a stream into its top-level values: objects, arrays, strings with brackets and escapes inside, bare words", () => {
    const { values } = split([INPUT]);
    expect(values).toEqual(VALUES);
    for (const v of values) expect(() => JSON.parse(v)).not.toThrow();
  });

  it("gives the same values whatever the chunk boundaries (byte by byte, and every two-way cut)", () => {
    expect(split([...INPUT]).values).toEqual(VALUES);
    for (let i = 0; i <= INPUT.length; i++) expect(split([INPUT.slice(0, i), INPUT.slice(i)]).values, `cut at ${i}`).toEqual(VALUES);
  });

  it("waits for the end of a value: an open brace, an open string, a bare word at the end of the input", () => {
    expect(split(['{"execute": "st']).values).toEqual([]);
    expect(split(['{"execute": "stop"']).values).toEqual([]);
    expect(split(["12"]).values).toEqual([]);
    expect(split(["12", "3 "]).values).toEqual(["123"]);
    expect(split(["  \r\n\t "]).values).toEqual([]);
  });

  it("hands over malformed text as a value for JSON.parse to refuse (a stray close, a broken object)", () => {
    expect(split(["}"]).values).toEqual(["}"]);
    const { values } = split(['{"a" 1}{"execute":"cont"}']);
    expect(values).toEqual(['{"a" 1}', '{"execute":"cont"}']);
    expect(() => JSON.parse(values[0])).toThrow();
  });

  it("refuses an unfinished value above 16 MiB once, then reads the next values", () => {
    const big = `{"x": [${"1,".repeat((JsonSplitter.MAX_VALUE >> 1) + 8)}`;
    const { values, overflows } = split([big, ' {"execute":"stop"}']);
    expect(overflows).toBe(1);
    expect(values).toEqual(['{"execute":"stop"}']);
  });
});
