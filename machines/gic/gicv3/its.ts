// The GICv3 Interrupt Translation Service as QEMU 7.2's TCG `arm-gicv3-its` (virt: 0x0808_0000,
// 128 KiB). The control frame (first 64 KiB) holds the registers; the translation frame's
// GITS_TRANSLATER (+0x10040) turns a (DeviceID, EventID) write into an LPI on the
// redistributor of the event's collection. A CPU's write carries requester ID 0, so it is
// DeviceID 0's event (virt has no PCI devices here to bring other IDs).
//
// As QEMU: GITS_TYPER says Physical, 12-byte ITEs, 16 EventID bits, 16 DeviceID bits, CIL 1
// with 16 collection ID bits, PTA 0 (RDbase = processor number); GITS_BASER0 is the device
// table and GITS_BASER1 the collection table (64 KiB pages, 8-byte entries, flat or
// two-level); the others are RAZ/WI. CBASER and BASER<n> are read-only while enabled. The
// queue runs on a CWRITER write (or on enabling) straight to CWRITER (its-commands.ts).
// The 32-bit halves of the 64-bit registers are what our bus delivers (a 64-bit access comes
// as two 32-bit ones, low half first); QEMU treats 64-bit accesses the same way.
import type { MmioDevice } from "../../devices/device.js";
import { reg, type RegDef } from "../../devices/regs.js";
import type { DeviceVmstate } from "../../snapshot/section.js";
import { refuseState } from "../../devices/vmstate-util.js";
import { type ItsContext, LpiRequest, processEvent, processQueue } from "./its-commands.js";
import type { GicV3LpiTarget } from "./lpi-target.js";
import {
  type CmdQueueDesc, type ItsMemory, type TableDesc, BASER_TYPE_COLLECTION, BASER_TYPE_DEVICE,
  cmdqParams, emptyTable, tableParams,
} from "./its-tables.js";
import { ARM_GICV3_ITS_DECL, type ItsRegs, newItsRegs } from "./its-vmstate.js";

export const ITS_BASE = 0x0808_0000;
export const ITS_SIZE = 0x20000;
/** The translation frame, after the 64 KiB control frame. */
export const ITS_TRANSLATION_FRAME = 0x10000;

export const GITS = {
  CTLR: 0x0, IIDR: 0x4, TYPER: 0x8, CBASER: 0x80, CWRITER: 0x88, CREADR: 0x90, BASER: 0x100,
  IDREGS: 0xffd0, TRANSLATER: ITS_TRANSLATION_FRAME + 0x40,
} as const;

const CTLR_ENABLED = 1;
const CTLR_QUIESCENT = 0x8000_0000;
/** GITS_IIDR (and GICD/GICR_IIDR): Arm, r0p0, product 0, as a GIC-500 r0p0. */
export const ITS_IIDR = 0x43b;
/** Physical, ITT_entry_size 12-1, IDbits 15, Devbits 15, CIDbits 15, CIL 1 (and PTA, SEIS, Virtual 0). */
export const ITS_TYPER = 1n | (11n << 4n) | (15n << 8n) | (15n << 13n) | (15n << 32n) | (1n << 36n);
/** GITS_BASER<n>.Entry_Size and .Type: fixed by the ITS. */
const BASER_RO_MASK = (0x1fn << 48n) | (7n << 56n);
/** BASER0 / BASER1 at reset: the type, 64 KiB pages, 8-byte entries. */
export const BASER0_RESET = (BigInt(BASER_TYPE_DEVICE) << 56n) | (7n << 48n) | (2n << 8n);
export const BASER1_RESET = (BigInt(BASER_TYPE_COLLECTION) << 56n) | (7n << 48n) | (2n << 8n);
/** CoreSight ID registers from 0xffd0 (PIDR4..7, PIDR0..3, CIDR0..3): ITS part 0x94, GICv3. */
const ID_REGS = [0x44, 0, 0, 0, 0x94, 0xb4, 0x3b, 0, 0x0d, 0xf0, 0x05, 0xb1];

const LO32 = 0xffff_ffffn;

/** The register map, 32 bits a row (the high halves of the 64-bit ones at +4). */
export const ITS_REGS: readonly RegDef[] = [
  reg("GITS_CTLR", GITS.CTLR, "rw", { reset: CTLR_QUIESCENT, mask: CTLR_ENABLED }),
  reg("GITS_IIDR", GITS.IIDR, "ro", { reset: ITS_IIDR }),
  reg("GITS_TYPER", GITS.TYPER, "ro", { reset: Number(ITS_TYPER & LO32) }),
  reg("GITS_TYPER_HI", GITS.TYPER + 4, "ro", { reset: Number(ITS_TYPER >> 32n) }),
  reg("GITS_CBASER", GITS.CBASER, "rw"),
  reg("GITS_CBASER_HI", GITS.CBASER + 4, "rw"),
  reg("GITS_CWRITER", GITS.CWRITER, "rw", { mask: 0xffff_fffe }),
  reg("GITS_CWRITER_HI", GITS.CWRITER + 4, "rw"),
  // writable when GICD_CTLR.DS is set (always, on virt without EL3)
  reg("GITS_CREADR", GITS.CREADR, "ro"),
  reg("GITS_CREADR_HI", GITS.CREADR + 4, "ro"),
  ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((n) => [
    reg(`GITS_BASER${n}`, GITS.BASER + 8 * n, "rw", { reset: n < 2 ? Number([BASER0_RESET, BASER1_RESET][n] & LO32) : 0 }),
    reg(`GITS_BASER${n}_HI`, GITS.BASER + 8 * n + 4, "rw", { reset: n < 2 ? Number([BASER0_RESET, BASER1_RESET][n] >> 32n) : 0 }),
  ]),
  ...ID_REGS.map((v, i) => reg(`GITS_IDREG${i}`, GITS.IDREGS + 4 * i, "ro", { reset: v })),
  reg("GITS_TRANSLATER", GITS.TRANSLATER, "wo"),
];

export interface GicV3ItsOptions {
  target: GicV3LpiTarget;
  /** Guest RAM, where the command queue and the tables live. */
  ram: ItsMemory;
  log?: (msg: string) => void;
  /** GICD_CTLR.DS (the GIC has no security, or it is disabled): CREADR becomes writable. Default true. */
  gicdCtlrDs?: () => boolean;
}

export class GicV3Its implements MmioDevice {
  readonly kind = "arm-gicv3-its";
  /** The registers, named and laid out as QEMU's section (its-vmstate.ts). */
  readonly regs: ItsRegs = newItsRegs();
  readonly vmstate: DeviceVmstate;
  /** Table and queue geometry, derived from the registers when the ITS is enabled. */
  private dt: TableDesc = emptyTable();
  private ct: TableDesc = emptyTable();
  private cq: CmdQueueDesc = { numEntries: 0, baseAddr: 0 };
  private readonly target: GicV3LpiTarget;
  private readonly ram: ItsMemory;
  private readonly log: (msg: string) => void;
  private readonly ds: () => boolean;
  private readonly logged = new Set<string>();

  constructor(opts: GicV3ItsOptions) {
    this.target = opts.target;
    this.ram = opts.ram;
    this.log = opts.log ?? (() => {});
    this.ds = opts.gicdCtlrDs ?? (() => true);
    this.vmstate = {
      decl: ARM_GICV3_ITS_DECL,
      state: this.regs,
      check: (staged: ItsRegs) => checkItsRegs(staged),
      postLoad: () => { if (this.enabled) this.deriveGeometry(); },
    };
    this.reset();
  }

  get enabled(): boolean { return (this.regs.ctlr & CTLR_ENABLED) !== 0; }

  reset(): void {
    const r = this.regs;
    r.ctlr = CTLR_QUIESCENT;
    r.iidr = 0;
    r.cbaser = r.cwriter = r.creadr = 0n;
    r.baser.fill(0n);
    r.baser[0] = BASER0_RESET;
    r.baser[1] = BASER1_RESET;
    this.dt = emptyTable();
    this.ct = emptyTable();
    this.cq = { numEntries: 0, baseAddr: 0 };
  }

  read(offset: number, size: number, _cpu = 0): number {
    if (offset >= ITS_TRANSLATION_FRAME) return 0; // TRANSLATER is write-only, the rest RES0
    if (size !== 4) return this.bad(`read of ${size} bytes at 0x${offset.toString(16)}`), 0;
    const v = this.readReg(offset);
    if (v === undefined) return this.bad(`read at 0x${offset.toString(16)}`), 0;
    return v >>> 0;
  }

  write(offset: number, size: number, value: number, _cpu = 0): void {
    if (offset >= ITS_TRANSLATION_FRAME) {
      if (offset === GITS.TRANSLATER && (size === 2 || size === 4)) this.translate(0, size === 2 ? value & 0xffff : value >>> 0);
      return;
    }
    if (size !== 4) return this.bad(`write of ${size} bytes at 0x${offset.toString(16)}`);
    if (!this.writeReg(offset, value >>> 0)) this.bad(`write at 0x${offset.toString(16)}`);
  }

  /**
   * An MSI: `eventid` written to GITS_TRANSLATER by device `devid`. Ignored while disabled.
   * Returns false where QEMU's write fails (a table read failed), true otherwise.
   */
  translate(devid: number, eventid: number): boolean {
    if (!this.enabled) return true;
    return processEvent(this.context(), devid, eventid, LpiRequest.Translate) !== 0;
  }

  private readReg(off: number): number | undefined {
    const r = this.regs;
    const half = (v: bigint, o: number) => Number(o & 4 ? v >> 32n : v & LO32);
    switch (off) {
      case GITS.CTLR: return r.ctlr;
      case GITS.IIDR: return ITS_IIDR;
      case GITS.TYPER: case GITS.TYPER + 4: return half(ITS_TYPER, off);
      case GITS.CBASER: case GITS.CBASER + 4: return half(r.cbaser, off);
      case GITS.CREADR: case GITS.CREADR + 4: return half(r.creadr, off);
      case GITS.CWRITER: case GITS.CWRITER + 4: return half(r.cwriter, off);
    }
    if (off >= GITS.BASER && off < GITS.BASER + 0x40 && !(off & 3)) return half(r.baser[(off - GITS.BASER) >> 3], off);
    if (off >= GITS.IDREGS && off < GITS.IDREGS + 0x30 && !(off & 3)) return ID_REGS[(off - GITS.IDREGS) >> 2];
    return undefined;
  }

  /** False for an offset that is no register (QEMU logs it; the write is ignored either way). */
  private writeReg(off: number, v: number): boolean {
    const r = this.regs;
    const deposit = (old: bigint, o: number, val: bigint) => (o & 4 ? (old & LO32) | (val << 32n) : (old & ~LO32) | val);
    switch (off) {
      case GITS.CTLR:
        if (v & CTLR_ENABLED) {
          r.ctlr |= CTLR_ENABLED;
          this.deriveGeometry();
          this.runQueue();
        } else {
          r.ctlr &= ~CTLR_ENABLED;
        }
        return true;
      case GITS.CBASER: case GITS.CBASER + 4:
        // read-only while enabled (QEMU's IMPDEF choice); a new queue starts at offset 0
        if (!this.enabled) { r.cbaser = deposit(r.cbaser, off, BigInt(v)); r.creadr = 0n; }
        return true;
      case GITS.CWRITER:
        r.cwriter = deposit(r.cwriter, off, BigInt(v & ~1)); // Retry is not kept
        if (r.cwriter !== r.creadr) this.runQueue();
        return true;
      case GITS.CWRITER + 4:
        r.cwriter = deposit(r.cwriter, off, BigInt(v));
        return true;
      case GITS.CREADR: case GITS.CREADR + 4:
        if (this.ds()) r.creadr = deposit(r.creadr, off, BigInt(off & 4 ? v : v & ~1));
        else this.bad(`write to read-only GITS_CREADR`);
        return true;
      case GITS.IIDR:
        this.bad(`write to read-only GITS_IIDR`);
        return true;
    }
    if (off >= GITS.BASER && off < GITS.BASER + 0x40) {
      const n = (off - GITS.BASER) >> 3;
      // read-only while enabled; unimplemented ones (reset value 0) are RAZ/WI
      if (this.enabled || r.baser[n] === 0n) return true;
      const val = (off & 4 ? BigInt(v) << 32n : BigInt(v)) & ~BASER_RO_MASK;
      const keep = BASER_RO_MASK | (off & 4 ? LO32 : LO32 << 32n);
      r.baser[n] = (r.baser[n] & keep) | val;
      return true;
    }
    if (off >= GITS.IDREGS && off < GITS.IDREGS + 0x30) return this.bad(`write to read-only ID register`), true;
    return false;
  }

  private deriveGeometry(): void {
    ({ dt: this.dt, ct: this.ct } = tableParams(this.regs.baser));
    this.cq = cmdqParams(this.regs.cbaser);
  }

  private runQueue(): void {
    if (this.enabled) processQueue(this.context(), this.cq, this.regs);
  }

  private context(): ItsContext {
    return { mem: this.ram, target: this.target, dt: this.dt, ct: this.ct, log: (m) => this.guestError(m) };
  }

  private bad(what: string): void {
    this.guestError(`gicv3-its: invalid guest ${what}`);
  }

  /** Guest errors are logged once per distinct message (a guest may repeat one forever). */
  private guestError(msg: string): void {
    if (this.logged.has(msg) || this.logged.size > 256) return;
    this.logged.add(msg);
    this.log(msg);
  }
}

/**
 * A stream no QEMU 7.2 GICv3 ITS could write: a BASER with a type other than the device and
 * collection tables (QEMU's post_load would assert on it). Refused before anything is applied.
 */
function checkItsRegs(s: ItsRegs): void {
  for (let n = 0; n < 8; n++) {
    const v = BigInt(s.baser[n]);
    const type = Number((v >> 56n) & 7n);
    if (v !== 0n && type !== BASER_TYPE_DEVICE && type !== BASER_TYPE_COLLECTION) {
      throw refuseState("arm_gicv3_its", `GITS_BASER${n} has table type ${type}, which a GICv3 ITS does not have`);
    }
  }
}
