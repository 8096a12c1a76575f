// virtio-serial-device's migration (virtio-serial.ts): QEMU 7.2's device part of the virtio
// blob (virtio_serial_save_device) and armlet's `armlet-virtio-serial` section (host input the
// guest has not taken yet). A stream whose ports differ from this machine's --device ports is
// refused, as QEMU refuses it.
import { usageError } from "../../errors.js";
import type { ByteReader, ByteWriter } from "../../snapshot/bytes.js";
import { struct, u32, u8, vmsd } from "../../snapshot/vmstate.js";
import type { VirtioMigration } from "./device.js";
import { elementChain, readElement, writeElement, type ElementMig } from "./element.js";
import type { Chain } from "./queue.js";

/** What the migration needs of the device (virtio-serial.ts's VirtioSerial). */
interface SerialDevice {
  readonly maxPorts: number;
  readonly ports: { id: number; guestConnected: boolean; hostConnected: boolean; input: number[] }[];
  portsMap(): number[];
  resumePorts(hostChanged: readonly number[]): void;
  finishTransmit(id: number, chain: Chain, skip: number): void;
}

interface PortMig { id: number; guest_connected: boolean; host_connected: boolean; elem: { iov_idx: number; iov_offset: bigint; e: ElementMig } | null }
interface SerialMig { max_nr_ports: number; ports_map: number[]; ports: PortMig[] }

const ARMLET_PORT = vmsd("armlet-virtio-serial/port", 1, [u32("id"), u32("input_len"), u8("input", { field: "input_len" })]);
export const ARMLET_SERIAL_VMSD = vmsd("armlet-virtio-serial", 1, [u32("nr_ports"), struct("ports", ARMLET_PORT, { field: "nr_ports" })]);

function write(w: ByteWriter, s: SerialMig): void {
  w.u16(0); w.u16(0); // cols, rows: QEMU reads and ignores them
  w.u32(s.max_nr_ports);
  for (const word of s.ports_map) w.u32(word);
  w.u32(s.ports.length);
  for (const p of s.ports) {
    w.u32(p.id); w.u8(p.guest_connected ? 1 : 0); w.u8(p.host_connected ? 1 : 0);
    w.u32(p.elem ? 1 : 0);
    if (p.elem) { w.u32(p.elem.iov_idx); w.u64(p.elem.iov_offset); writeElement(w, p.elem.e); }
  }
}

function read(r: ByteReader): SerialMig {
  r.u16("virtio-serial cols"); r.u16("virtio-serial rows");
  const at = r.pos;
  const max = r.u32("virtio-serial max_nr_ports");
  if (max > 511) r.fail(`virtio-serial: ${max} ports (at most 511)`, at);
  const ports_map = Array.from({ length: Math.ceil(max / 32) }, () => r.u32("virtio-serial ports_map"));
  const nAt = r.pos;
  const n = r.u32("virtio-serial active ports");
  if (n > max) r.fail(`virtio-serial: ${n} active ports of ${max}`, nAt);
  const ports: PortMig[] = [];
  for (let i = 0; i < n; i++) {
    const id = r.u32("port id"), gc = r.u8("guest_connected"), hc = r.u8("host_connected");
    const eAt = r.pos;
    const popped = r.u32("elem_popped");
    if (popped > 1) r.fail(`virtio-serial port ${id}: elem_popped ${popped}`, eAt);
    const elem = popped ? { iov_idx: r.u32("iov_idx"), iov_offset: r.u64("iov_offset"), e: readElement(r, `virtio-serial port ${id} element`) } : null;
    ports.push({ id, guest_connected: gc !== 0, host_connected: hc !== 0, elem });
  }
  return { max_nr_ports: max, ports_map, ports };
}

export function serialMigration(dev: SerialDevice): VirtioMigration {
  let loaded: SerialMig | undefined;
  const inputs = { nr_ports: 0, ports: [] as { id: number; input_len: number; input: number[] }[] };
  const idsOf = (map: number[]) => map.flatMap((w, k) => Array.from({ length: 32 }, (_, b) => ((w >>> b) & 1 ? 32 * k + b : -1)).filter((x) => x >= 0));
  return {
    vmsdName: "virtio-console", version: 3,
    part: {
      capture: (): SerialMig => ({
        max_nr_ports: dev.maxPorts, ports_map: dev.portsMap(),
        ports: dev.ports.map((p) => ({ id: p.id, guest_connected: p.guestConnected, host_connected: p.hostConnected, elem: null })),
      }),
      write, read,
      check: (s: SerialMig) => {
        const mine = dev.portsMap();
        const same = s.max_nr_ports <= dev.maxPorts && mine.every((w, k) => (s.ports_map[k] ?? 0) === w) && s.ports_map.length <= mine.length;
        if (!same) {
          throw usageError(`virtio-serial-device: the snapshot's port ids are [${idsOf(s.ports_map).join(", ")}] of max_ports ${s.max_nr_ports}, ` +
            `this machine's [${idsOf(mine).join(", ")}] of ${dev.maxPorts}: give the same --device ports`);
        }
      },
      restore: (s: SerialMig) => {
        for (const m of s.ports) {
          const p = dev.ports.find((x) => x.id === m.id);
          if (p) p.guestConnected = m.guest_connected;
        }
        loaded = s;
      },
    },
    armlet: {
      decl: ARMLET_SERIAL_VMSD, state: inputs,
      preSave: () => {
        inputs.ports = dev.ports.map((p) => ({ id: p.id, input_len: p.input.length, input: [...p.input] }));
        inputs.nr_ports = inputs.ports.length;
      },
      postLoad: () => {
        for (const p of dev.ports) p.input = [];
        for (const m of inputs.ports) {
          const p = dev.ports.find((x) => x.id === m.id);
          if (p) p.input = m.input.slice(0, m.input_len).map((b) => b & 0xff);
        }
      },
    },
    afterLoad: () => {
      const s = loaded;
      loaded = undefined;
      if (!s) return;
      for (const m of s.ports) {
        if (!m.elem) continue;
        const e = m.elem;
        const chain = elementChain(e.e);
        const done = chain.readable.slice(0, e.iov_idx).reduce((n, b) => n + b.len, 0) + Number(e.iov_offset);
        dev.finishTransmit(m.id, chain, done);
      }
      const changed = s.ports.filter((m) => dev.ports.find((p) => p.id === m.id)?.hostConnected !== m.host_connected).map((m) => m.id);
      dev.resumePorts(changed);
    },
  };
}
