// The machine's one guest clock. Virtual mode (--icount): time is the number of instructions
// all CPUs retired times nsPerInsn, so a run is a pure function of its inputs. Host mode:
// monotonic host time since the machine started. Devices read it through Clock.nowNs(); the
// core reads the same time for the generic timer from S_TIME_BASE_NS/S_NS_PER_INSN + icount,
// which the scheduler keeps consistent for the CPU it runs (see cpus.ts).
import type { Clock } from "./devices/device.js";

export class GuestClock implements Clock {
  /** Virtual mode: guest ns at the start of the running slice (or now, between slices). */
  private baseNs = 0;
  /** Virtual mode: icount of the running CPU when its slice started, and a reader for its icount. */
  private sliceIcount = 0;
  private icountNow: (() => number) | undefined;
  private hostStart = process.hrtime.bigint();

  constructor(readonly nsPerInsn: number) {}

  get virtual(): boolean { return this.nsPerInsn > 0; }

  /** Host ns since the machine started (what the core's hostNowNs import returns). */
  hostNs(): number { return Number(process.hrtime.bigint() - this.hostStart); }

  nowNs(): number {
    if (!this.virtual) return this.hostNs();
    if (this.icountNow) return this.baseNs + (this.icountNow() - this.sliceIcount) * this.nsPerInsn;
    return this.baseNs;
  }

  /** A CPU starts a slice with this icount (virtual mode: time follows its instructions). */
  beginSlice(icount: number, icountNow: () => number): void {
    this.sliceIcount = icount;
    this.icountNow = icountNow;
  }

  /** The slice ended after `executed` instructions. */
  endSlice(executed: number): void {
    if (this.virtual) this.baseNs += executed * this.nsPerInsn;
    this.icountNow = undefined;
  }

  /** Resume from a snapshot: guest time is `ns` now (virtual mode: exactly; host mode: from now on). */
  restore(ns: number): void {
    if (this.virtual) this.baseNs = ns;
    else this.hostStart = process.hrtime.bigint() - BigInt(Math.round(ns));
  }

  /** Virtual mode: nothing runs until `ns` (all CPUs wait); time jumps there. */
  skipTo(ns: number): void {
    if (this.virtual && ns > this.baseNs) this.baseNs = ns;
  }
}
