// The GICv3 ITS driven through its registers as a driver would, against QEMU 7.2's TCG ITS
// (hw/intc/arm_gicv3_its.c): reset values, the read-only rules, every command's effect on the
// redistributors and on the tables in RAM (QEMU's entry layouts byte for byte), two-level
// tables, the stall and skip cases, and GITS_TRANSLATER.
import { describe, expect, it } from "vitest";
import { GITS, ITS_REGS } from "../../../machines/gic/gicv3/its.js";
import {
  CLEAR, CMDQ, COLLECTION_TABLE, DEVICE_TABLE, DISCARD, INT, INV, INVALL, ITT, MAPC, MAPD, MAPI, MAPTI,
  MOVALL, MOVI, RAM_BASE, SYNC, baser, cbaser, enabledRig, itsRig, type ItsRig,
} from "./its-harness.js";

const creadr = (rig: ItsRig) => rig.r64(GITS.CREADR);
const cwriter = (rig: ItsRig) => rig.r64(GITS.CWRITER);

/** Device 0 with 32 events, collection 1 on CPU 1, event 5 -> LPI 8200 in collection 1. */
function mapped(): ItsRig {
  const rig = enabledRig();
  rig.cmd(MAPD(0, 4, ITT), MAPC(1, 1), MAPC(0, 0), MAPTI(0, 5, 8200, 1), SYNC(0));
  return rig;
}

describe("GICv3 ITS registers", () => {
  it("reset values are QEMU's (every row of the register table)", () => {
    const rig = itsRig();
    for (const r of ITS_REGS) if (r.access !== "wo") expect([r.name, rig.r32(r.offset)]).toEqual([r.name, r.reset ?? 0]);
    expect(rig.r32(GITS.CTLR)).toBe(0x8000_0000); // Quiescent
    expect(rig.r32(GITS.IIDR)).toBe(0x43b);
    // Physical, ITT entry 12 bytes, IDbits 15, Devbits 15 | CIDbits 15, CIL 1
    expect(rig.r64(GITS.TYPER)).toBe(0x1f_0001_efb1n);
    expect(rig.r64(GITS.BASER)).toBe(0x0107_0000_0000_0200n);
    expect(rig.r64(GITS.BASER + 8)).toBe(0x0407_0000_0000_0200n);
    expect(rig.r32(0xffe8)).toBe(0x3b); // PIDR2: GICv3
    expect(rig.r32(0xffe0)).toBe(0x94); // PIDR0: ITS
  });

  it("BASER keeps its type and entry size; unimplemented BASERs are RAZ/WI", () => {
    const rig = itsRig();
    rig.w64(GITS.BASER, 0xffff_ffff_ffff_ffffn);
    expect(rig.r64(GITS.BASER)).toBe(0xffff_ffff_ffff_ffffn & ~((0x1fn << 48n) | (7n << 56n)) | (1n << 56n) | (7n << 48n));
    rig.w64(GITS.BASER + 16, 0x8000_0000_1234_0000n);
    expect(rig.r64(GITS.BASER + 16)).toBe(0n);
  });

  it("CBASER and BASER are read-only while enabled; writing CBASER zeroes CREADR", () => {
    const rig = enabledRig();
    rig.w64(GITS.CBASER, 0n);
    rig.w64(GITS.BASER, 0n);
    expect(rig.r64(GITS.CBASER)).toBe(cbaser());
    expect(rig.r64(GITS.BASER)).toBe(baser("device", DEVICE_TABLE));
    rig.cmd(SYNC(0), SYNC(0));
    expect(creadr(rig)).toBe(64n);
    rig.w32(GITS.CTLR, 0);
    expect(rig.r32(GITS.CTLR)).toBe(0x8000_0000);
    rig.w64(GITS.CBASER, cbaser(2));
    expect(creadr(rig)).toBe(0n);
  });

  it("CREADR is writable (GICD_CTLR.DS on virt) except its Stalled bit; CWRITER drops Retry", () => {
    const rig = itsRig();
    rig.w64(GITS.CREADR, 0x61n);
    expect(creadr(rig)).toBe(0x60n);
    rig.w32(GITS.CWRITER, 0x41);
    expect(cwriter(rig)).toBe(0x40n);
  });

  it("other offsets read zero and ignore writes (logged)", () => {
    const rig = itsRig();
    rig.w32(0x200, 5);
    expect(rig.r32(0x200)).toBe(0);
    expect(rig.its.read(GITS.CTLR, 2, 0)).toBe(0); // the control frame takes 32-bit accesses only
    expect(rig.logs.length).toBeGreaterThan(0);
  });
});

describe("GICv3 ITS commands", () => {
  it("MAPD, MAPC and MAPTI write QEMU's entry layouts into the tables", () => {
    const rig = mapped();
    expect(creadr(rig)).toBe(cwriter(rig));
    expect(creadr(rig)).toBe(5n * 32n);
    // DTE: valid, Size 4, ITT address >> 8 at bit 6
    expect(rig.ramQ(DEVICE_TABLE)).toBe(1n | (4n << 1n) | (BigInt(ITT >> 8) << 6n));
    // CTEs: valid, RDbase (processor number) at bit 1
    expect(rig.ramQ(COLLECTION_TABLE + 8)).toBe(1n | (1n << 1n));
    expect(rig.ramQ(COLLECTION_TABLE)).toBe(1n);
    // ITE for event 5: 12 bytes at ITT + 60; valid, physical, INTID at bit 2, ICID at 32; doorbell 1023
    expect(rig.ramQ(ITT + 60)).toBe(1n | 2n | (8200n << 2n) | (1n << 32n));
    expect(rig.ramL(ITT + 68)).toBe(1023);
    expect(rig.target.take()).toEqual([]);
  });

  it("GITS_TRANSLATER sets the LPI on the collection's CPU (DeviceID 0 for a CPU's write)", () => {
    const rig = mapped();
    rig.w32(GITS.TRANSLATER, 5);
    rig.its.write(GITS.TRANSLATER, 2, 5, 0);
    rig.w32(GITS.TRANSLATER, 6); // not mapped
    expect(rig.target.take()).toEqual([["processLpi", 1, 8200, true], ["processLpi", 1, 8200, true]]);
    expect(rig.its.read(GITS.TRANSLATER, 4, 0)).toBe(0);
    rig.w32(GITS.CTLR, 0);
    rig.w32(GITS.TRANSLATER, 5);
    expect(rig.target.take()).toEqual([]);
  });

  it("INT sets, CLEAR clears, DISCARD clears and invalidates the ITE", () => {
    const rig = mapped();
    rig.cmd(INT(0, 5), CLEAR(0, 5), DISCARD(0, 5));
    expect(rig.target.take()).toEqual([["processLpi", 1, 8200, true], ["processLpi", 1, 8200, false], ["processLpi", 1, 8200, false]]);
    expect(rig.ramQ(ITT + 60)).toBe(0n);
    expect(rig.ramL(ITT + 68)).toBe(0);
    rig.w32(GITS.TRANSLATER, 5);
    rig.cmd(INT(0, 5));
    expect(rig.target.take()).toEqual([]);
    expect(creadr(rig)).toBe(cwriter(rig));
  });

  it("MAPI maps an event to the LPI of the same number", () => {
    const rig = enabledRig();
    rig.cmd(MAPD(3, 13, ITT), MAPC(0, 0), MAPI(3, 8195, 0));
    expect(rig.ramQ(ITT + 8195 * 12)).toBe(3n | (8195n << 2n));
    rig.cmd(INT(3, 8195));
    expect(rig.target.take()).toEqual([["processLpi", 0, 8195, true]]);
  });

  it("MOVI moves the pending state and retargets the ITE; a move within a CPU only retargets", () => {
    const rig = mapped();
    rig.cmd(MOVI(0, 5, 0));
    expect(rig.target.take()).toEqual([["moveLpi", 1, 0, 8200]]);
    expect(rig.ramQ(ITT + 60)).toBe(3n | (8200n << 2n));
    expect(rig.ramL(ITT + 68)).toBe(1023);
    rig.cmd(MAPC(2, 0), MOVI(0, 5, 2));
    expect(rig.target.take()).toEqual([]);
    expect(rig.ramQ(ITT + 60)).toBe(3n | (8200n << 2n) | (2n << 32n));
    rig.w32(GITS.TRANSLATER, 5);
    expect(rig.target.take()).toEqual([["processLpi", 0, 8200, true]]);
  });

  it("MOVALL moves every pending LPI between different redistributors in range", () => {
    const rig = enabledRig(4);
    rig.cmd(MOVALL(0, 3), MOVALL(2, 2), MOVALL(0, 4));
    expect(rig.target.take()).toEqual([["moveAllLpis", 0, 3]]);
    expect(creadr(rig)).toBe(cwriter(rig));
  });

  it("INV rescans the collection's CPU, INVALL every CPU; SYNC and unknown commands do nothing", () => {
    const rig = mapped();
    rig.cmd(INV(0, 5), INVALL(1), [0x77n, 0n, 0n, 0n], SYNC(1));
    expect(rig.target.take()).toEqual([["updateLpis", 1], ["updateLpis", 0], ["updateLpis", 1]]);
    expect(creadr(rig)).toBe(cwriter(rig));
  });

  it("MAPC V=0 and MAPD V=0 write zero entries, after which events are dropped", () => {
    const rig = mapped();
    rig.cmd(MAPC(1, 1, false));
    expect(rig.ramQ(COLLECTION_TABLE + 8)).toBe(0n);
    rig.w32(GITS.TRANSLATER, 5);
    rig.cmd(MAPC(1, 1), MAPD(0, 4, ITT, false));
    expect(rig.ramQ(DEVICE_TABLE)).toBe(0n);
    rig.w32(GITS.TRANSLATER, 5);
    expect(rig.target.take()).toEqual([]);
  });

  it("bad parameters skip the command and the queue goes on", () => {
    const rig = mapped();
    rig.cmd(
      MAPD(0x1_0000, 4, ITT), // DeviceID past the 16-bit table
      MAPD(1, 16, ITT), // Size above IDbits
      MAPC(5, 2), // RDbase past the last CPU
      MAPTI(0, 6, 100, 1), // not an LPI
      MAPTI(0, 32, 8300, 1), // EventID past the device's 32
      MAPTI(7, 1, 8300, 1), // device not mapped
      MAPTI(0, 7, 8300, 0x1_0000), // ICID keeps 16 bits: collection 0
      INT(0, 9), // no ITE
    );
    expect(rig.ramQ(DEVICE_TABLE + 8)).toBe(0n);
    expect(rig.ramQ(COLLECTION_TABLE + 40)).toBe(0n);
    expect(rig.ramQ(ITT + 72)).toBe(0n);
    expect(rig.ramQ(ITT + 7 * 12)).toBe(1n | 2n | (8300n << 2n));
    expect(rig.target.take()).toEqual([]);
    expect(creadr(rig)).toBe(cwriter(rig));
    expect(creadr(rig) & 1n).toBe(0n);
  });

  it("commands wait while the ITS is disabled and run when it is enabled", () => {
    const rig = itsRig();
    rig.w64(GITS.BASER, baser("device", DEVICE_TABLE));
    rig.w64(GITS.BASER + 8, baser("collection", COLLECTION_TABLE));
    rig.w64(GITS.CBASER, cbaser());
    rig.cmd(MAPD(0, 4, ITT), MAPC(1, 1), MAPTI(0, 5, 8200, 1), INT(0, 5));
    expect(creadr(rig)).toBe(0n);
    rig.w32(GITS.CTLR, 1);
    expect(creadr(rig)).toBe(128n);
    expect(rig.target.take()).toEqual([["processLpi", 1, 8200, true]]);
  });

  it("the queue wraps at its end", () => {
    const rig = enabledRig();
    rig.w64(GITS.CWRITER, 4096n - 32n);
    rig.w64(GITS.CREADR, 4096n - 32n);
    rig.cmd(MAPD(0, 4, ITT), MAPC(1, 1), MAPTI(0, 5, 8200, 1), INT(0, 5));
    expect(creadr(rig)).toBe(96n);
    expect(rig.target.take()).toEqual([["processLpi", 1, 8200, true]]);
  });

  it("an offset past the queue processes nothing", () => {
    const rig = enabledRig();
    rig.w64(GITS.CWRITER, 4096n);
    expect(creadr(rig)).toBe(0n);
  });
});

describe("GICv3 ITS stalls", () => {
  it("a command outside RAM stalls: Stalled set, CREADR kept, retried on each CWRITER write; a new CBASER clears it", () => {
    const rig = itsRig();
    rig.w64(GITS.BASER, baser("device", DEVICE_TABLE));
    rig.w64(GITS.BASER + 8, baser("collection", COLLECTION_TABLE));
    rig.w64(GITS.CBASER, (1n << 63n) | 0x1000_0000n); // below RAM
    rig.w32(GITS.CTLR, 1);
    rig.w64(GITS.CWRITER, 32n);
    expect(creadr(rig)).toBe(1n);
    rig.w64(GITS.CWRITER, 64n); // tried again, stalls again
    expect(creadr(rig)).toBe(1n);
    rig.w32(GITS.CTLR, 0);
    rig.w64(GITS.CBASER, cbaser());
    expect(creadr(rig)).toBe(0n);
  });

  it("a table outside RAM stalls at its command and is retried by the next CWRITER write", () => {
    const rig = itsRig();
    rig.w64(GITS.BASER, baser("device", 0x7000_0000)); // past RAM
    rig.w64(GITS.BASER + 8, baser("collection", COLLECTION_TABLE));
    rig.w64(GITS.CBASER, cbaser());
    rig.w32(GITS.CTLR, 1);
    rig.cmd(MAPC(0, 0), MAPD(0, 4, ITT), SYNC(0));
    expect(creadr(rig)).toBe(32n | 1n);
    rig.w64(GITS.CWRITER, 96n);
    expect(creadr(rig)).toBe(32n | 1n);
    // a translation whose table read fails is a failed write (QEMU's MEMTX_ERROR)
    expect(rig.its.translate(0, 5)).toBe(false);
  });

  it("an ITT outside RAM stalls MAPTI", () => {
    const rig = enabledRig();
    rig.cmd(MAPD(0, 4, RAM_BASE + 0x40_0000), MAPC(0, 0), MAPTI(0, 1, 8192, 0), SYNC(0));
    expect(creadr(rig)).toBe(64n | 1n);
  });
});

describe("GICv3 ITS two-level tables", () => {
  it("finds level-2 pages through 8-byte level-1 descriptors; a missing page drops writes", () => {
    const rig = itsRig();
    const l2 = RAM_BASE + 0x10_0000;
    rig.w64(GITS.BASER, baser("device", DEVICE_TABLE, 1, true));
    rig.w64(GITS.BASER + 8, baser("collection", COLLECTION_TABLE, 1, true));
    rig.w64(GITS.CBASER, cbaser());
    // level 1 entry 1 (DeviceIDs 8192..16383 with 64 KiB pages of 8-byte entries) -> l2
    new DataView(rig.ram.buffer).setBigUint64(DEVICE_TABLE - RAM_BASE + 8, (1n << 63n) | BigInt(l2), true);
    new DataView(rig.ram.buffer).setBigUint64(COLLECTION_TABLE - RAM_BASE, (1n << 63n) | BigInt(l2 + 0x1_0000), true);
    rig.w32(GITS.CTLR, 1);
    rig.cmd(MAPD(8192 + 3, 4, ITT), MAPD(5, 4, ITT), MAPC(2, 1), MAPTI(8195, 0, 8192, 2));
    expect(rig.ramQ(l2 + 3 * 8)).toBe(1n | (4n << 1n) | (BigInt(ITT >> 8) << 6n));
    expect(rig.ramQ(DEVICE_TABLE)).toBe(0n); // no level-2 page for device 5: the write is dropped
    expect(rig.ramQ(l2 + 0x1_0000 + 16)).toBe(3n);
    rig.its.translate(8195, 0);
    expect(rig.target.take()).toEqual([["processLpi", 1, 8192, true]]);
    expect(creadr(rig)).toBe(128n);
  });
});

describe("GICv3 ITS command queue placement", () => {
  it("commands are read from CBASER's address", () => {
    const rig = mapped();
    expect(rig.ramQ(CMDQ)).toBe(0x08n);
  });
});
