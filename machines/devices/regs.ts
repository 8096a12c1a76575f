// Register tables for devices (Renode style): one row per register with offset, access and
// reset; the device supplies behaviour for the rows that need it. Used by the devices and by
// tests that walk every register (reset values, read-only bits).

export interface RegDef {
  name: string;
  offset: number;
  /** "rw" plain storage; "ro" reads a value the device computes or a constant; "wo" write-only. */
  access: "rw" | "ro" | "wo";
  reset?: number;
  /** Bits that writes may change (rw registers). */
  mask?: number;
}

export function reg(name: string, offset: number, access: RegDef["access"], opts: { reset?: number; mask?: number } = {}): RegDef {
  return { name, offset, access, ...opts };
}

export function regByOffset(table: readonly RegDef[]): Map<number, RegDef> {
  return new Map(table.map((r) => [r.offset, r]));
}

/** PrimeCell identification registers at 0xfe0..0xffc (PeriphID0-3, PCellID0-3). */
export function primecellIds(periph: readonly number[], cell = [0x0d, 0xf0, 0x05, 0xb1]): RegDef[] {
  return [...periph, ...cell].map((v, i) =>
    reg(i < 4 ? `PeriphID${i}` : `PCellID${i - 4}`, 0xfe0 + 4 * i, "ro", { reset: v }));
}
