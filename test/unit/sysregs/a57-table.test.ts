// Invariants of the table now that it describes two CPU models and AArch64 views.
import { describe, it, expect } from "vitest";
import { ALL_SYSREGS, SYSREGS, A57_ONLY_SYSREGS, aa64OnlyRegisters, checkSysregs } from "../../../core/sysregs/defs/index.js";
import { cp15, a64Key, type SysregDef, type Aa64OnlyDef } from "../../../core/sysregs/defs/types.js";

const base: SysregDef = { name: "A", aa32: cp15(9, 0, 0, 0), access: { pl1: "rw", pl0: "-" }, kind: "field", migrate: "normal" };

describe("the two-model table", () => {
  it("passes the generator's checks, AArch64-only rows included", () => {
    expect(checkSysregs(ALL_SYSREGS, aa64OnlyRegisters)).toEqual([]);
    expect(A57_ONLY_SYSREGS.every((d) => d.model === "a57")).toBe(true);
    expect(SYSREGS.some((d) => d.model === "a57")).toBe(false);
  });

  it("an encoding may be given to one row per model, not two on the same model", () => {
    expect(checkSysregs([{ ...base, model: "a15" }, { ...base, name: "B", model: "a57" }])).toEqual([]);
    expect(checkSysregs([{ ...base, model: "a15" }, { ...base, name: "B" }])[0]).toMatch(/same encoding/);
  });

  it("flags AArch64 encodings claimed twice, masks a write hook would ignore, dangling views", () => {
    const v = { enc: [3, 0, 1, 0, 0] as [number, number, number, number, number] };
    const only: Aa64OnlyDef = { name: "X", aa64: v.enc, kind: "const", access: { pl1: "r", pl0: "-" } };
    expect(checkSysregs([{ ...base, a64: v }], [only])[0]).toMatch(/same AArch64 encoding/);
    expect(checkSysregs([{ ...base, onWrite: "w", writeMask: 1 }])[0]).toMatch(/writeMask with a write hook/);
    expect(checkSysregs([{ ...base, a64: { ...v, onWrite: "w", writeMask: 1n } }])[0]).toMatch(/view: writeMask/);
    expect(checkSysregs([{ ...base, a64: { ...v, hi: "NOPE" } }])[0]).toMatch(/unknown NOPE/);
  });

  it("every AArch64 key is unique per model and within op0 1..3", () => {
    for (const m of ["a15", "a57"] as const) {
      const keys = [...ALL_SYSREGS.filter((d) => d.a64 && (!d.model || d.model === m)).map((d) => a64Key(d.a64!.enc)),
        ...aa64OnlyRegisters.filter((d) => !d.model || d.model === m).map((d) => a64Key(d.aa64))];
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.every((k) => k >= 0x4000 && k < 0x10000)).toBe(true);
    }
  });
});
