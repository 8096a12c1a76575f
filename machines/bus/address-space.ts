// The physical address space seen by MMIO: devices mapped at bases. An access where nothing is
// mapped completes as a "decode error" (QEMU's MEMTX_DECODE_ERROR): reads give 0 and the core is
// told through onDecodeError, so it can take the external abort the board's CPU takes (or not,
// on boards that ignore failed transactions). Logged once per page.
import type { MmioDevice } from "../devices/device.js";

interface Mapping { base: number; size: number; device: MmioDevice; name: string }

export class AddressSpace {
  private maps: Mapping[] = [];
  private warned = new Set<number>();

  /** Index of the CPU whose access is being served (set by the machine around each CPU's slice). */
  currentCpu = 0;

  /** Called for every access nothing answered (the machine flags it to the core). */
  onDecodeError: () => void = () => {};

  constructor(private readonly log: (msg: string) => void = () => {}) {}

  map(name: string, base: number, size: number, device: MmioDevice): void {
    for (const m of this.maps) {
      if (base < m.base + m.size && m.base < base + size) throw new Error(`${name} overlaps ${m.name}`);
    }
    this.maps.push({ name, base, size, device });
    this.maps.sort((a, b) => a.base - b.base);
  }

  private find(pa: number): Mapping | undefined {
    for (const m of this.maps) if (pa >= m.base && pa < m.base + m.size) return m;
    return undefined;
  }

  read(paLo: number, paHi: number, size: number): number {
    const pa = paHi * 2 ** 32 + (paLo >>> 0);
    const m = this.find(pa);
    if (!m) { this.unassigned("read", pa, size); return 0; }
    return m.device.read(pa - m.base, size, this.currentCpu) >>> 0;
  }

  write(paLo: number, paHi: number, size: number, value: number): void {
    const pa = paHi * 2 ** 32 + (paLo >>> 0);
    const m = this.find(pa);
    if (!m) { this.unassigned("write", pa, size); return; }
    m.device.write(pa - m.base, size, value >>> 0, this.currentCpu);
  }

  devices(): { name: string; base: number; size: number; device: MmioDevice }[] { return [...this.maps]; }

  private unassigned(kind: string, pa: number, size: number): void {
    this.onDecodeError();
    const page = Math.floor(pa / 4096);
    if (this.warned.has(page)) return;
    this.warned.add(page);
    this.log(`unassigned ${kind} of ${size} bytes at 0x${pa.toString(16)}`);
  }
}
