// 16-bit Thumb instructions and IT blocks against qemu-arm 7.2 (t16-qemu-vectors.json): each
// snippet runs from r0..r11 and the flags QEMU started from; r0..r11 and N Z C V Q must match.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { makeHarness, poke16, RAM_BASE } from "../../../helpers/core-harness.js";
import { t16Cases, casesHash } from "./t16-cases.js";

const here = dirname(fileURLToPath(import.meta.url));
const vec = JSON.parse(readFileSync(join(here, "t16-qemu-vectors.json"), "utf8")) as {
  casesHash: string; snippets: string[]; code: string[]; results: string[];
};
const cases = t16Cases();
const hex = (v: number) => (v >>> 0).toString(16).padStart(8, "0");

describe("T16 and IT blocks vs qemu-arm", () => {
  it("vectors are current", () => {
    expect(vec.casesHash).toBe(casesHash(cases));
    expect(vec.results.length).toBe(cases.length);
  });

  it("every case matches QEMU", () => {
    const h = makeHarness();
    const failures: string[] = [];
    cases.forEach((c, i) => {
      const s = vec.snippets.indexOf(c.asm);
      const code = vec.code[s].split(" ").map((x) => parseInt(x, 16));
      poke16(h, RAM_BASE, ...code);
      h.core.setCpsr(((c.in[12] & 0xf8000000) | 0x1f3 | 0x20) >>> 0);
      for (let r = 0; r < 12; r++) h.core.setReg(r, c.in[r]);
      h.core.setReg(13, RAM_BASE + 0x8000); // for PUSH/POP
      h.core.setReg(15, RAM_BASE);
      const end = RAM_BASE + 2 * code.length;
      for (let n = 0; n < 64 && h.core.getReg(15) >>> 0 !== end; n++) h.core.run(1);
      const want = vec.results[i].split(" ").map((x) => parseInt(x, 16));
      const got = [...h.regs().slice(0, 12), h.core.getCpsr() >>> 0];
      const ok = h.core.getReg(15) >>> 0 === end && got.slice(0, 12).every((v, k) => v === want[k]) &&
        ((got[12] ^ want[12]) & 0xf8000000) === 0 && (got[12] & 0x0600fc00) === 0;
      if (!ok) failures.push(`${JSON.stringify(c.asm)} in ${c.in.map(hex).join(" ")}\n  want ${want.map(hex).join(" ")}\n  got  ${got.map(hex).join(" ")} pc ${hex(h.core.getReg(15))}`);
    });
    expect(failures.slice(0, 10).join("\n")).toBe("");
  });
});
