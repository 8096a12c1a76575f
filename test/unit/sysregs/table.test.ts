// Invariants of the system-register table and its QEMU 7.2 migration ids.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { SYSREGS, checkSysregs } from "../../../core/sysregs/defs/index.js";
import { mmuRegisters } from "../../../core/sysregs/defs/mmu.js";
import { cp15, cp14, ANY, isWildcard, expandEnc, type SysregDef } from "../../../core/sysregs/defs/types.js";
import { aa32KvmId, aa32FromKvmId, qemuCpregIds, aa64KvmId } from "../../../core/sysregs/keys.js";
import { makeHarness } from "../../helpers/core-harness.js";
import { readQemuFile, keyOf, rd } from "./sysreg-helpers.js";
import { SYSREG_STORAGE } from "../../../core/generated/sysreg-storage.js";
import { S_SYSREGS } from "../../../core/state/layout.js";

const byName = new Map(SYSREGS.map((d) => [d.name, d]));
const reg = (n: string) => { const d = byName.get(n); if (!d) throw new Error(`no ${n}`); return d; };
const mmuNames = new Set(mmuRegisters.map((d) => d.name));
const mine = SYSREGS.filter((d) => !mmuNames.has(d.name));

/** QEMU 7.2's cpreg list of cpu0 on -M virt -cpu cortex-a15 right after reset: id -> value. */
const qemuList = new Map<bigint, bigint>(
  readQemuFile("a15-virt-cpregs.txt").split("\n").filter((l) => /^[46]0/.test(l))
    .map((l) => { const [id, v] = l.split(" "); return [BigInt("0x" + id), BigInt("0x" + v)]; }));

describe("sysreg table invariants", () => {
  it("passes the generator's checks", () => {
    expect(checkSysregs(SYSREGS)).toEqual([]);
  });

  it("the checker catches duplicate encodings, dangling aliases and stateless migration", () => {
    const base: SysregDef = { name: "A", aa32: cp15(9, 0, 0, 0), access: { pl1: "rw", pl0: "-" }, kind: "field", migrate: "normal" };
    expect(checkSysregs([base, { ...base, name: "B" }])[0]).toMatch(/same encoding/);
    expect(checkSysregs([{ ...base, migrate: "alias", aliasOf: "Z" }])[0]).toMatch(/unknown Z/);
    expect(checkSysregs([{ ...base, kind: "const" }])[0]).toMatch(/no storage/);
    expect(checkSysregs([{ ...base, kind: "nop", migrate: "none", aa32: cp15(9, ANY, 0, 0) },
      { ...base, name: "W2", kind: "nop", migrate: "none", aa32: cp15(9, 1, 0, ANY) }])[0]).toMatch(/overlaps wildcard/);
  });

  it("exact encodings are unique and every alias names an owner with state", () => {
    const seen = new Map<number, string>();
    for (const d of SYSREGS) {
      if (isWildcard(d.aa32)) continue;
      const k = keyOf(d.aa32);
      expect(seen.get(k), `${d.name} vs ${seen.get(k)}`).toBeUndefined();
      seen.set(k, d.name);
      if (d.migrate === "alias") {
        const owner = reg(d.aliasOf!);
        expect(["field", "const"]).toContain(owner.kind);
        expect(owner.migrate === "normal" || owner.migrate === "constant").toBe(true);
      }
    }
  });

  it("every migrating field row has storage in the generated core", () => {
    const gen = readFileSync(new URL("../../../core/generated/sysregs.ts", import.meta.url), "utf8");
    for (const d of SYSREGS.filter((r) => r.migrate === "normal" && r.kind === "field")) {
      expect(gen, d.name).toContain(`export const SR_${d.name}: u32`);
    }
  });

  it("KVM ids: known values and round trip", () => {
    expect(aa32KvmId(reg("MIDR").aa32)).toBe(0x40200000200f0000n);
    expect(aa32KvmId(reg("DBGDIDR").aa32)).toBe(0x40200000200e0000n);
    expect(aa32KvmId(reg("L2CTLR").aa32)).toBe(0x40200000200f480an);
    expect(aa32KvmId(reg("CNTV_CVAL").aa32)).toBe(0x40300000200f0718n);
    expect(aa32KvmId(reg("CSSELR").aa32, true)).toBe(0x40200000000f0010n);
    expect(aa64KvmId(3, 3, 14, 0, 0)).toBe(0x603000000013df00n); // CNTFRQ_EL0
    for (const d of SYSREGS.filter((r) => !isWildcard(r.aa32))) {
      for (const secure of [false, true]) {
        const back = aa32FromKvmId(aa32KvmId(d.aa32, secure));
        expect(back, d.name).toEqual({ enc: d.aa32, secure });
      }
    }
  });
});

describe("migration ids against QEMU 7.2's cpreg list", () => {
  // QEMU ids with no AArch32 encoding of their own (AArch64-only registers QEMU defines anyway).
  const aa64Only = [0x6030000000138080n /* MDRAR_EL1 */, 0x6030000000139808n /* MDCCSR_EL0 */,
    0x603000000013f081n /* ACTLR_EL3 */, 0x603000000013f510n /* AMAIR_EL3 */,
    0x603000000013ff11n /* CNTPS_CTL_EL1 */, 0x603000000013ff12n /* CNTPS_CVAL_EL1 */];
  // AArch64 ids whose state the MMU registers carry (SCTLR_EL1, TTBR0/1_EL1, TCR_EL1, AFSR0/1, ESR, FAR, MAIR, AMAIR, VBAR, CONTEXTIDR).
  const mmuAa64 = [0xc080n, 0xc100n, 0xc101n, 0xc102n, 0xc288n, 0xc289n, 0xc290n, 0xc300n, 0xc510n, 0xc518n, 0xc600n, 0xc681n]
    .map((x) => 0x6030000000130000n | x);
  const mmuEncodings = new Set(mmuRegisters.flatMap((d) => expandEnc(d.aa32)).map(keyOf));
  const isMmuId = (id: bigint) => {
    if (mmuAa64.includes(id)) return true;
    const e = aa32FromKvmId(id);
    return !!e && (mmuEncodings.has(keyOf(e.enc)) || (e.enc.cp === 15 && e.enc.crn === 3 && !e.enc.is64));
  };

  it("our rows produce exactly QEMU's ids (MMU rows and AArch64-only registers aside)", () => {
    const ours = mine.flatMap((d) => qemuCpregIds(d).map((id) => [id, d.name] as const));
    const ourIds = new Set(ours.map(([id]) => id));
    expect(ourIds.size).toBe(ours.length);
    for (const [id, name] of ours) expect(qemuList.has(id), `${name} ${id.toString(16)}`).toBe(true);
    const expected = [...qemuList.keys()].filter((id) => !aa64Only.includes(id) && !isMmuId(id));
    expect(expected.filter((id) => !ourIds.has(id)).map((id) => id.toString(16))).toEqual([]);
  });

  it("reset values (and constants) match the values QEMU migrates", () => {
    const h = makeHarness();
    for (const d of mine) {
      for (const id of qemuCpregIds(d)) {
        if (d.access.pl1 === "-" || !d.access.pl1.includes("r")) continue; // no way to read it
        if (d.qemu?.secure && (id & (1n << 29n)) === 0n) {            // Secure copy: hidden storage
          const off = SYSREG_STORAGE[`${d.name}_S`];
          expect(off, `${d.name}_S storage`).toBeTypeOf("number");
          const raw = new DataView(h.core.memory.buffer).getBigUint64(h.core.stateBase() + S_SYSREGS + off, true);
          expect(raw, `${d.name}_S`).toBe(qemuList.get(id));
          continue;
        }
        const a = rd(h.core, keyOf(d.aa32));
        expect(a.undef, d.name).toBe(false);
        let v = a.value;
        if (d.name === "CNTP_CTL" || d.name === "CNTV_CTL") v &= 3n; // ISTATUS is computed, stored 0
        expect(v, `${d.name} ${id.toString(16)}`).toBe(qemuList.get(id));
      }
    }
  });

  it("constant rows that QEMU migrates with a hidden value keep it (HACTLR)", () => {
    expect(qemuList.get(0x40200000200f0821n)).toBe(BigInt(reg("HACTLR").reset!));
    expect(reg("HACTLR").access).toEqual({ pl1: "-", pl0: "-" });
  });
});

describe("wildcard rows", () => {
  it("exact rows override wildcards (PAR and CBAR stay themselves)", () => {
    const h = makeHarness();
    expect(rd(h.core, keyOf(cp15(15, 4, 0, 0))).value).toBe(0x08000000n);
    expect(rd(h.core, keyOf(cp15(15, 7, 15, 7))).value).toBe(0n);
    expect(rd(h.core, keyOf(cp15(15, 7, 15, 7))).undef).toBe(false);
    // cp14 has no wildcard: an unknown encoding is UNDEFINED
    expect(rd(h.core, keyOf(cp14(5, 0, 0, 0))).undef).toBe(true);
  });
});
