// virtio-serial-device (virtio console, device ID 3) as QEMU 7.2's hw/char/virtio-serial-bus.c,
// with its ports (virtconsole, virtserialport: hw/char/virtio-console.c). Queues: port 0 receive
// and transmit are 0 and 1, the control queues 2 (device → driver) and 3, port n ≥ 1 uses 2n+2
// and 2n+3; QEMU creates all of them whatever the driver negotiates. MULTIPORT is offered when
// max_ports > 1, EMERG_WRITE unless emergency-write=off. A driver without MULTIPORT (Linux's
// early console, kvm-unit-tests) only sees port 0, which is "guest connected" from DRIVER_OK.
// A port with a backend (chardev) is host-connected; without one its output is discarded.
//
// Migration: QEMU 7.2's "virtio-console" v3 (the virtio blob; its device part is
// virtio_serial_save_device: the config words, the port-id bitmap and each port's guest/host
// connection). Host input waiting for the guest's buffers travels in armlet's own
// `armlet-virtio-serial` (QEMU leaves it in the chardev).
import { usageError } from "../errors.js";
import { type VirtioDevice, type VirtioHost, type VirtioMigration, VIRTIO_ID_CONSOLE, bit, configReadBytes } from "./virtio/device.js";
import { gather, scatter, chainBytes, type Chain } from "./virtio/queue.js";
import { serialMigration } from "./virtio/serial-vmstate.js";

export const VIRTIO_CONSOLE_F_SIZE = 0;
export const VIRTIO_CONSOLE_F_MULTIPORT = 1;
export const VIRTIO_CONSOLE_F_EMERG_WRITE = 2;

/** Control message events (virtio 1.x §5.3.6.2). */
export const CONSOLE_EVENT = {
  DEVICE_READY: 0, PORT_ADD: 1, PORT_REMOVE: 2, PORT_READY: 3, CONSOLE_PORT: 4, RESIZE: 5, PORT_OPEN: 6, PORT_NAME: 7,
} as const;

export const CONTROL_RX = 2;
export const CONTROL_TX = 3;
/** Receive (device → driver) and transmit queues of port `id`. */
export const portQueues = (id: number): [number, number] => (id === 0 ? [0, 1] : [2 * id + 2, 2 * id + 3]);
/** QEMU: each port takes 2 of VIRTIO_QUEUE_MAX (1024) queues, one pair is the control queues. */
export const MAX_SUPPORTED_PORTS = 511;
/** virtconsole's and virtserialport's "nr" default: pick a free id. */
export const VIRTIO_CONSOLE_BAD_ID = 0xffffffff;
/** struct virtio_console_control: u32 id, u16 event, u16 value. */
const CONTROL_SIZE = 8;

/** Where a port's output goes: a chardev. */
export interface PortBackend { write(bytes: Uint8Array): void }

export interface SerialPortOptions {
  /** virtconsole (true) or virtserialport. */
  console: boolean;
  /** Port id (QEMU's nr); absent: the first virtconsole takes 0, others the lowest free id. */
  nr?: number;
  name?: string;
  backend?: PortBackend;
}

export interface SerialPort {
  readonly id: number;
  readonly console: boolean;
  readonly name?: string;
  readonly backend?: PortBackend;
  /** The host side is open (QEMU: a chardev is attached). */
  readonly hostConnected: boolean;
  /** The driver opened the port (PORT_OPEN, or DRIVER_OK for port 0 without MULTIPORT). */
  guestConnected: boolean;
  /** Host input waiting for receive buffers. */
  input: number[];
}

export interface VirtioSerialOptions {
  /** QEMU's max_ports (1..511, default 31): the config's max_nr_ports; > 1 offers MULTIPORT. */
  maxPorts?: number;
  /** QEMU's emergency-write (default on): offer EMERG_WRITE and a 12-byte config space. */
  emergencyWrite?: boolean;
  log?: (msg: string) => void;
}

export class VirtioSerial implements VirtioDevice {
  readonly deviceId = VIRTIO_ID_CONSOLE;
  readonly name = "virtio-serial-device";
  readonly features: bigint;
  readonly queueSizes: readonly number[];
  readonly configSize: number;
  readonly maxPorts: number;
  readonly ports: SerialPort[] = [];
  private readonly emergencyWrite: boolean;
  /** Port ids in use; id 0 is always reserved for a console (QEMU's ports_map). */
  private readonly used = new Set<number>([0]);
  /** The config bytes as the driver last wrote them (only emerg_wr has an effect). */
  private readonly config: Uint8Array;
  private readonly log: (msg: string) => void;
  private host!: VirtioHost;
  readonly migration: VirtioMigration;

  constructor(opts: VirtioSerialOptions = {}) {
    const max = opts.maxPorts ?? 31;
    if (max === 0) throw usageError("max_ports must be at least 1");
    if (!Number.isInteger(max) || max < 0 || max > MAX_SUPPORTED_PORTS) {
      throw usageError(`max_ports ${max} is above the ${MAX_SUPPORTED_PORTS} ports supported`);
    }
    this.maxPorts = max;
    this.emergencyWrite = opts.emergencyWrite ?? true;
    this.log = opts.log ?? (() => {});
    this.features = (max > 1 ? bit(VIRTIO_CONSOLE_F_MULTIPORT) : 0n) | (this.emergencyWrite ? bit(VIRTIO_CONSOLE_F_EMERG_WRITE) : 0n);
    this.queueSizes = [128, 128, 32, 32, ...new Array<number>(2 * (max - 1)).fill(128)];
    this.configSize = this.emergencyWrite ? 12 : 8;
    this.config = new Uint8Array(12);
    this.migration = serialMigration(this);
  }

  /** The port-id bitmap in 32-bit words, as QEMU's ports_map. */
  portsMap(): number[] {
    const words = new Array<number>(Math.ceil(this.maxPorts / 32)).fill(0);
    for (const id of this.used) if (id < words.length * 32) words[id >> 5] = (words[id >> 5] | (1 << (id & 31))) >>> 0;
    return words;
  }

  /** After a load: the guest learns of a host side that changed (QEMU's post_load), input flows again. */
  resumePorts(hostChanged: readonly number[]): void {
    for (const id of hostChanged) {
      const p = this.port(id);
      if (p && this.host.running && this.multiport) this.sendControl(id, CONSOLE_EVENT.PORT_OPEN, p.hostConnected ? 1 : 0);
    }
    for (const p of this.ports) this.deliver(p);
  }

  /** Finish a chain a QEMU stream held for a port: the rest of its bytes to the backend, then used. */
  finishTransmit(id: number, chain: Chain, skip: number): void {
    const p = this.port(id);
    const q = portQueues(id)[1];
    const data = gather(this.host.ram, chain.readable).subarray(skip);
    if (p?.hostConnected && data.length) p.backend?.write(data);
    this.host.push(q, chain, 0);
    this.host.notify(q);
  }

  /** Plug a port (QEMU's virtser_port_device_realize): usage errors as QEMU's. */
  addPort(o: SerialPortOptions): SerialPort {
    const nr = o.nr ?? VIRTIO_CONSOLE_BAD_ID;
    if (nr !== VIRTIO_CONSOLE_BAD_ID && this.port(nr)) throw usageError(`a port already exists at id ${nr}`);
    let id = nr;
    if (id === VIRTIO_CONSOLE_BAD_ID) {
      if (o.console && !this.port(0)) id = 0;
      else {
        // QEMU's find_free_port_id scans its bitmap in 32-bit words: it may find an id past
        // max_ports, which the range check below then refuses.
        const bits = Math.ceil(this.maxPorts / 32) * 32;
        id = 0;
        while (id < bits && this.used.has(id)) id++;
        if (id === bits) throw usageError("maximum port limit for this device reached");
      }
    }
    if (id >= this.maxPorts) throw usageError(`port id ${id} is out of range, max. allowed: ${this.maxPorts - 1}`);
    if (id === 0 && !o.console) throw usageError("port number 0 is reserved for virtconsole devices");
    const port: SerialPort = {
      id, console: o.console, name: o.name, backend: o.backend, hostConnected: o.backend !== undefined,
      guestConnected: false, input: [],
    };
    this.used.add(id);
    this.ports.push(port);
    return port;
  }

  port(id: number): SerialPort | undefined { return this.ports.find((p) => p.id === id); }

  attach(host: VirtioHost): void { this.host = host; }

  private get multiport(): boolean { return this.host.hasFeature(VIRTIO_CONSOLE_F_MULTIPORT); }

  /** Device reset (QEMU's guest_reset): every port is closed on the guest side. */
  reset(): void {
    for (const p of this.ports) p.guestConnected = false;
    this.config.fill(0);
  }

  driverOk(): void {
    const p0 = this.port(0);
    if (p0 && !this.multiport) p0.guestConnected = true;
    for (const p of this.ports) this.deliver(p);
  }

  configRead(offset: number, size: number): number {
    // QEMU's get_config: cols and rows read 0, max_nr_ports the property; emerg_wr reads back 0.
    const cfg = new Uint8Array(this.configSize);
    new DataView(cfg.buffer).setUint32(4, this.maxPorts, true);
    return configReadBytes(cfg, offset, size);
  }

  configWrite(offset: number, size: number, value: number): void {
    if (offset < 0 || offset + size > this.configSize) return;
    for (let i = 0; i < size; i++) this.config[offset + i] = (value >>> (8 * i)) & 0xff;
    if (!this.emergencyWrite) return;
    const emerg = this.config.subarray(8, 12);
    if (emerg.every((b) => b === 0)) return;
    // QEMU's set_config: the low byte of emerg_wr goes to the first host-connected console, and
    // the field is cleared so a later short write is not taken for another emergency write.
    const byte = emerg[0];
    emerg.fill(0);
    const port = this.ports.find((p) => p.console && p.hostConnected);
    port?.backend?.write(Uint8Array.of(byte));
  }

  /** Host input for port `id` (default 0): waits until the driver opened it and posted buffers. */
  receive(bytes: Iterable<number>, id = 0): void {
    const p = this.port(id);
    if (!p) return;
    for (const b of bytes) p.input.push(b & 0xff);
    if (this.host) this.deliver(p);
  }

  queueNotify(q: number): void {
    if (q === CONTROL_TX) { this.controlOut(); return; }
    if (q === CONTROL_RX) return;
    const id = q < 2 ? 0 : (q >> 1) - 1;
    const p = this.port(id);
    if (q & 1) this.transmit(q, p);
    else if (p) this.deliver(p);
  }

  /** The driver wrote to a port (QEMU's handle_output): to the backend, or discarded. */
  private transmit(q: number, p: SerialPort | undefined): void {
    let any = false;
    for (let c = this.host.pop(q); c; c = this.host.pop(q)) {
      if (p?.hostConnected) p.backend?.write(gather(this.host.ram, c.readable));
      this.host.push(q, c, 0);
      any = true;
    }
    if (any) this.host.notify(q);
  }

  /** Host input into the port's receive buffers once the guest is connected (virtio_serial_write). */
  private deliver(p: SerialPort): void {
    if (!p.input.length || !p.hostConnected || !p.guestConnected || !this.host.running) return;
    const q = portQueues(p.id)[0];
    let any = false;
    while (p.input.length) {
      const c = this.host.pop(q);
      if (!c) break;
      const n = Math.min(chainBytes(c.writable), p.input.length);
      scatter(this.host.ram, c.writable, Uint8Array.from(p.input.splice(0, n)));
      this.host.push(q, c, n);
      any = true;
    }
    if (any) this.host.notify(q);
  }

  // ---- control queues (MULTIPORT) ----

  private controlOut(): void {
    let any = false;
    for (let c = this.host.pop(CONTROL_TX); c; c = this.host.pop(CONTROL_TX)) {
      this.handleControl(gather(this.host.ram, c.readable));
      this.host.push(CONTROL_TX, c, 0);
      any = true;
    }
    if (any) this.host.notify(CONTROL_TX);
  }

  /** A control message from the driver (QEMU's handle_control_message). */
  private handleControl(msg: Uint8Array): void {
    if (msg.length < CONTROL_SIZE) return; // QEMU ignores short packets
    const dv = new DataView(msg.buffer, msg.byteOffset, msg.length);
    const id = dv.getUint32(0, true), event = dv.getUint16(4, true), value = dv.getUint16(6, true);
    if (event === CONSOLE_EVENT.DEVICE_READY) {
      if (!value) { this.log("virtio-serial: the guest failed to add the device"); return; }
      for (const p of this.ports) this.sendControl(p.id, CONSOLE_EVENT.PORT_ADD, 1);
      return;
    }
    const p = this.port(id);
    if (!p) { this.log(`virtio-serial: control message for unknown port id ${id}`); return; }
    switch (event) {
      case CONSOLE_EVENT.PORT_READY:
        if (!value) { this.log(`virtio-serial: the guest failed to add port ${id}`); return; }
        if (p.console) this.sendControl(id, CONSOLE_EVENT.CONSOLE_PORT, 1);
        if (p.name !== undefined) this.sendControl(id, CONSOLE_EVENT.PORT_NAME, 1, new TextEncoder().encode(`${p.name}\0`));
        if (p.hostConnected) this.sendControl(id, CONSOLE_EVENT.PORT_OPEN, 1);
        return;
      case CONSOLE_EVENT.PORT_OPEN:
        p.guestConnected = value !== 0;
        this.deliver(p);
        return;
      default:
        return;
    }
  }

  /** Device → driver control message; dropped when the driver has no buffer posted (as QEMU). */
  private sendControl(id: number, event: number, value: number, tail = new Uint8Array(0)): void {
    const c = this.host.pop(CONTROL_RX);
    if (!c) return;
    const msg = new Uint8Array(CONTROL_SIZE + tail.length);
    const dv = new DataView(msg.buffer);
    dv.setUint32(0, id, true);
    dv.setUint16(4, event, true);
    dv.setUint16(6, value, true);
    msg.set(tail, CONTROL_SIZE);
    scatter(this.host.ram, c.writable, msg);
    // QEMU reports the whole message as written even when the buffer was shorter.
    this.host.push(CONTROL_RX, c, msg.length);
    this.host.notify(CONTROL_RX);
  }
}
