// roms/a64/gicv3-its.c against QEMU 7.2, ITS only: QEMU runs the program and prints what it
// sees; here the same accesses, in the same order and at the addresses QEMU's run printed, go
// to our ITS, with a small stand-in for the redistributors that keeps LPI pending bits in RAM
// as QEMU's do (set_pending_table_bit, mov_lpi, movall_lpis; the acknowledge takes the lowest
// pending LPI, all having one priority). Every line must be QEMU's. The whole program runs in
// armlet (test/roms) once the GICv3 model is on the board.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GicV3Its, GITS } from "../../../machines/gic/gicv3/its.js";
import type { GicV3LpiTarget } from "../../../machines/gic/gicv3/lpi-target.js";
import { ramFromRegions } from "../../../machines/devices/virtio/guest-ram.js";
import { QEMU_SYSTEM_AARCH64, qemuArgv } from "../../helpers/qemu.js";
import { lacksCommand } from "../../helpers/requirements.js";

const ELF = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../roms/bin/a64/gicv3-its.elf");
const RAM_BASE = 0x4000_0000;
const LPI_IDBITS = 13;
const V = 1n << 63n;

/** LPIs kept as QEMU's redistributors keep them: a bit per LPI in each CPU's pending table. */
class RamRedistributors implements GicV3LpiTarget {
  readonly redistributorCount = 2;
  constructor(private readonly ram: Uint8Array, private readonly pendBase: number[], private readonly config: number) {}
  private bit(cpu: number, intid: number): [number, number] { return [this.pendBase[cpu] - RAM_BASE + (intid >> 3), 1 << (intid & 7)]; }
  private set(cpu: number, intid: number, level: boolean): boolean {
    const [at, m] = this.bit(cpu, intid);
    if (((this.ram[at] & m) !== 0) === level) return false;
    this.ram[at] ^= m;
    return true;
  }
  processLpi(cpu: number, intid: number, level: boolean): void {
    if (intid >= 8192 && intid < 1 << (LPI_IDBITS + 1)) this.set(cpu, intid, level);
  }
  moveLpi(from: number, to: number, intid: number): void {
    if (this.set(from, intid, false)) this.set(to, intid, true);
  }
  moveAllLpis(from: number, to: number): void {
    for (let i = 1024; i < (1 << (LPI_IDBITS + 1)) / 8; i++) {
      const s = this.pendBase[from] - RAM_BASE + i, d = this.pendBase[to] - RAM_BASE + i;
      if (this.ram[s]) { this.ram[d] |= this.ram[s]; this.ram[s] = 0; }
    }
  }
  cpuForRdbase(rd: number): number | undefined { return rd < 2 ? rd : undefined; }
  updateLpis(): void {} // nothing cached: acknowledge() reads the tables
  /** ICC_IAR1_EL1 on `cpu`: the lowest enabled pending LPI, now active (no longer pending). */
  acknowledge(cpu: number): number {
    for (let intid = 8192; intid < 1 << (LPI_IDBITS + 1); intid++) {
      const [at, m] = this.bit(cpu, intid);
      if (this.ram[at] & m && this.ram[this.config - RAM_BASE + intid - 8192] & 1) { this.ram[at] &= ~m; return intid; }
    }
    return 1023;
  }
}

const hex = (v: bigint | number, n: number) => v.toString(16).padStart(n, "0");

/** The program's main(), its GIC accesses narrowed to the ITS; returns what it prints. */
function replay(t: Record<string, number>): string {
  const ram = new Uint8Array(0x80_0000);
  const dv = new DataView(ram.buffer);
  const gic = new RamRedistributors(ram, [t.pending0, t.pending1], t.config);
  const its = new GicV3Its({ target: gic, ram: ramFromRegions([{ base: RAM_BASE, bytes: ram }]) });
  const out: string[] = [];
  const p = (s: string) => out.push(s);
  const r32 = (o: number) => its.read(o, 4, 0) >>> 0;
  const r64 = (o: number) => BigInt(r32(o)) | (BigInt(r32(o + 4)) << 32n);
  const w32 = (o: number, v: number) => its.write(o, 4, v >>> 0, 0);
  const w64 = (o: number, v: bigint) => { w32(o, Number(v & 0xffffffffn)); w32(o + 4, Number(v >> 32n)); };
  const q = (pa: number) => dv.getBigUint64(pa - RAM_BASE, true);
  const l = (pa: number) => dv.getUint32(pa - RAM_BASE, true);
  const hex64 = (name: string, v: bigint) => p(`${name} ${hex(v, 16)}`);
  let wr = 0;
  let acked = 0;
  const cmd = (...d: bigint[]) => {
    d.forEach((x, i) => dv.setBigUint64(t.queue - RAM_BASE + wr + 8 * i, x, true));
    wr = (wr + 32) % 4096;
    w64(GITS.CWRITER, BigInt(wr));
  };
  const dev = (op: number, devid: number) => BigInt(op) | (BigInt(devid) << 32n);
  const mapd = (devid: number, size: number, itt: number, valid: boolean) => cmd(dev(0x08, devid), BigInt(size), (valid ? V : 0n) | BigInt(itt), 0n);
  const mapc = (icid: number, rd: number) => cmd(0x09n, 0n, V | (BigInt(rd) << 16n) | BigInt(icid), 0n);
  const mapti = (devid: number, ev: number, intid: number, icid: number) => cmd(dev(0x0a, devid), BigInt(ev) | (BigInt(intid) << 32n), BigInt(icid), 0n);
  const evCmd = (op: number, devid: number, ev: number) => cmd(dev(op, devid), BigInt(ev), 0n, 0n);
  const movi = (devid: number, ev: number, icid: number) => cmd(dev(0x01, devid), BigInt(ev), BigInt(icid), 0n);
  const movall = (rd1: number, rd2: number) => cmd(0x0en, 0n, BigInt(rd1) << 16n, BigInt(rd2) << 16n);
  const showPending = (when: string) => p(`${when.padEnd(28)} pending cpu0 ${hex(ram[t.pending0 - RAM_BASE + 1024], 2)} cpu1 ${hex(ram[t.pending1 - RAM_BASE + 1024], 2)}`);
  const ack = (when: string) => {
    const intid = gic.acknowledge(0);
    p(`${when.padEnd(28)} IAR1 ${intid}`);
    if (intid < 1020 || intid >= 8192) acked++;
  };
  const showQueue = (when: string) => p(`${when.padEnd(28)} CREADR ${r64(GITS.CREADR).toString(16)} CWRITER ${r64(GITS.CWRITER).toString(16)}`);
  const ite = (itt: number, ev: number) => `${hex(q(itt + 12 * ev), 16)} ${hex(l(itt + 12 * ev + 8), 8)}`;

  p(`tables: device ${t.device.toString(16)} collection ${t.collection.toString(16)} queue ${t.queue.toString(16)} itt ${t.itt0.toString(16)} ${t.itt1.toString(16)} config ${t.config.toString(16)} pending ${t.pending0.toString(16)} ${t.pending1.toString(16)}`);
  p(`two-level: l1 ${t.l1dev.toString(16)} ${t.l1col.toString(16)} l2 ${t.l2dev.toString(16)} ${t.l2col.toString(16)}`);
  p(`GITS_TYPER ${hex(r64(GITS.TYPER), 16)} IIDR ${hex(r32(GITS.IIDR), 8)} CTLR ${hex(r32(GITS.CTLR), 8)} PIDR2 ${hex(r32(0xffe8), 2)}`);
  for (let n = 0; n < 3; n++) hex64(`GITS_BASER${n}`, r64(GITS.BASER + 8 * n));
  for (let i = 0; i < (1 << (LPI_IDBITS + 1)) - 8192; i++) ram[t.config - RAM_BASE + i] = 0xa1;
  w64(GITS.BASER, V | BigInt(t.device) | (2n << 8n));
  w64(GITS.BASER + 8, V | BigInt(t.collection) | (2n << 8n));
  w64(GITS.BASER + 16, V | 0x12340000n);
  w64(GITS.CBASER, V | BigInt(t.queue));
  for (let n = 0; n < 2; n++) {
    const want = V | (BigInt(n ? 4 : 1) << 56n) | (7n << 48n) | BigInt(n ? t.collection : t.device) | (2n << 8n);
    p(`GITS_BASER${n} ${r64(GITS.BASER + 8 * n) === want ? "as written, type and size kept" : "?"}`);
  }
  hex64("GITS_BASER2", r64(GITS.BASER + 16));
  p(`GITS_CBASER ${r64(GITS.CBASER) === (V | BigInt(t.queue)) ? "as written" : "?"}`);
  w32(GITS.CTLR, 1);
  p(`GITS_CTLR ${hex(r32(GITS.CTLR), 8)}`);
  w64(GITS.BASER, 0n);
  p(`GITS_BASER0 ${r64(GITS.BASER) ? "kept" : "cleared"} while enabled`);

  mapd(0, 4, t.itt0, true);
  mapd(1, 13, t.itt1, true);
  mapc(0, 0);
  mapc(1, 1);
  mapti(0, 0, 8192, 0);
  mapti(0, 1, 8193, 1);
  cmd(dev(0x0b, 1), 8194n, 0n, 0n); // MAPI
  cmd(0x05n, 0n, 0n, 0n); // SYNC
  showQueue("after mapping");
  hex64("DTE 0", q(t.device));
  hex64("DTE 1", q(t.device + 8));
  hex64("CTE 0", q(t.collection));
  hex64("CTE 1", q(t.collection + 8));
  for (let ev = 0; ev < 3; ev++) p(`ITE 0/${ev} ${ite(t.itt0, ev)}`);
  p(`ITE 1/8194 ${ite(t.itt1, 8194)}`);

  w32(GITS.TRANSLATER, 0);
  showPending("TRANSLATER 0");
  ack("TRANSLATER 0");
  showPending("after the ack");
  its.write(GITS.TRANSLATER, 2, 1, 0);
  showPending("TRANSLATER 1 (16-bit)");
  ack("TRANSLATER 1 (16-bit)");
  movi(0, 1, 0);
  showPending("MOVI 0/1 to collection 0");
  p(`ITE 0/1 ${hex(q(t.itt0 + 12), 16)}`);
  ack("MOVI 0/1 to collection 0");

  evCmd(0x03, 1, 8194);
  showPending("INT 1/8194");
  evCmd(0x04, 1, 8194);
  showPending("CLEAR 1/8194");
  evCmd(0x0c, 1, 8194);
  cmd(0x0dn, 0n, 0n, 0n);
  showQueue("INV, INVALL");

  movi(0, 1, 1);
  evCmd(0x03, 0, 1);
  showPending("MOVI back, INT 0/1");
  movall(1, 0);
  showPending("MOVALL 1 -> 0");
  ack("MOVALL 1 -> 0");
  movall(0, 0);

  evCmd(0x0f, 0, 0);
  p(`ITE 0/0 after DISCARD ${ite(t.itt0, 0)}`);
  w32(GITS.TRANSLATER, 0);
  showPending("TRANSLATER 0 after DISCARD");

  mapd(0x10000, 4, t.itt0, true);
  mapd(2, 16, t.itt0, true);
  mapti(0, 3, 100, 0);
  mapti(0, 32, 8195, 0);
  mapc(3, 2);
  cmd(0x22n, 0n, 0n, 0n);
  cmd(0x77n, 0n, 0n, 0n);
  showQueue("skipped commands");
  hex64("DTE 2", q(t.device + 16));

  mapd(2, 4, 0x5000_0000, true);
  mapti(2, 0, 8195, 0);
  showQueue("MAPTI to an ITT outside RAM");
  w64(GITS.CWRITER, BigInt(wr));
  showQueue("CWRITER again");
  w64(GITS.CREADR, BigInt(wr));
  showQueue("CREADR written");
  mapd(2, 4, t.itt0, false);
  showQueue("MAPD V=0");
  hex64("DTE 2", q(t.device + 16));

  w32(GITS.CTLR, 0);
  p(`GITS_CTLR ${hex(r32(GITS.CTLR), 8)}`);
  w32(GITS.TRANSLATER, 1);
  showPending("TRANSLATER while disabled");

  dv.setBigUint64(t.l1dev - RAM_BASE + 8, V | BigInt(t.l2dev), true);
  dv.setBigUint64(t.l1col - RAM_BASE, V | BigInt(t.l2col), true);
  w64(GITS.BASER, V | (1n << 62n) | BigInt(t.l1dev) | (2n << 8n));
  w64(GITS.BASER + 8, V | (1n << 62n) | BigInt(t.l1col) | (2n << 8n));
  w64(GITS.CBASER, V | BigInt(t.queue));
  w64(GITS.CWRITER, BigInt(wr = 0));
  w32(GITS.CTLR, 1);
  showQueue("two-level tables");
  mapd(8192 + 3, 4, t.itt0, true);
  mapd(5, 4, t.itt0, true);
  mapc(2, 1);
  mapti(8192 + 3, 0, 8196, 2);
  evCmd(0x03, 8192 + 3, 0);
  mapti(5, 0, 8197, 2);
  showQueue("two-level commands");
  hex64("L2 DTE 8195", q(t.l2dev + 24));
  hex64("L2 CTE 2", q(t.l2col + 16));
  hex64("L1 0 of the device table", q(t.l1dev));
  showPending("INT 8195/0");
  p(`${acked} LPIs acknowledged`);
  return out.join("\n") + "\n";
}

describe.skipIf(lacksCommand(QEMU_SYSTEM_AARCH64))("gicv3-its.elf: our ITS against QEMU 7.2's", () => {
  it("every line QEMU prints, our ITS gives too", () => {
    const r = spawnSync(QEMU_SYSTEM_AARCH64, qemuArgv(["-M", "virt,gic-version=3,its=on", "-cpu", "cortex-a57", "-smp", "2",
      "-m", "128M", "-nographic", "-monitor", "none", "-semihosting", "-kernel", ELF]), { encoding: "latin1", timeout: 60_000 });
    const qemu = r.stdout + r.stderr;
    expect(r.status).toBe(3);
    const m = /tables: device (\w+) collection (\w+) queue (\w+) itt (\w+) (\w+) config (\w+) pending (\w+) (\w+)/.exec(qemu)!;
    const [device, collection, queue, itt0, itt1, config, pending0, pending1] = m.slice(1).map((x) => parseInt(x, 16));
    const [l1dev, l1col, l2dev, l2col] = /two-level: l1 (\w+) (\w+) l2 (\w+) (\w+)/.exec(qemu)!.slice(1).map((x) => parseInt(x, 16));
    const ours = replay({ device, collection, queue, itt0, itt1, config, pending0, pending1, l1dev, l1col, l2dev, l2col });
    expect(ours.split("\n")).toEqual(qemu.split("\n"));
  }, 60_000);
});
