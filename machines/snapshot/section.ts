// The sections a machine saves, in QEMU's order and with QEMU's names: every device, CPU and
// piece of machine state registers one here (idstr, instance, declaration, live state). The
// registry hands the stream reader a staging copy to decode into, so nothing live changes
// until the whole stream has been validated; then each section applies its staged state.
import type { VmsdDecl } from "./vmstate.js";

export interface SnapshotSection {
  /** QEMU's idstr ("pl011", "cpu", "virtio-mmio@000000000a003e00/virtio-blk"). */
  idstr: string;
  instanceId: number;
  decl: VmsdDecl;
  /** The live state object the declaration describes. */
  state(): any;
  /** Bring the state object up to date before it is written (lazy counters, queues). */
  preSave?(): void;
  /** An object to decode into: a copy of the live state, so fields the stream lacks keep theirs. */
  staging(): any;
  /**
   * Check the staged state before anything is applied (a configuration that must match, a
   * policy decision); throw an ArmletError to refuse the stream, note decisions in the report.
   */
  check?(staged: any, report: LoadReport): void;
  /** Make the staged state the live one (everything was validated first). */
  load(staged: any): void;
  /** After every section and RAM are loaded: recompute what is derived, re-assert outputs. */
  postLoad?(): void;
  /** A section QEMU has no equivalent of (armlet's own): written with its own description. */
  armletOnly?: boolean;
}

/** What loading decided and noticed, for the user (printed with -v, and always when a policy decided). */
export interface LoadReport {
  /** Policy decisions (a register skipped, a constant kept): each makes the report print. */
  decisions: string[];
  /** Facts worth saying with -v (sections skipped, defaults kept). */
  notes: string[];
}

/** The migration face of a device: its declaration over its own state object, plus hooks. */
export interface DeviceVmstate {
  decl: VmsdDecl;
  /** The object the declaration describes (the device keeps its live state in it). */
  state: object;
  preSave?(): void;
  /** Check a staged copy before anything is applied: mask values into range and report each change,
   *  or refuse what the device cannot take (QEMU's post_load failures) with an ArmletError. */
  check?(staged: any, report: LoadReport): void;
  /** After loading: recompute derived state and re-drive interrupt lines from it. */
  postLoad?(): void;
}

/** Deep copy of a state object (typed arrays, bigints, nested objects and arrays). */
export function cloneState<T>(s: T): T {
  return structuredClone(s);
}

/** A section over a device's DeviceVmstate: staged state is copied into the live object. */
export function deviceSection(idstr: string, instanceId: number, v: DeviceVmstate): SnapshotSection {
  return {
    idstr, instanceId, decl: v.decl,
    state: () => v.state,
    preSave: v.preSave,
    staging: () => cloneState(v.state),
    check: v.check,
    load: (staged) => assignState(v.state, staged),
    postLoad: v.postLoad,
  };
}

/** Copy every field of `from` into `to`, keeping `to`'s typed arrays (filled in place). */
export function assignState(to: any, from: any): void {
  for (const [k, v] of Object.entries(from)) {
    const cur = to[k];
    if (ArrayBuffer.isView(cur) && ArrayBuffer.isView(v) && (cur as any).length === (v as any).length && !(cur instanceof DataView)) {
      (cur as any).set(v as any);
    } else {
      to[k] = v;
    }
  }
}

export class SectionRegistry {
  private readonly list: SnapshotSection[] = [];

  /** Add a section; the instance id defaults to QEMU's rule: the next free one for this idstr. */
  add(s: Omit<SnapshotSection, "instanceId"> & { instanceId?: number }): SnapshotSection {
    const instanceId = s.instanceId ?? this.list.filter((x) => x.idstr === s.idstr).length;
    if (this.find(s.idstr, instanceId)) throw new Error(`snapshot section ${s.idstr} instance ${instanceId} registered twice`);
    const sec = { ...s, instanceId } as SnapshotSection;
    this.list.push(sec);
    return sec;
  }

  /** Register a device's state under QEMU's idstr. */
  addDevice(idstr: string, v: DeviceVmstate, instanceId?: number): SnapshotSection {
    return this.add(deviceSection(idstr, instanceId ?? this.list.filter((x) => x.idstr === idstr).length, v));
  }

  find(idstr: string, instanceId: number): SnapshotSection | undefined {
    return this.list.find((s) => s.idstr === idstr && s.instanceId === instanceId);
  }

  /** In registration order, which is the order of the stream. */
  all(): readonly SnapshotSection[] { return this.list; }
}
