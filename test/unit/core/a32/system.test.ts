// A32 status-register instructions: MRS, MSR (immediate, register, banked), CPS, SETEND, SRS,
// RFE, ERET. Expected values come from probes run under QEMU 7.2 (qemu-system-arm -M virt
// -cpu cortex-a15, bare metal with -semihosting): the MSR field masks in SVC, System and User
// mode, mode changes to Monitor/Hyp/invalid modes (ignored, other fields written), the SPSR
// valid mask 0xff1fffff, System mode's hidden SPSR, MRS hiding J, SRS/RFE addressing and
// writeback, RFE with an invalid mode, ERET in SVC mode, and MRS/MSR (banked) being UNDEFINED on
// the virt A15 (no EL2). The banked forms with the feature switched on follow ARM ARM B9.2.3
// and QEMU's msr_mrs_banked_exc_checks.
import { describe, it, expect } from "vitest";
import { makeHarness, RAM_BASE, type Harness } from "../../../helpers/core-harness.js";
import {
  S_SPSR_FIQ, S_SPSR_IRQ, S_SPSR_SVC, S_SPSR_ABT, S_SPSR_UND, S_SPSR_USR,
} from "../../../../core/state/layout.js";

const USR = 0x10, FIQ = 0x11, IRQ = 0x12, SVC = 0x13, ABT = 0x17, UND = 0x1b, SYS = 0x1f;
const VBAR_KEY = 0xf6000;
const VECTORS = RAM_BASE + 0x8000;
const BUF = RAM_BASE + 0x4000;
const SPSR_OFF: Record<number, number> = { [FIQ]: S_SPSR_FIQ, [IRQ]: S_SPSR_IRQ, [SVC]: S_SPSR_SVC, [ABT]: S_SPSR_ABT, [UND]: S_SPSR_UND, [USR]: S_SPSR_USR, [SYS]: S_SPSR_USR };

const dv = (h: Harness) => new DataView(h.core.memory.buffer);
const getSpsr = (h: Harness, mode: number) => dv(h).getUint32(h.core.stateBase() + SPSR_OFF[mode], true);
const setSpsr = (h: Harness, mode: number, v: number) => dv(h).setUint32(h.core.stateBase() + SPSR_OFF[mode], v >>> 0, true);

function setup(words: number[], cpsr = 0x400001d3, regs: Record<number, number> = {}): Harness {
  const h = makeHarness();
  h.core.writeSysreg(VBAR_KEY, VECTORS);
  h.poke32(RAM_BASE, ...words);
  h.core.setCpsr(cpsr >>> 0);
  for (const [r, v] of Object.entries(regs)) h.core.setReg(Number(r), v >>> 0);
  h.core.setReg(15, RAM_BASE);
  return h;
}
const tookUndef = (h: Harness) => h.regs()[15] === VECTORS + 4 && (h.core.getCpsr() & 0x1f) === UND;

describe("MRS", () => {
  it("reads the CPSR without the execution-state bits (J hidden, as QEMU)", () => {
    const h = setup([0xe10f0000], 0x010001d3); // mrs r0, cpsr with J set
    h.core.run(1);
    expect(h.regs()[0] >>> 0).toBe(0x1d3);
  });
  it("reads the SPSR of the current mode", () => {
    const h = setup([0xe14f0000]); // mrs r0, spsr
    setSpsr(h, SVC, 0x8000001f);
    h.core.run(1);
    expect(h.regs()[0] >>> 0).toBe(0x8000001f);
  });
  it("MRS SPSR in User mode is UNDEFINED", () => {
    const h = setup([0xe14f0000], 0x1d0);
    h.core.run(1);
    expect(tookUndef(h)).toBe(true);
  });
});

describe("MSR field masks (QEMU 7.2)", () => {
  const run = (insn: number, cpsr: number, r1: number) => { const h = setup([insn], cpsr, { 1: r1 }); h.core.run(1); return h; };
  it("SVC: all fields write N Z C V Q, GE, E, A, I, F, M but not T, IT, J", () => {
    expect(run(0xe12ff001, 0x400001d3, 0xffffffd3).core.getCpsr() >>> 0).toBe(0xf80f03d3);
  });
  it("SVC: a change to Monitor or Hyp mode is ignored", () => {
    expect(run(0xe321f0d6, 0x400001d3, 0).core.getCpsr() >>> 0).toBe(0x400001d3); // msr cpsr_c, #0xd6
    expect(run(0xe321f0da, 0x400001d3, 0).core.getCpsr() >>> 0).toBe(0x400001d3); // msr cpsr_c, #0xda
  });
  it("SVC: an invalid mode keeps M but the other fields are written", () => {
    expect(run(0xe129f001, 0x400001d3, 0xf00001c0).core.getCpsr() >>> 0).toBe(0xf00001d3); // msr cpsr_fc, r1
  });
  it("SVC: a valid mode change switches the register bank", () => {
    const h = setup([0xe321f0d2, 0xe1a0000d], 0x1d3, { 13: 0x5c }); // msr cpsr_c, #0xd2 ; mov r0, sp
    h.core.run(2);
    expect(h.core.getCpsr() & 0x1f).toBe(IRQ);
    expect(h.regs()[0]).toBe(0); // r13_irq, not r13_svc
  });
  it("User: only N Z C V Q, GE and E change", () => {
    expect(run(0xe12ff001, 0x1d0, 0xffffffff).core.getCpsr() >>> 0).toBe(0xf80f03d0);
    expect(run(0xe12ff001, 0xf80f03d0, 0).core.getCpsr() >>> 0).toBe(0x1d0);
    expect(run(0xe12ff001, 0x010, 0xffffffdf).core.getCpsr() >>> 0).toBe(0xf80f0210); // A I F M stay
  });
  it("MSR immediate rotates its operand", () => {
    expect(run(0xe328f20f, 0x1d3, 0).core.getCpsr() >>> 0).toBe(0xf00001d3); // msr apsr_nzcvq, #0xf0000000
    expect(run(0xe322fc03, 0x0d3, 0).core.getCpsr() >>> 0).toBe(0x3d3); // msr cpsr_x, #0x300: E and A
  });
  it("SPSR: every valid bit is writable (mask 0xff1fffff), mode included", () => {
    const h = run(0xe16ff001, 0x1d3, 0xffffffff);
    expect(getSpsr(h, SVC) >>> 0).toBe(0xff1fffff);
    const h2 = run(0xe16ff001, 0x1d3, 0);
    expect(getSpsr(h2, SVC)).toBe(0);
  });
  it("SPSR field mask writes only the selected bytes", () => {
    const h = setup([0xe361f01f], 0x1d3); // msr spsr_c, #0x1f
    setSpsr(h, SVC, 0xa0000110);
    h.core.run(1);
    expect(getSpsr(h, SVC) >>> 0).toBe(0xa000011f);
  });
  it("System mode has QEMU's hidden SPSR", () => {
    const h = setup([0xe16ff001, 0xe14f0000], 0x1df, { 1: 0x12345678 }); // msr spsr_fsxc, r1 ; mrs r0, spsr
    h.core.run(2);
    expect(h.regs()[0] >>> 0).toBe(0x12145678);
  });
  it("MSR SPSR in User mode is UNDEFINED, even with an empty mask", () => {
    const h = setup([0xe360f000], 0x1d0); // msr spsr, #0 (mask 0)
    h.core.run(1);
    expect(tookUndef(h)).toBe(true);
  });
});

// ---- MRS/MSR (banked) ----
const mrsBanked = (r: number, sysm: number, rd: number) => (0xe1000200 | (r << 22) | ((sysm & 0xf) << 16) | ((sysm >> 4) << 8) | (rd << 12)) >>> 0;
const msrBanked = (r: number, sysm: number, rn: number) => (0xe120f200 | (r << 22) | ((sysm & 0xf) << 16) | ((sysm >> 4) << 8) | rn) >>> 0;
const MODES = [USR, FIQ, IRQ, SVC, ABT, UND, SYS];
const tag = (mode: number, reg: number) => (0xa0000000 | (mode << 8) | reg) >>> 0;

/** The register (mode, reg) named by (r, sysm) (ARM ARM B9.2.3), or undefined if unallocated/absent here. */
function bankedName(r: number, sysm: number): [number, number] | undefined {
  if (r) return ({ 0x0e: [FIQ, 16], 0x10: [IRQ, 16], 0x12: [SVC, 16], 0x14: [ABT, 16], 0x16: [UND, 16] } as Record<number, [number, number]>)[sysm];
  if (sysm <= 6) return [USR, sysm + 8];
  if (sysm >= 8 && sysm <= 14) return [FIQ, sysm];
  const pairs: Record<number, number> = { 0x10: IRQ, 0x12: SVC, 0x14: ABT, 0x16: UND };
  const m = pairs[sysm & ~1];
  return m === undefined ? undefined : [m, sysm & 1 ? 13 : 14];
}
/** QEMU's rules: UNDEFINED from User mode, for the current mode's own registers, and for User registers that are live. */
function bankedOk(cur: number, mode: number, reg: number): boolean {
  if (cur === USR || cur === mode) return false;
  if (mode === USR && (cur === SYS || (reg < 13 && cur !== FIQ))) return false;
  return true;
}
/** Give every banked register and SPSR a distinct value. */
function fillBanks(h: Harness): void {
  for (const m of [FIQ, IRQ, SVC, ABT, UND, USR]) {
    h.core.setCpsr(m | 0x1c0);
    for (let r = 8; r <= 14; r++) if (r >= 13 || m === FIQ || m === USR) h.core.setReg(r, tag(m, r));
    if (m !== USR) setSpsr(h, m, tag(m, 16));
  }
}
function bankedValue(h: Harness, mode: number, reg: number): number {
  if (reg === 16) return getSpsr(h, mode) >>> 0;
  h.core.setCpsr(mode | 0x1c0);
  return h.core.getReg(reg) >>> 0;
}

describe("MRS/MSR (banked)", () => {
  it("are UNDEFINED by default, as on QEMU's virt A15 (no EL2)", () => {
    for (const insn of [mrsBanked(0, 0, 0), msrBanked(0, 0x11, 1), mrsBanked(1, 0x10, 0)]) {
      const h = setup([insn], 0x1d3);
      h.core.run(1);
      expect(tookUndef(h)).toBe(true);
    }
  });
  it("MRS (banked) reads every register of every other mode, UNDEFINED where QEMU UNDEFs", () => {
    const h = setup([]);
    h.core.enableBankedRegs(1);
    for (const cur of MODES) {
      for (let r = 0; r <= 1; r++) {
        for (let sysm = 0; sysm < 32; sysm++) {
          // Alternate addresses: the core's exception-loop detector stops after 64 identical UNDEFs.
          const at = RAM_BASE + 4 * (sysm & 1);
          h.poke32(at, mrsBanked(r, sysm, 0));
          fillBanks(h);
          h.core.setCpsr(cur | 0x1c0);
          h.core.setReg(0, 0x55);
          h.core.setReg(15, at);
          h.core.run(1);
          const name = bankedName(r, sysm);
          const ok = name !== undefined && bankedOk(cur, name[0], name[1]);
          const what = `cur ${cur.toString(16)} r ${r} sysm ${sysm.toString(16)}`;
          expect(tookUndef(h), what).toBe(!ok);
          if (ok) expect(h.regs()[0] >>> 0, what).toBe(tag(name![0], name![1]));
        }
      }
    }
  });
  it("MSR (banked) writes every register of every other mode", () => {
    const h = setup([]);
    h.core.enableBankedRegs(1);
    for (const cur of MODES) {
      for (let r = 0; r <= 1; r++) {
        for (let sysm = 0; sysm < 32; sysm++) {
          const name = bankedName(r, sysm);
          if (name === undefined || !bankedOk(cur, name[0], name[1])) continue;
          h.poke32(RAM_BASE, msrBanked(r, sysm, 1));
          fillBanks(h);
          h.core.setCpsr(cur | 0x1c0);
          h.core.setReg(1, 0x1234abcd);
          h.core.setReg(15, RAM_BASE);
          h.core.run(1);
          const what = `cur ${cur.toString(16)} r ${r} sysm ${sysm.toString(16)}`;
          expect(h.regs()[15], what).toBe(RAM_BASE + 4);
          expect(bankedValue(h, name[0], name[1]), what).toBe(0x1234abcd);
        }
      }
    }
  });
  it("Rd or Rn = 15 is UNDEFINED", () => {
    for (const insn of [mrsBanked(0, 0x10, 15), msrBanked(0, 0x10, 15)]) {
      const h = setup([insn], 0x1d3);
      h.core.enableBankedRegs(1);
      h.core.run(1);
      expect(tookUndef(h)).toBe(true);
    }
  });
});

describe("CPS and SETEND", () => {
  const run = (insn: number, cpsr: number) => { const h = setup([insn], cpsr); h.core.run(1); return h.core.getCpsr() >>> 0; };
  it("CPSIE / CPSID change A I F", () => {
    expect(run(0xf1080080, 0x1d3)).toBe(0x153); // cpsie i
    expect(run(0xf10e01c0 | 0x13, 0x013)).toBe(0x1d3); // cpsid aif, #0x13
  });
  it("CPSID with a mode switches mode", () => {
    expect(run(0xf10e01df, 0x13)).toBe(0x1df); // cpsid aif, #0x1f
    expect(run(0xf1020012, 0x1d3)).toBe(0x1d2); // cps #0x12
  });
  it("a change to an invalid mode is ignored, the interrupt masks still change (QEMU)", () => {
    expect(run(0xf10a0080, 0x400001d3)).toBe(0x40000153); // cpsie i, #0
    expect(run(0xf1020016, 0x1d3)).toBe(0x1d3); // cps #0x16 (Monitor)
  });
  it("CPS is a NOP in User mode", () => {
    expect(run(0xf10e01d3, 0x010)).toBe(0x010); // cpsid aif, #0x13
    expect(run(0xf1080100, 0x1d0)).toBe(0x1d0); // cpsie a
  });
  it("SETEND sets and clears E, also in User mode", () => {
    expect(run(0xf1010200, 0x1d3)).toBe(0x3d3);
    expect(run(0xf1010000, 0x3d3)).toBe(0x1d3);
    expect(run(0xf1010200, 0x010)).toBe(0x210);
  });
});

describe("SRS and RFE (QEMU 7.2 probes)", () => {
  it("SRSDB sp!, #irq from SVC stores LR and SPSR_svc on the IRQ stack and writes back", () => {
    const h = setup([0xf96d0512], 0x1d3, { 14: 0xcafe0001 });
    fillBanks(h);
    h.core.setCpsr(IRQ | 0x1c0); h.core.setReg(13, BUF + 64);
    h.core.setCpsr(0x1d3); h.core.setReg(14, 0xcafe0001); h.core.setReg(15, RAM_BASE);
    setSpsr(h, SVC, 0x80000110);
    h.core.run(1);
    expect(h.peek32(BUF + 56) >>> 0).toBe(0xcafe0001);
    expect(h.peek32(BUF + 60) >>> 0).toBe(0x80000110);
    expect(bankedValue(h, IRQ, 13)).toBe(BUF + 56);
  });
  it("SRSIA to the current mode without writeback uses the live SP", () => {
    const h = setup([0xf8cd0513], 0x1d3, { 13: BUF + 128, 14: 0x1111 }); // srsia sp, #0x13
    setSpsr(h, SVC, 0x2000001f);
    h.core.run(1);
    expect(h.peek32(BUF + 128)).toBe(0x1111);
    expect(h.peek32(BUF + 132)).toBe(0x2000001f);
    expect(h.regs()[13]).toBe(BUF + 128);
  });
  it("SRSIB sp!, #usr writes back the User SP", () => {
    const h = setup([0xf9ed0510], 0x1d3);
    fillBanks(h);
    h.core.setCpsr(SYS | 0x1c0); h.core.setReg(13, BUF + 200);
    h.core.setCpsr(0x1d3); h.core.setReg(14, 0x2222); h.core.setReg(15, RAM_BASE);
    h.core.run(1);
    expect(h.peek32(BUF + 204)).toBe(0x2222);
    expect(bankedValue(h, USR, 13)).toBe(BUF + 208);
  });
  it("SRS to Hyp, or from System or User mode, is UNDEFINED", () => {
    for (const [insn, cpsr] of [[0xf8cd051a, 0x1d3], [0xf8cd0513, 0x1df], [0xf8cd0513, 0x1d0]]) {
      const h = setup([insn], cpsr, { 13: BUF });
      h.core.run(1);
      expect(tookUndef(h)).toBe(true);
      expect(h.peek32(BUF)).toBe(0);
    }
  });
  it("RFEIA r0! loads PC (low bits cleared for ARM) and CPSR, writes back", () => {
    const h = setup([0xf8b00a00], 0x1d3, { 0: BUF + 256 });
    h.poke32(BUF + 256, RAM_BASE + 0x103, 0x200001d3);
    h.core.run(1);
    expect(h.core.getCpsr() >>> 0).toBe(0x200001d3);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x100);
    expect(h.regs()[0]).toBe(BUF + 264);
  });
  it("RFE to User mode switches bank; writeback goes to the old mode's register", () => {
    const h = setup([0xf8bd0a00], 0x1d3, { 13: BUF }); // rfeia sp!
    h.poke32(BUF, RAM_BASE + 0x200, 0x10);
    h.core.run(1);
    expect(h.core.getCpsr() >>> 0).toBe(0x10);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x200);
    expect(bankedValue(h, SVC, 13)).toBe(BUF + 8);
  });
  it("RFE with a Thumb CPSR clears only bit 0 of the PC", () => {
    const h = setup([0xf8900a00], 0x1d3, { 0: BUF });
    h.poke32(BUF, RAM_BASE + 0x103, 0x1f3);
    h.core.run(1);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x102);
    expect(h.core.getCpsr() >>> 0).toBe(0x1f3);
  });
  it("RFEDA with an invalid mode keeps the mode and writes the rest", () => {
    const h = setup([0xf8190a00], 0x1d3, { 9: BUF + 300 }); // rfeda r9
    h.poke32(BUF + 296, RAM_BASE + 0x40, 0x400001c0);
    h.core.run(1);
    expect(h.core.getCpsr() >>> 0).toBe(0x400001d3);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x40);
  });
  it("RFE from an unaligned address takes a data abort (alignment is always checked)", () => {
    const h = setup([0xf8900a00], 0x1d3, { 0: BUF + 302 });
    h.core.run(1);
    expect(h.regs()[15]).toBe(VECTORS + 0x10);
    expect(h.core.readSysreg(0xf2800)).toBe(0x1); // DFSR: alignment
    expect(h.core.readSysreg(0xf3000)).toBe(BUF + 302);
    expect(h.regs()[0]).toBe(BUF + 302); // nothing written back
  });
  it("RFE in User mode is UNDEFINED", () => {
    const h = setup([0xf8b00a00], 0x1d0, { 0: BUF });
    h.core.run(1);
    expect(tookUndef(h)).toBe(true);
  });
});

describe("ERET", () => {
  it("in SVC mode returns to LR with CPSR = SPSR (QEMU)", () => {
    const h = setup([0xe160006e], 0x1d3, { 14: RAM_BASE + 0x80 });
    setSpsr(h, SVC, 0x600001d3);
    h.core.run(1);
    expect(h.core.getCpsr() >>> 0).toBe(0x600001d3);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x80);
  });
  it("returns to User mode and the User bank", () => {
    const h = setup([0xe160006e], 0x1d3, { 14: RAM_BASE + 0x81, 13: 0x5c });
    setSpsr(h, SVC, 0x30);
    h.core.run(1);
    expect(h.core.getCpsr() >>> 0).toBe(0x30);
    expect(h.regs()[15]).toBe(RAM_BASE + 0x80);
    expect(h.regs()[13]).toBe(0);
  });
  it("in System mode uses the hidden SPSR", () => {
    const h = setup([0xe160006e], 0x1df, { 14: RAM_BASE + 0x80 });
    setSpsr(h, SYS, 0x800001d3);
    h.core.run(1);
    expect(h.core.getCpsr() >>> 0).toBe(0x800001d3);
  });
  it("is UNDEFINED in User mode", () => {
    const h = setup([0xe160006e], 0x1d0, { 14: RAM_BASE + 0x80 });
    h.core.run(1);
    expect(tookUndef(h)).toBe(true);
  });
});
