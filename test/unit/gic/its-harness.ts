// An ITS on its own for tests: guest RAM as a byte array at RAM_BASE, a fake set of
// redistributors that records what the ITS asks of them, and helpers that program the ITS
// through its registers as a driver would (32-bit accesses, 64-bit registers low half first).
import { GicV3Its, GITS } from "../../../machines/gic/gicv3/its.js";
import type { GicV3LpiTarget } from "../../../machines/gic/gicv3/lpi-target.js";
import { ramFromRegions } from "../../../machines/devices/virtio/guest-ram.js";

export const RAM_BASE = 0x4000_0000;
export const RAM_SIZE = 0x40_0000;
/** Where the tests put things in RAM (64 KiB aligned, as 64 KiB pages need). */
export const CMDQ = RAM_BASE + 0x1_0000;
export const DEVICE_TABLE = RAM_BASE + 0x2_0000;
export const COLLECTION_TABLE = RAM_BASE + 0x3_0000;
export const ITT = RAM_BASE + 0x4_0000;

export type TargetCall =
  | ["processLpi", number, number, boolean]
  | ["moveLpi", number, number, number]
  | ["moveAllLpis", number, number]
  | ["updateLpis", number];

export class FakeRedistributors implements GicV3LpiTarget {
  calls: TargetCall[] = [];
  constructor(readonly redistributorCount: number) {}
  processLpi(cpu: number, intid: number, level: boolean): void { this.calls.push(["processLpi", cpu, intid, level]); }
  moveLpi(fromCpu: number, toCpu: number, intid: number): void { this.calls.push(["moveLpi", fromCpu, toCpu, intid]); }
  moveAllLpis(fromCpu: number, toCpu: number): void { this.calls.push(["moveAllLpis", fromCpu, toCpu]); }
  cpuForRdbase(rd: number): number | undefined { return rd < this.redistributorCount ? rd : undefined; }
  updateLpis(cpu: number): void { this.calls.push(["updateLpis", cpu]); }
  take(): TargetCall[] { const c = this.calls; this.calls = []; return c; }
}

export interface ItsRig {
  its: GicV3Its;
  target: FakeRedistributors;
  ram: Uint8Array;
  logs: string[];
  r32(off: number): number;
  w32(off: number, v: number): void;
  r64(off: number): bigint;
  w64(off: number, v: bigint): void;
  /** Append commands (4 doublewords each) at CWRITER and write CWRITER past them. */
  cmd(...cmds: bigint[][]): void;
  ramQ(pa: number): bigint;
  ramL(pa: number): number;
}

export function itsRig(cpus = 2): ItsRig {
  const ram = new Uint8Array(RAM_SIZE);
  const target = new FakeRedistributors(cpus);
  const logs: string[] = [];
  const its = new GicV3Its({ target, ram: ramFromRegions([{ base: RAM_BASE, bytes: ram }]), log: (m) => logs.push(m) });
  const dv = new DataView(ram.buffer);
  const rig: ItsRig = {
    its, target, ram, logs,
    r32: (off) => its.read(off, 4, 0) >>> 0,
    w32: (off, v) => its.write(off, 4, v >>> 0, 0),
    r64: (off) => BigInt(rig.r32(off)) | (BigInt(rig.r32(off + 4)) << 32n),
    w64: (off, v) => { rig.w32(off, Number(v & 0xffffffffn)); rig.w32(off + 4, Number(v >> 32n)); },
    cmd: (...cmds) => {
      let wr = Number(rig.r64(GITS.CWRITER));
      const size = (Number(its.regs.cbaser & 0xffn) + 1) * 4096;
      for (const c of cmds) {
        c.forEach((w, i) => dv.setBigUint64(CMDQ - RAM_BASE + wr + 8 * i, w, true));
        wr = (wr + 32) % size;
      }
      rig.w64(GITS.CWRITER, BigInt(wr));
    },
    ramQ: (pa) => dv.getBigUint64(pa - RAM_BASE, true),
    ramL: (pa) => dv.getUint32(pa - RAM_BASE, true),
  };
  return rig;
}

const V = 1n << 63n;

/** GITS_BASER<n> for a table at `pa`: 64 KiB pages, `pages` of them, flat or two-level. */
export function baser(type: "device" | "collection", pa: number, pages = 1, indirect = false): bigint {
  const t = type === "device" ? 1n : 4n;
  return V | (indirect ? 1n << 62n : 0n) | (t << 56n) | (7n << 48n) | BigInt(pa) | (2n << 8n) | BigInt(pages - 1);
}

/** GITS_CBASER for a queue of `pages` 4 KiB pages at CMDQ. */
export const cbaser = (pages = 1): bigint => V | BigInt(CMDQ) | BigInt(pages - 1);

/** Flat tables and a one-page queue, then enabled. */
export function enabledRig(cpus = 2): ItsRig {
  const rig = itsRig(cpus);
  rig.w64(GITS.BASER, baser("device", DEVICE_TABLE));
  rig.w64(GITS.BASER + 8, baser("collection", COLLECTION_TABLE));
  rig.w64(GITS.CBASER, cbaser());
  rig.w32(GITS.CTLR, 1);
  return rig;
}

// ---- command packets (the GICv3 architecture's layouts) ----

const dev = (op: number, devid: number): bigint => BigInt(op) | (BigInt(devid) << 32n);
export const MAPD = (devid: number, size: number, itt: number, valid = true): bigint[] =>
  [dev(0x08, devid), BigInt(size), (valid ? V : 0n) | BigInt(itt), 0n];
export const MAPC = (icid: number, rdbase: number, valid = true): bigint[] =>
  [0x09n, 0n, (valid ? V : 0n) | (BigInt(rdbase) << 16n) | BigInt(icid), 0n];
export const MAPTI = (devid: number, eventid: number, intid: number, icid: number): bigint[] =>
  [dev(0x0a, devid), BigInt(eventid) | (BigInt(intid) << 32n), BigInt(icid), 0n];
export const MAPI = (devid: number, eventid: number, icid: number): bigint[] =>
  [dev(0x0b, devid), BigInt(eventid), BigInt(icid), 0n];
export const INT = (devid: number, eventid: number): bigint[] => [dev(0x03, devid), BigInt(eventid), 0n, 0n];
export const CLEAR = (devid: number, eventid: number): bigint[] => [dev(0x04, devid), BigInt(eventid), 0n, 0n];
export const DISCARD = (devid: number, eventid: number): bigint[] => [dev(0x0f, devid), BigInt(eventid), 0n, 0n];
export const INV = (devid: number, eventid: number): bigint[] => [dev(0x0c, devid), BigInt(eventid), 0n, 0n];
export const INVALL = (icid: number): bigint[] => [0x0dn, 0n, BigInt(icid), 0n];
export const MOVI = (devid: number, eventid: number, icid: number): bigint[] => [dev(0x01, devid), BigInt(eventid), BigInt(icid), 0n];
export const MOVALL = (rd1: number, rd2: number): bigint[] => [0x0en, 0n, BigInt(rd1) << 16n, BigInt(rd2) << 16n];
export const SYNC = (rd: number): bigint[] => [0x05n, 0n, BigInt(rd) << 16n, 0n];
