// ARM PrimeCell UART (PL011), as QEMU's hw/char/pl011.c behaves: TX completes at once,
// a 16-entry RX FIFO, interrupt status from RIS & IMSC. The live state is QEMU 7.2's
// `pl011` vmstate (field names and order), so the declaration below is its migration section.
import { type MmioDevice, type IrqLine, NO_IRQ } from "./device.js";
import { reg, regByOffset, primecellIds } from "./regs.js";
import type { DeviceVmstate } from "../snapshot/section.js";
import { i32, struct, subsection, u32, u64, vmsd } from "../snapshot/vmstate.js";
import { refuseState } from "./vmstate-util.js";

const FR_RXFE = 0x10, FR_RXFF = 0x40, FR_TXFE = 0x80;
const INT_RX = 0x10, INT_TX = 0x20, INT_RT = 0x40;
const FIFO_DEPTH = 16;

export const PL011_REGS = [
  reg("DR", 0x000, "rw"),
  reg("RSR_ECR", 0x004, "rw"),
  reg("FR", 0x018, "ro", { reset: FR_RXFE | FR_TXFE }),
  reg("ILPR", 0x020, "rw", { mask: 0xff }),
  reg("IBRD", 0x024, "rw", { mask: 0xffff }),
  reg("FBRD", 0x028, "rw", { mask: 0x3f }),
  reg("LCR_H", 0x02c, "rw", { mask: 0xff }),
  reg("CR", 0x030, "rw", { reset: 0x300, mask: 0xffff }),
  reg("IFLS", 0x034, "rw", { reset: 0x12, mask: 0x3f }),
  reg("IMSC", 0x038, "rw", { mask: 0x7ff }),
  reg("RIS", 0x03c, "ro"),
  reg("MIS", 0x040, "ro"),
  reg("ICR", 0x044, "wo"),
  reg("DMACR", 0x048, "rw", { mask: 0x7 }),
  ...primecellIds([0x11, 0x10, 0x14, 0x00]),
] as const;
const BY_OFFSET = regByOffset(PL011_REGS);

/** QEMU 7.2's vmstate_pl011 (the clock subsection: the UART's input clock period, 0 = unconnected). */
export const PL011_VMSD = vmsd("pl011", 2, [
  u32("readbuff"), u32("flags"), u32("lcr"), u32("rsr"), u32("cr"), u32("dmacr"),
  u32("int_enabled"), u32("int_level"), u32("read_fifo", FIFO_DEPTH),
  u32("ilpr"), u32("ibrd"), u32("fbrd"), u32("ifl"),
  i32("read_pos"), i32("read_count"), i32("read_trigger"),
], [subsection(vmsd("pl011/clock", 1, [struct("clk", vmsd("clock", 0, [u64("period")]))]), () => true)]);

/** The registers' storage, named as QEMU's PL011State (int_level = RIS, int_enabled = IMSC). */
function resetState() {
  return {
    readbuff: 0, flags: FR_RXFE | FR_TXFE, lcr: 0, rsr: 0, cr: 0x300, dmacr: 0,
    int_enabled: 0, int_level: 0, read_fifo: new Array<number>(FIFO_DEPTH).fill(0),
    ilpr: 0, ibrd: 0, fbrd: 0, ifl: 0x12, read_pos: 0, read_count: 0, read_trigger: 1,
    clk: { period: 0n },
  };
}
type Pl011State = ReturnType<typeof resetState>;

export class Pl011 implements MmioDevice {
  readonly kind = "pl011";
  private readonly s: Pl011State = resetState();
  readonly vmstate: DeviceVmstate;

  constructor(private readonly out: (byte: number) => void, private readonly irq: IrqLine = NO_IRQ) {
    this.vmstate = {
      decl: PL011_VMSD, state: this.s,
      // QEMU's pl011_post_load refuses FIFO indices outside the 16 entries.
      check: (st: Pl011State) => {
        if (st.read_pos < 0 || st.read_pos >= FIFO_DEPTH || st.read_count < 0 || st.read_count > FIFO_DEPTH) {
          throw refuseState("pl011", `receive FIFO position ${st.read_pos} with ${st.read_count} characters is outside its ${FIFO_DEPTH} entries`);
        }
      },
      postLoad: () => this.postLoad(),
    };
    this.reset();
  }

  reset(): void {
    Object.assign(this.s, resetState());
    this.update();
  }

  /** Bytes arriving from the host side (stdin). */
  receive(bytes: Iterable<number>): void {
    const s = this.s;
    for (const b of bytes) {
      if (s.read_count >= FIFO_DEPTH) break;
      s.read_fifo[(s.read_pos + s.read_count) % FIFO_DEPTH] = b & 0xff;
      s.read_count++;
    }
    if (s.read_count) s.int_level |= INT_RX | INT_RT;
    this.updateFlags();
    this.update();
  }

  get rxSpace(): number { return FIFO_DEPTH - this.s.read_count; }

  read(offset: number, _size: number): number {
    const s = this.s;
    switch (offset) {
      case 0x000: {
        let v = 0;
        if (s.read_count > 0) {
          v = s.read_fifo[s.read_pos];
          s.read_pos = (s.read_pos + 1) % FIFO_DEPTH;
          s.read_count--;
        }
        if (s.read_count === 0) s.int_level &= ~(INT_RX | INT_RT);
        this.updateFlags();
        this.update();
        return v;
      }
      case 0x004: return s.rsr;
      case 0x018: return s.flags;
      case 0x020: return s.ilpr;
      case 0x024: return s.ibrd;
      case 0x028: return s.fbrd;
      case 0x02c: return s.lcr;
      case 0x030: return s.cr;
      case 0x034: return s.ifl;
      case 0x038: return s.int_enabled;
      case 0x03c: return s.int_level;
      case 0x040: return s.int_level & s.int_enabled;
      case 0x048: return s.dmacr;
    }
    const d = BY_OFFSET.get(offset);
    if (!d || d.access === "wo") return 0;
    return d.reset ?? 0; // identification registers
  }

  write(offset: number, _size: number, value: number): void {
    const s = this.s;
    const d = BY_OFFSET.get(offset);
    const v = (value & (d?.mask ?? 0xffffffff)) >>> 0;
    switch (offset) {
      case 0x000:
        this.out(value & 0xff);
        s.int_level |= INT_TX; // TX FIFO drains at once
        this.update();
        return;
      case 0x004: s.rsr = 0; return; // ECR: a write clears the errors
      case 0x020: s.ilpr = v; return;
      case 0x024: s.ibrd = v; return;
      case 0x028: s.fbrd = v; return;
      case 0x02c: s.lcr = v; return;
      case 0x030: s.cr = v; return;
      case 0x034: s.ifl = v; return;
      case 0x038: s.int_enabled = v; this.update(); return;
      case 0x044: s.int_level &= ~value; this.update(); return;
      case 0x048: s.dmacr = v; return;
    }
    // FR, RIS, MIS, identification: read-only
  }

  /** FR as QEMU keeps it: FIFO empty/full; TX is always empty. */
  private updateFlags(): void {
    const s = this.s;
    s.flags = (s.flags & ~(FR_RXFE | FR_RXFF)) | FR_TXFE
      | (s.read_count === 0 ? FR_RXFE : 0) | (s.read_count >= FIFO_DEPTH ? FR_RXFF : 0);
  }

  private update(): void {
    this.irq.set((this.s.int_level & this.s.int_enabled) !== 0);
  }

  /** FR follows the FIFO (a stream's flags are not trusted); the line follows RIS & IMSC. */
  private postLoad(): void {
    this.updateFlags();
    this.update();
  }
}
