// ARM PrimeCell UART (PL011), as QEMU's hw/char/pl011.c behaves: TX completes at once,
// a 16-entry RX FIFO, interrupt status from RIS & IMSC.
import { type MmioDevice, type IrqLine, NO_IRQ } from "./device.js";
import { reg, regByOffset, primecellIds } from "./regs.js";

const FR_RXFE = 0x10, FR_TXFF = 0x20, FR_RXFF = 0x40, FR_TXFE = 0x80;
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

export class Pl011 implements MmioDevice {
  readonly kind = "pl011";
  private r = new Map<string, number>();
  private rx: number[] = [];
  private ris = 0;

  constructor(private readonly out: (byte: number) => void, private readonly irq: IrqLine = NO_IRQ) {
    this.reset();
  }

  reset(): void {
    for (const d of PL011_REGS) this.r.set(d.name, d.reset ?? 0);
    this.rx = [];
    this.ris = 0;
    this.update();
  }

  /** Bytes arriving from the host side (stdin). */
  receive(bytes: Iterable<number>): void {
    for (const b of bytes) {
      if (this.rx.length >= FIFO_DEPTH) break;
      this.rx.push(b & 0xff);
    }
    if (this.rx.length) this.ris |= INT_RX | INT_RT;
    this.update();
  }

  get rxSpace(): number { return FIFO_DEPTH - this.rx.length; }

  read(offset: number, _size: number): number {
    switch (offset) {
      case 0x000: {
        const v = this.rx.shift() ?? 0;
        if (this.rx.length === 0) this.ris &= ~(INT_RX | INT_RT);
        this.update();
        return v;
      }
      case 0x018: {
        let fr = FR_TXFE;
        if (this.rx.length === 0) fr |= FR_RXFE;
        if (this.rx.length >= FIFO_DEPTH) fr |= FR_RXFF;
        return fr;
      }
      case 0x03c: return this.ris;
      case 0x040: return this.ris & (this.r.get("IMSC") ?? 0);
      case 0x044: return 0;
    }
    const d = BY_OFFSET.get(offset);
    if (!d || d.access === "wo") return 0;
    return this.r.get(d.name) ?? 0;
  }

  write(offset: number, _size: number, value: number): void {
    switch (offset) {
      case 0x000:
        this.out(value & 0xff);
        this.ris |= INT_TX; // TX FIFO drains at once
        this.update();
        return;
      case 0x044:
        this.ris &= ~value;
        this.update();
        return;
      case 0x018: case 0x03c: case 0x040: return; // read-only
    }
    const d = BY_OFFSET.get(offset);
    if (!d || d.access === "ro") return;
    this.r.set(d.name, (value & (d.mask ?? 0xffffffff)) >>> 0);
    if (d.name === "IMSC") this.update();
  }

  private update(): void {
    this.irq.set((this.ris & (this.r.get("IMSC") ?? 0)) !== 0);
  }

  saveState(): Record<string, unknown> {
    return { regs: Object.fromEntries(this.r), rx: [...this.rx], ris: this.ris };
  }
  loadState(s: Record<string, unknown>): void {
    this.r = new Map(Object.entries(s.regs as Record<string, number>));
    this.rx = [...(s.rx as number[])];
    this.ris = s.ris as number;
    this.update();
  }
}
