// Versatile Express motherboard system registers: QEMU 7.2's realview_sysctl
// (hw/misc/arm_sysctl.c) with a VExpress SYS_ID, as vexpress-a15 configures it
// (see ../shared/spec/machines.md §1 "System registers"). SYS_FLAGS is the secondary CPUs'
// boot register; SYS_CFGCTRL/SYS_CFGDATA reach the board's configuration functions
// (oscillators, voltages, shutdown, reboot). QEMU's SYS_100HZ reads 0; SYS_24MHZ counts the
// guest clock at 24 MHz. The registers' storage is QEMU 7.2's `realview_sysctl` vmstate
// (version 4, SYS_CFG registers and the oscillators included).
import type { Clock, MmioDevice } from "./device.js";
import { reg } from "./regs.js";
import type { DeviceVmstate } from "../snapshot/section.js";
import { u16, u32, vmsd } from "../snapshot/vmstate.js";

const LOCK_VALUE = 0xa05f;
const CFG_START = 1 << 31, CFG_WRITE = 1 << 30;
// SYS_CFGCTRL functions QEMU answers
const CFG_OSC = 1, CFG_VOLT = 2, CFG_MUXFPGA = 7, CFG_SHUTDOWN = 8, CFG_REBOOT = 9, CFG_DVIMODE = 11;
const SITE_MB = 0, SITE_DB1 = 1;
/** Motherboard oscillators at reset (Hz): static memory, CLCD, four IO FPGA clocks. */
const MB_CLOCKS = [50_000_000, 23_750_000, 24_000_000, 24_000_000, 24_000_000, 24_000_000];
/** The motherboard's one voltage sensor (VIO, µV). */
const MB_VOLTAGE = 3_300_000;

export const SYSREG_REGS = [
  reg("SYS_ID", 0x00, "ro", { reset: 0x1190f500 }),
  reg("SYS_SW", 0x04, "ro"),
  reg("SYS_LED", 0x08, "rw"),
  reg("SYS_OSC0", 0x0c, "ro"), reg("SYS_OSC1", 0x10, "ro"), reg("SYS_OSC2", 0x14, "ro"),
  reg("SYS_OSC3", 0x18, "ro"), reg("SYS_OSC4", 0x1c, "ro"),
  reg("SYS_LOCK", 0x20, "rw", { mask: 0xffff }),
  reg("SYS_100HZ", 0x24, "ro"),
  reg("SYS_CFGDATA1", 0x28, "rw"),
  reg("SYS_CFGDATA2", 0x2c, "rw"),
  reg("SYS_FLAGS", 0x30, "rw"), // writes set bits (SYS_FLAGSSET)
  reg("SYS_FLAGSCLR", 0x34, "wo"),
  reg("SYS_NVFLAGS", 0x38, "rw"), // writes set bits (SYS_NVFLAGSSET)
  reg("SYS_NVFLAGSCLR", 0x3c, "wo"),
  reg("SYS_RESETCTL", 0x40, "ro"), // reserved on VExpress: RAZ/WI
  reg("SYS_PCICTL", 0x44, "ro", { reset: 1 }),
  reg("SYS_MCI", 0x48, "ro"), // card detect / write protect inputs
  reg("SYS_FLASH", 0x4c, "ro"),
  reg("SYS_CLCD", 0x50, "ro"), // RAZ/WI on VExpress
  reg("SYS_CLCDSER", 0x54, "ro"),
  reg("SYS_BOOTCS", 0x58, "ro"),
  reg("SYS_24MHZ", 0x5c, "ro"),
  reg("SYS_MISC", 0x60, "ro"),
  reg("SYS_DMAPSR0", 0x64, "ro"), reg("SYS_DMAPSR1", 0x68, "ro"), reg("SYS_DMAPSR2", 0x6c, "ro"),
  reg("SYS_IOSEL", 0x70, "ro"), reg("SYS_PLDCTL", 0x74, "ro"), reg("SYS_BUSID", 0x80, "ro"),
  reg("SYS_PROCID0", 0x84, "ro", { reset: 0x14000237 }),
  reg("SYS_PROCID1", 0x88, "ro", { reset: 0xff000000 }),
  reg("SYS_OSCRESET0", 0x8c, "ro"), reg("SYS_OSCRESET1", 0x90, "ro"), reg("SYS_OSCRESET2", 0x94, "ro"),
  reg("SYS_OSCRESET3", 0x98, "ro"), reg("SYS_OSCRESET4", 0x9c, "ro"),
  reg("SYS_CFGDATA", 0xa0, "rw"),
  reg("SYS_CFGCTRL", 0xa4, "rw", { mask: 0x7ff3ffff }), // START triggers and reads 0; bits 19:18 RAZ
  reg("SYS_CFGSTAT", 0xa8, "rw", { mask: 3 }),
  reg("SYS_TEST_OSC0", 0xc0, "ro"), reg("SYS_TEST_OSC1", 0xc4, "ro"), reg("SYS_TEST_OSC2", 0xc8, "ro"),
  reg("SYS_TEST_OSC3", 0xcc, "ro"), reg("SYS_TEST_OSC4", 0xd0, "ro"),
] as const;

/** Offsets QEMU reads as a constant 0 (and whose writes it ignores or rejects). */
const READ_ZERO = new Set([0x04, 0x0c, 0x10, 0x14, 0x18, 0x1c, 0x24, 0x40, 0x4c, 0x54, 0x58, 0x60,
  0x64, 0x68, 0x6c, 0x70, 0x74, 0x80, 0x8c, 0x90, 0x94, 0x98, 0x9c, 0xc0, 0xc4, 0xc8, 0xcc, 0xd0]);
/** Offsets whose writes QEMU accepts and ignores. */
const WRITE_IGNORED = new Set([0x0c, 0x10, 0x14, 0x18, 0x1c, 0x40, 0x44, 0x4c, 0x50, 0x54,
  0x64, 0x68, 0x6c, 0x70, 0x74, 0x80, 0x84, 0x88, 0x8c, 0x90, 0x94, 0x98, 0x9c]);

export interface VexpressSysregOptions {
  clock: Clock;
  requestShutdown?: () => void;
  requestReset?: () => void;
  log?: (msg: string) => void;
  sysId?: number;
  procId?: number;
  /** Daughterboard voltage sensors (µV) and oscillator reset values (Hz): V2P-CA15 defaults. */
  dbVoltages?: readonly number[];
  dbClocks?: readonly number[];
}

/** vexpress-a15 daughterboard (V2P-CA15) values from QEMU's vexpress.c. */
export const CA15_VOLTAGES = [900_000] as const;
export const CA15_CLOCKS = [60_000_000, 0, 0, 0, 40_000_000, 23_750_000, 50_000_000, 60_000_000, 40_000_000] as const;

/** QEMU 7.2's vmstate_arm_sysctl: db_clock's length is the board's (not in the stream). */
export function sysctlVmsd(numDbClocks: number) {
  return vmsd("realview_sysctl", 4, [
    u32("leds"), u16("lockval"), u32("cfgdata1"), u32("cfgdata2"), u32("flags"), u32("nvflags"),
    u32("resetlevel"), u32("sys_mci"), u32("sys_cfgdata"), u32("sys_cfgctrl"), u32("sys_cfgstat"),
    u32("sys_clcd"), u32("mb_clock", MB_CLOCKS.length), u32("db_clock", { config: () => numDbClocks }),
  ]);
}

export class VexpressSysreg implements MmioDevice {
  readonly kind = "realview_sysctl";
  private readonly clock: Clock;
  private readonly sysId: number;
  private readonly procId: number;
  private readonly dbVoltages: readonly number[];
  private readonly dbClockReset: readonly number[];
  private readonly requestShutdown: () => void;
  private readonly requestReset: () => void;
  private readonly log: (msg: string) => void;
  private readonly logged = new Set<string>();

  /** QEMU's arm_sysctl_state fields (lockval 16 bits, mb_clock, db_clock). */
  private readonly s = {
    leds: 0, lockval: 0, cfgdata1: 0, cfgdata2: 0, flags: 0, nvflags: 0, resetlevel: 0,
    sys_mci: 0, sys_cfgdata: 0, sys_cfgctrl: 0, sys_cfgstat: 0, sys_clcd: 0,
    mb_clock: [...MB_CLOCKS] as number[], db_clock: [] as number[],
  };
  readonly vmstate: DeviceVmstate;

  constructor(opts: VexpressSysregOptions) {
    this.clock = opts.clock;
    this.sysId = opts.sysId ?? 0x1190f500;
    this.procId = opts.procId ?? 0x14000237;
    this.dbVoltages = opts.dbVoltages ?? CA15_VOLTAGES;
    this.dbClockReset = opts.dbClocks ?? CA15_CLOCKS;
    this.s.db_clock = [...this.dbClockReset];
    this.vmstate = { decl: sysctlVmsd(this.dbClockReset.length), state: this.s };
    this.requestShutdown = opts.requestShutdown ?? (() => {});
    this.requestReset = opts.requestReset ?? (() => {});
    this.log = opts.log ?? (() => {});
    this.reset();
  }

  /** As QEMU's arm_sysctl_reset: NVFLAGS, SYS_MCI and the SYS_CFG registers survive. */
  reset(): void {
    const s = this.s;
    s.leds = s.lockval = s.cfgdata1 = s.cfgdata2 = s.flags = s.resetlevel = 0;
    s.mb_clock = [...MB_CLOCKS];
    s.db_clock = [...this.dbClockReset];
    s.sys_clcd = 0; // VExpress: RAZ/WI
  }

  /** MMC card-detect (line 1) and write-protect (line 0) inputs, driven by the MMCI. */
  setMciLine(line: 0 | 1, level: boolean): void {
    const bit = line === 0 ? 2 : 1;
    this.s.sys_mci = level ? this.s.sys_mci | bit : this.s.sys_mci & ~bit;
  }

  /** The 24 MHz counter: guest ns × 24/1000, exact (ns·3/125 split to stay within 2^53). */
  counter24MHz(): number {
    const ns = Math.floor(this.clock.nowNs());
    const v = Math.floor(ns / 125) * 3 + Math.floor(((ns % 125) * 3) / 125);
    return v % 4294967296;
  }

  read(offset: number, size: number): number {
    let v: number;
    switch (offset) {
      case 0x00: v = this.sysId; break;
      case 0x08: v = this.s.leds; break;
      case 0x20: v = this.s.lockval; break;
      case 0x28: v = this.s.cfgdata1; break;
      case 0x2c: v = this.s.cfgdata2; break;
      case 0x30: v = this.s.flags; break;
      case 0x38: v = this.s.nvflags; break;
      case 0x44: v = 1; break; // PCICTL
      case 0x48: v = this.s.sys_mci; break;
      case 0x50: v = this.s.sys_clcd; break;
      case 0x5c: v = this.counter24MHz(); break;
      case 0x84: v = this.procId; break;
      case 0x88: v = 0xff000000; break;
      case 0xa0: v = this.s.sys_cfgdata; break;
      case 0xa4: v = this.s.sys_cfgctrl; break;
      case 0xa8: v = this.s.sys_cfgstat; break;
      default:
        if (READ_ZERO.has(offset)) return 0;
        this.logOnce(`r${offset}`, `vexpress-sysreg: read of bad offset 0x${offset.toString(16)}`);
        return 0;
    }
    return size >= 4 ? v >>> 0 : v & (size === 2 ? 0xffff : 0xff);
  }

  write(offset: number, _size: number, value: number): void {
    value >>>= 0;
    switch (offset) {
      case 0x08: this.s.leds = value; return;
      case 0x20: this.s.lockval = value === LOCK_VALUE ? value : value & 0x7fff; return;
      case 0x28: this.s.cfgdata1 = value; return;
      case 0x2c: this.s.cfgdata2 = value; return;
      case 0x30: this.s.flags = (this.s.flags | value) >>> 0; return;
      case 0x34: this.s.flags = (this.s.flags & ~value) >>> 0; return;
      case 0x38: this.s.nvflags = (this.s.nvflags | value) >>> 0; return;
      case 0x3c: this.s.nvflags = (this.s.nvflags & ~value) >>> 0; return;
      case 0xa0: this.s.sys_cfgdata = value; return;
      case 0xa4: this.writeCfgctrl(value); return;
      case 0xa8: this.s.sys_cfgstat = value & 3; return;
    }
    if (WRITE_IGNORED.has(offset)) return;
    this.logOnce(`w${offset}`, `vexpress-sysreg: write to bad offset 0x${offset.toString(16)}`);
  }

  private writeCfgctrl(value: number): void {
    this.s.sys_cfgctrl = (value & ~((3 << 18) | CFG_START)) >>> 0;
    if (value & CFG_START) {
      const c = this.s.sys_cfgctrl;
      const dcc = (c >>> 26) & 0xf, fn = (c >>> 20) & 0x3f, site = (c >>> 16) & 3;
      const position = (c >>> 12) & 0xf, device = c & 0xfff;
      this.s.sys_cfgstat = 1; // complete
      if (c & CFG_WRITE) {
        if (!this.cfgWrite(dcc, fn, site, position, device, this.s.sys_cfgdata)) this.s.sys_cfgstat |= 2;
      } else {
        const v = this.cfgRead(dcc, fn, site, position, device);
        if (v === undefined) this.s.sys_cfgstat |= 2;
        else this.s.sys_cfgdata = v >>> 0;
      }
    }
  }

  private cfgRead(dcc: number, fn: number, site: number, position: number, device: number): number | undefined {
    if (dcc === 0 && position === 0 && (site === SITE_MB || site === SITE_DB1)) {
      if (fn === CFG_VOLT) {
        if (site === SITE_DB1 && device < this.dbVoltages.length) return this.dbVoltages[device];
        if (site === SITE_MB && device === 0) return MB_VOLTAGE;
      } else if (fn === CFG_OSC) {
        if (site === SITE_MB && device < this.s.mb_clock.length) return this.s.mb_clock[device];
        if (site === SITE_DB1 && device < this.s.db_clock.length) return this.s.db_clock[device];
      }
    }
    this.unimplementedCfg("read", dcc, fn, site, position, device);
    return undefined;
  }

  private cfgWrite(dcc: number, fn: number, site: number, position: number, device: number, v: number): boolean {
    if (dcc === 0 && position === 0 && (site === SITE_MB || site === SITE_DB1)) {
      const mb0 = site === SITE_MB && device === 0;
      switch (fn) {
        case CFG_OSC:
          if (site === SITE_MB && device < this.s.mb_clock.length) { this.s.mb_clock[device] = v; return true; }
          if (site === SITE_DB1 && device < this.s.db_clock.length) { this.s.db_clock[device] = v; return true; }
          break;
        case CFG_MUXFPGA: // video output selection: accepted, nothing to switch
          if (mb0) { this.logOnce("muxfpga", "vexpress-sysreg: video output selection ignored"); return true; }
          break;
        case CFG_SHUTDOWN:
          if (mb0) { this.requestShutdown(); return true; }
          break;
        case CFG_REBOOT:
          if (mb0) { this.requestReset(); return true; }
          break;
        case CFG_DVIMODE:
          if (mb0) return true;
          break;
      }
    }
    this.unimplementedCfg("write", dcc, fn, site, position, device);
    return false;
  }

  private unimplementedCfg(kind: string, dcc: number, fn: number, site: number, position: number, device: number): void {
    const what = `function 0x${fn.toString(16)} DCC 0x${dcc.toString(16)} site 0x${site.toString(16)} position 0x${position.toString(16)} device 0x${device.toString(16)}`;
    this.logOnce(`cfg ${kind} ${what}`, `vexpress-sysreg: unimplemented SYS_CFGCTRL ${kind} of ${what}`);
  }

  private logOnce(key: string, msg: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.log(msg);
  }
}
