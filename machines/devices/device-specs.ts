// --device in QEMU's syntax (`DRIVER[,prop=value...]`): the device models armlet can create, as a
// table with their properties, the `help` listings in QEMU's format (kvm-unit-tests greps
// `-device ?` for "virtconsole"), and the creation of the devices in command-line order.
import { ArmletError, usageError } from "../errors.js";
import { isHelpWord, parseBool, parseQemuOpts, parseUint32 } from "../qemu-opts.js";
import type { Chardev } from "../chardev/chardev.js";
import type { VirtioDevice } from "./virtio/device.js";
import { VIRTIO_CONSOLE_BAD_ID, VirtioSerial } from "./virtio-serial.js";

type PropType = "bool" | "uint32" | "str";
interface PropDef { type: PropType; help?: string; default?: string }
interface DeviceDef { bus: "virtio-bus" | "virtio-serial-bus"; props: Record<string, PropDef> }

const portProps: Record<string, PropDef> = {
  chardev: { type: "str", help: "ID of a chardev to use as a backend" },
  name: { type: "str" },
  nr: { type: "uint32", help: "", default: String(VIRTIO_CONSOLE_BAD_ID) },
};

/** The devices armlet has, by QEMU's names (all in QEMU's "Input devices" category). */
export const DEVICE_DEFS: Record<string, DeviceDef> = {
  virtconsole: { bus: "virtio-serial-bus", props: portProps },
  "virtio-serial-device": {
    bus: "virtio-bus",
    props: {
      "emergency-write": { type: "bool", help: "on/off", default: "true" },
      max_ports: { type: "uint32", help: "", default: "31" },
    },
  },
  virtserialport: { bus: "virtio-serial-bus", props: portProps },
};

/** QEMU devices armlet refuses, and why (never listed by `help`, so probes do not pick them). */
const REFUSED: Record<string, string> = {
  "pci-testdev": "it is a PCI device and armlet's virt has no PCIe host bridge yet",
};

export type PropValue = string | number | boolean;
export interface DeviceSpec { driver: string; props: Record<string, PropValue>; text: string }

/** Parse one --device value (unknown device or property, bad value: usage error, exit 64). */
export function parseDevice(text: string): DeviceSpec {
  const o = parseQemuOpts("--device", text, "driver");
  const what = `--device '${text}'`;
  if (!o.head) throw usageError(`${what}: no device name given (--device help lists them)`);
  const refused = REFUSED[o.head];
  if (refused) throw usageError(`${what}: armlet does not have ${o.head} (${refused})`);
  const def = Object.hasOwn(DEVICE_DEFS, o.head) ? DEVICE_DEFS[o.head] : undefined;
  if (!def) throw usageError(`${what}: '${o.head}' is not a device armlet has (${Object.keys(DEVICE_DEFS).join(", ")})`);
  const props: Record<string, PropValue> = {};
  for (const [k, v] of o.props) {
    const p = Object.hasOwn(def.props, k) ? def.props[k] : undefined;
    if (!p) throw usageError(`${what}: ${o.head} has no property '${k}' (${Object.keys(def.props).join(", ")})`);
    props[k] = p.type === "bool" ? parseBool(what, k, v) : p.type === "uint32" ? parseUint32(what, k, v) : v;
  }
  return { driver: o.head, props, text };
}

/** QEMU's `-device help` listing for what armlet has. */
export function deviceHelp(): string {
  const rows = Object.entries(DEVICE_DEFS).map(([name, d]) => `name "${name}", bus ${d.bus}`);
  return `Input devices:\n${rows.join("\n")}\n`;
}

/** QEMU's `-device DRIVER,help`: the properties of one device. */
export function devicePropsHelp(driver: string): string {
  const rows = Object.entries(DEVICE_DEFS[driver].props).sort(([a], [b]) => a.localeCompare(b)).map(([k, p]) => {
    const head = `  ${k}=<${p.type}>`;
    if (p.help === undefined) return head;
    return `${head.padEnd(24)} - ${p.help}${p.default !== undefined ? ` (default: ${p.default})` : ""}`;
  });
  return `${driver} options:\n${rows.join("\n")}\n`;
}

/**
 * The listing a --device or --chardev value asks for (`help`, `?`, `DRIVER,help`), or null when
 * it is an ordinary value. `chardevListing` renders the --chardev one.
 */
export function helpRequest(option: "--device" | "--chardev", text: string, chardevListing: () => string): string | null {
  const o = parseQemuOpts(option, text, option === "--device" ? "driver" : "backend");
  if (!isHelpWord(o.head) && !o.help) return null;
  if (option === "--chardev") return chardevListing();
  if (isHelpWord(o.head)) return deviceHelp();
  if (!Object.hasOwn(DEVICE_DEFS, o.head)) parseDevice(o.head); // the same error as running it
  return devicePropsHelp(o.head);
}

/**
 * Create the devices in command-line order (QEMU's): ports join the first virtio-serial-device
 * given before them. Errors name the --device value, as QEMU's name the -device option.
 */
export function buildDevices(specs: readonly DeviceSpec[], chardevs: ReadonlyMap<string, Chardev>, log: (msg: string) => void): VirtioDevice[] {
  const devices: VirtioDevice[] = [];
  const serials: VirtioSerial[] = [];
  const usedChardevs = new Set<string>();
  const names = new Set<string>();
  for (const s of specs) {
    const fail = (msg: string) => usageError(`--device '${s.text}': ${msg}`);
    try {
      if (s.driver === "virtio-serial-device") {
        const d = new VirtioSerial({ maxPorts: s.props.max_ports as number | undefined, emergencyWrite: s.props["emergency-write"] as boolean | undefined, log });
        serials.push(d);
        devices.push(d);
        continue;
      }
      // virtconsole, virtserialport
      const bus = serials[0];
      if (!bus) throw fail(`no virtio-serial-device before it to plug into (QEMU: no 'virtio-serial-bus' bus)`);
      const id = s.props.chardev as string | undefined;
      const chr = id === undefined ? undefined : chardevs.get(id);
      if (id !== undefined && !chr) throw fail(`no --chardev with id '${id}'`);
      if (id !== undefined && usedChardevs.has(id)) throw fail(`chardev '${id}' is already in use by another device`);
      const name = s.props.name as string | undefined;
      if (name !== undefined && names.has(name)) throw fail(`a port named '${name}' already exists`);
      bus.addPort({ console: s.driver === "virtconsole", nr: s.props.nr as number | undefined, name, backend: chr });
      if (id !== undefined) usedChardevs.add(id);
      if (name !== undefined) names.add(name);
    } catch (e) {
      if (e instanceof ArmletError && !e.message.startsWith("--device")) throw fail(e.message);
      throw e;
    }
  }
  return devices;
}
