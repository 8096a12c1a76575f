// A region QEMU 7.2 maps on the board but armlet does not model (flash without --bios, the
// GICv2m frame, fw_cfg, the PCIe windows). Accesses complete, so the guest takes no external
// abort there, and read a fixed fill: zeros, or all ones where QEMU's region reads all ones
// (the PCIe host bridge's unmapped MMIO and I/O windows, "allow-unmapped-accesses"). The first
// access is logged, as for unassigned addresses.
import type { MmioDevice } from "./device.js";

export interface UnmodelledRegion {
  /** QEMU's name of the device or region (the log and `-v` name it). */
  name: string;
  base: number;
  size: number;
  /** What reads return (default "zeros"). */
  reads?: "zeros" | "ones";
}

export class UnmodelledDevice implements MmioDevice {
  readonly kind: string;
  private warned = false;

  constructor(private readonly region: UnmodelledRegion, private readonly log: (msg: string) => void) {
    this.kind = region.name;
  }

  read(offset: number, size: number): number {
    this.warn("read", offset);
    return this.region.reads === "ones" ? (size >= 4 ? 0xffffffff : (1 << (size * 8)) - 1) : 0;
  }

  write(offset: number): void { this.warn("write", offset); }

  private warn(what: string, offset: number): void {
    if (this.warned) return;
    this.warned = true;
    this.log(`${this.region.name}: not modelled by armlet; ${what} at 0x${(this.region.base + offset).toString(16)} ` +
      `${this.region.reads === "ones" ? "reads all ones" : "reads zero"}, writes are ignored`);
  }

  reset(): void {}
  saveState(): Record<string, unknown> { return {}; }
  loadState(): void {}
}
