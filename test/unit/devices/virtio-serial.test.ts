// virtio-serial-device through the virtio-mmio transport registers and rings in guest memory, as
// a driver sees it: features, config space, queue layout, port 0 without MULTIPORT (how
// kvm-unit-tests and early consoles use it), the control queues and port messages with
// MULTIPORT, emergency writes, and port-id allocation. The reset values are those QEMU 7.2
// reports to roms/tests/chr-testdev.c (test/roms/chr-testdev.test.ts compares the two).
import { describe, it, expect } from "vitest";
import { R, STATUS } from "../../../machines/devices/virtio-mmio.js";
import {
  CONSOLE_EVENT as EV, CONTROL_RX, CONTROL_TX, VirtioSerial, portQueues, type SerialPortOptions,
} from "../../../machines/devices/virtio-serial.js";
import { Driver } from "./virtio-driver.js";

const MULTIPORT = 1n << 1n, EMERG_WRITE = 1n << 2n;
const text = (s: string) => new TextEncoder().encode(s);

/** A device with ports whose output is recorded per port id. */
function serial(opts: ConstructorParameters<typeof VirtioSerial>[0] = {}, ports: Omit<SerialPortOptions, "backend">[] = [{ console: true }], connected = true) {
  const dev = new VirtioSerial(opts);
  const out = new Map<number, number[]>();
  for (const p of ports) {
    const port = dev.addPort({ ...p, backend: connected ? { write: (b) => out.get(port.id)!.push(...b) } : undefined });
    out.set(port.id, []);
  }
  const d = new Driver(true, dev);
  const got = (id: number) => String.fromCharCode(...out.get(id)!);
  return { dev, d, out, got };
}

/** Reset, negotiate `features` (legacy), set up `queues` (16 entries each) and set DRIVER_OK. */
function start(d: Driver, features: bigint, queues: number[]): void {
  d.w(R.STATUS, 0);
  d.w(R.STATUS, STATUS.ACKNOWLEDGE | STATUS.DRIVER);
  d.w(R.DRIVER_FEATURES_SEL, 0);
  d.w(R.DRIVER_FEATURES, Number(features));
  d.w(R.GUEST_PAGE_SIZE, 4096);
  for (const q of queues) d.setupQueue(q, 16);
  d.w(R.STATUS, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.DRIVER_OK);
}

/** Post `n` 64-byte receive buffers on control queue 2. */
function postControlBuffers(d: Driver, n = 8): number[] {
  d.on(CONTROL_RX);
  const bufs = Array.from({ length: n }, () => d.alloc(64));
  bufs.forEach((b, i) => d.submit([{ addr: b, len: 64, write: true }], i, i === n - 1, CONTROL_RX));
  return bufs;
}

function control(id: number, event: number, value: number): Uint8Array {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, id, true);
  dv.setUint16(4, event, true);
  dv.setUint16(6, value, true);
  return b;
}

/** Send control messages on queue 3; returns the messages the device put on queue 2. */
function sendControl(d: Driver, bufs: number[], ...msgs: Uint8Array[]): { id: number; event: number; value: number; len: number; tail: string }[] {
  d.on(CONTROL_TX);
  msgs.forEach((m, i) => d.submit([{ addr: d.alloc(m), len: m.length }], i * 2 % 16, true, CONTROL_TX));
  d.takeUsed();
  return d.on(CONTROL_RX).takeUsed().map(([head, len]) => {
    const b = d.peek(bufs[head], len);
    const dv = new DataView(b.buffer);
    return { id: dv.getUint32(0, true), event: dv.getUint16(4, true), value: dv.getUint16(6, true), len, tail: String.fromCharCode(...b.slice(8)) };
  });
}

describe("virtio-serial-device: what the driver reads", () => {
  it("device ID 3; features MULTIPORT and EMERG_WRITE plus the legacy transport's (QEMU 7.2: 0x39000006)", () => {
    const { d } = serial();
    expect(d.r(R.DEVICE_ID)).toBe(3);
    d.w(R.DEVICE_FEATURES_SEL, 0);
    expect(d.r(R.DEVICE_FEATURES)).toBe(0x39000006);
    d.w(R.DEVICE_FEATURES_SEL, 1);
    expect(d.r(R.DEVICE_FEATURES)).toBe(0);
  });

  it("max_ports=1 drops MULTIPORT, emergency-write=off drops EMERG_WRITE", () => {
    const one = serial({ maxPorts: 1 }).dev;
    expect(one.features & MULTIPORT).toBe(0n);
    expect(one.features & EMERG_WRITE).toBe(EMERG_WRITE);
    const quiet = serial({ emergencyWrite: false }).dev;
    expect(quiet.features).toBe(MULTIPORT);
    expect(quiet.configSize).toBe(8);
  });

  it("config space: cols 0, rows 0, max_nr_ports, emerg_wr 0; all-ones past its end", () => {
    const { d } = serial();
    expect(d.r(R.CONFIG)).toBe(0);
    expect(d.r(R.CONFIG + 4)).toBe(31);
    expect(d.t.read(R.CONFIG + 4, 1, 0)).toBe(31);
    expect(d.t.read(R.CONFIG + 4, 2, 0)).toBe(31);
    expect(d.r(R.CONFIG + 8)).toBe(0);
    expect(d.t.read(R.CONFIG + 12, 1, 0)).toBe(0xff);
    expect(d.r(R.CONFIG + 12)).toBe(0xffffffff);
    const { d: d8 } = serial({ maxPorts: 4, emergencyWrite: false });
    expect(d8.r(R.CONFIG + 4)).toBe(4);
    expect(d8.r(R.CONFIG + 8)).toBe(0xffffffff);
  });

  it("writes to cols/rows do not stick (QEMU refreshes them on every read)", () => {
    const { d } = serial();
    d.w(R.CONFIG, 0x00500019);
    expect(d.r(R.CONFIG)).toBe(0);
  });

  it("queues: 2 * (max_ports + 1) of them, port 0 at 0/1, control at 2/3, port n at 2n+2/2n+3", () => {
    const { d } = serial();
    const numMax = (q: number) => { d.w(R.QUEUE_SEL, q); return d.r(R.QUEUE_NUM_MAX); };
    for (const q of [0, 1, 2, 3, 4, 62, 63]) expect(numMax(q), `queue ${q}`).toBe(1024);
    expect(numMax(64)).toBe(0);
    const { d: one } = serial({ maxPorts: 1 });
    one.w(R.QUEUE_SEL, 3);
    expect(one.r(R.QUEUE_NUM_MAX)).toBe(1024);
    one.w(R.QUEUE_SEL, 4);
    expect(one.r(R.QUEUE_NUM_MAX)).toBe(0);
    expect([0, 1, 2, 30].map(portQueues)).toEqual([[0, 1], [4, 5], [6, 7], [62, 63]]);
  });
});

describe("virtio-serial-device: port 0 without MULTIPORT", () => {
  it("kvm-unit-tests' way: queues set up, no status or feature writes, a kick sends the bytes", () => {
    const { d, got } = serial();
    d.w(R.GUEST_PAGE_SIZE, 4096);
    d.setupQueue(0, 64);
    d.setupQueue(1, 64);
    d.submit([{ addr: d.alloc(text("3q")), len: 2 }], 0, true, 1);
    expect(got(0)).toBe("3q");
    expect(d.takeUsed()).toEqual([[0, 0]]); // QEMU returns transmit buffers with length 0
    expect(d.r(R.STATUS)).toBe(0);
  });

  it("several buffers in one chain and several chains per kick arrive in order", () => {
    const { d, got } = serial();
    start(d, 0n, [0, 1]);
    d.on(1);
    const a = d.alloc(text("ab")), b = d.alloc(text("cd")), c = d.alloc(text("ef"));
    d.submit([{ addr: a, len: 2 }, { addr: b, len: 2 }], 0, false, 1);
    d.submit([{ addr: c, len: 2 }], 2, true, 1);
    expect(got(0)).toBe("abcdef");
    expect(d.takeUsed()).toEqual([[0, 0], [2, 0]]);
    expect(d.r(R.INTERRUPT_STATUS) & 1).toBe(1);
  });

  it("a port with no chardev is closed on the host side: its output is discarded", () => {
    const { d, out } = serial({}, [{ console: true }], false);
    start(d, 0n, [0, 1]);
    d.on(1).submit([{ addr: d.alloc(text("lost")), len: 4 }], 0, true, 1);
    expect(d.takeUsed()).toEqual([[0, 0]]);
    expect(out.get(0)).toEqual([]);
  });

  it("host input reaches the guest only after DRIVER_OK and once receive buffers are posted", () => {
    const { dev, d } = serial();
    dev.receive(text("hi"));
    d.w(R.GUEST_PAGE_SIZE, 4096);
    d.setupQueue(0, 16);
    const rx = d.alloc(16);
    d.submit([{ addr: rx, len: 16, write: true }]);
    expect(d.takeUsed()).toEqual([]); // no DRIVER_OK yet: the port is not guest-connected
    d.w(R.STATUS, STATUS.ACKNOWLEDGE | STATUS.DRIVER | STATUS.DRIVER_OK);
    expect(d.takeUsed()).toEqual([[0, 2]]);
    expect(String.fromCharCode(...d.peek(rx, 2))).toBe("hi");
  });

  it("a device reset closes the port again: input waits for the next DRIVER_OK", () => {
    const { dev, d } = serial();
    start(d, 0n, [0, 1]);
    expect(dev.port(0)!.guestConnected).toBe(true);
    d.w(R.STATUS, 0);
    expect(dev.port(0)!.guestConnected).toBe(false);
  });
});

describe("virtio-serial-device: MULTIPORT and the control queues", () => {
  const ports = [{ console: true }, { console: false, name: "org.test.0" }, { console: true, nr: 5 }];

  it("DEVICE_READY: PORT_ADD for every port; PORT_READY: CONSOLE_PORT, PORT_NAME, PORT_OPEN", () => {
    const { d } = serial({}, ports);
    start(d, MULTIPORT, [0, 1, CONTROL_RX, CONTROL_TX, 4, 5]);
    const bufs = postControlBuffers(d);
    expect(sendControl(d, bufs, control(0, EV.DEVICE_READY, 1)).map((m) => [m.id, m.event, m.value]))
      .toEqual([[0, EV.PORT_ADD, 1], [1, EV.PORT_ADD, 1], [5, EV.PORT_ADD, 1]]);
    expect(sendControl(d, bufs, control(0, EV.PORT_READY, 1)).map((m) => [m.id, m.event, m.value]))
      .toEqual([[0, EV.CONSOLE_PORT, 1], [0, EV.PORT_OPEN, 1]]);
    const named = sendControl(d, bufs, control(1, EV.PORT_READY, 1));
    expect(named.map((m) => [m.id, m.event, m.value])).toEqual([[1, EV.PORT_NAME, 1], [1, EV.PORT_OPEN, 1]]);
    expect(named[0]).toMatchObject({ len: 8 + "org.test.0".length + 1, tail: "org.test.0\0" });
    expect(d.r(R.INTERRUPT_STATUS) & 1).toBe(1);
  });

  it("port 1 transmits on queue 5 and receives on queue 4 once the guest opened it", () => {
    const { dev, d, got } = serial({}, ports);
    start(d, MULTIPORT, [0, 1, CONTROL_RX, CONTROL_TX, 4, 5]);
    d.on(5).submit([{ addr: d.alloc(text("to host")), len: 7 }], 0, true, 5);
    expect(got(1)).toBe("to host");
    expect(got(0)).toBe("");
    dev.receive(text("to guest"), 1);
    const rx = d.alloc(32);
    d.on(4).submit([{ addr: rx, len: 32, write: true }], 0, true, 4);
    expect(d.takeUsed()).toEqual([]); // MULTIPORT: port 1 waits for PORT_OPEN
    const bufs = postControlBuffers(d);
    sendControl(d, bufs, control(1, EV.PORT_OPEN, 1));
    expect(dev.port(1)!.guestConnected).toBe(true);
    expect(d.on(4).takeUsed()).toEqual([[0, 8]]);
    expect(String.fromCharCode(...d.peek(rx, 8))).toBe("to guest");
    sendControl(d, bufs, control(1, EV.PORT_OPEN, 0));
    expect(dev.port(1)!.guestConnected).toBe(false);
  });

  it("with MULTIPORT, port 0 is not opened by DRIVER_OK alone", () => {
    const { dev, d } = serial({}, ports);
    start(d, MULTIPORT, [0, 1, CONTROL_RX, CONTROL_TX]);
    expect(dev.port(0)!.guestConnected).toBe(false);
  });

  it("a message to an unknown port, a short packet or a failure value is ignored (logged)", () => {
    const logs: string[] = [];
    const dev = new VirtioSerial({ log: (m) => logs.push(m) });
    dev.addPort({ console: true, backend: { write: () => {} } });
    const d = new Driver(true, dev);
    start(d, MULTIPORT, [0, 1, CONTROL_RX, CONTROL_TX]);
    const bufs = postControlBuffers(d);
    expect(sendControl(d, bufs, control(9, EV.PORT_READY, 1), control(0, EV.PORT_READY, 1).slice(0, 6),
      control(0, EV.DEVICE_READY, 0), control(0, EV.PORT_READY, 0))).toEqual([]);
    expect(logs.join("\n")).toMatch(/unknown port id 9[\s\S]*failed to add the device[\s\S]*failed to add port 0/);
  });

  it("device messages are dropped when no control buffer is posted (QEMU queues none)", () => {
    const { d } = serial({}, ports);
    start(d, MULTIPORT, [0, 1, CONTROL_RX, CONTROL_TX]);
    expect(sendControl(d, [], control(0, EV.DEVICE_READY, 1))).toEqual([]);
    const bufs = postControlBuffers(d, 1);
    expect(sendControl(d, bufs, control(0, EV.PORT_READY, 1)).map((m) => m.event)).toEqual([EV.CONSOLE_PORT]);
  });
});

describe("virtio-serial-device: emergency write", () => {
  it("a write to emerg_wr sends its low byte to the first host-connected console, then reads 0", () => {
    const { d, got } = serial({}, [{ console: false, nr: 1 }, { console: true }]);
    d.t.write(R.CONFIG + 8, 1, 0x41, 0);
    d.w(R.CONFIG + 8, 0x4342);
    expect(got(0)).toBe("AB");
    expect(got(1)).toBe("");
    expect(d.r(R.CONFIG + 8)).toBe(0);
    // A byte written to the field's second byte leaves its low byte 0: QEMU sends a NUL.
    d.t.write(R.CONFIG + 9, 1, 0x44, 0);
    expect([...got(0)].map((c) => c.charCodeAt(0))).toEqual([0x41, 0x42, 0]);
  });

  it("needs no feature negotiation; emergency-write=off ignores the write", () => {
    const { d, got } = serial({ emergencyWrite: false });
    d.w(R.CONFIG + 8, 0x41);
    expect(got(0)).toBe("");
  });
});

describe("virtio-serial-device: ports as QEMU numbers them", () => {
  const ids = (maxPorts: number, ports: SerialPortOptions[]) => {
    const dev = new VirtioSerial({ maxPorts });
    return ports.map((p) => dev.addPort(p).id);
  };

  it("the first virtconsole takes 0, others the lowest free id (0 stays reserved)", () => {
    expect(ids(31, [{ console: false }, { console: true }, { console: true }, { console: false, nr: 3 }, { console: false }]))
      .toEqual([1, 0, 2, 3, 4]);
    expect(ids(31, [{ console: true, nr: 4 }, { console: true }])).toEqual([4, 0]);
  });

  it("refuses a taken id, an id past max_ports, port 0 for a virtserialport, a full device", () => {
    const dev = new VirtioSerial({ maxPorts: 2 });
    dev.addPort({ console: true, nr: 1 });
    expect(() => dev.addPort({ console: true, nr: 1 })).toThrow(/already exists at id 1/);
    expect(() => dev.addPort({ console: true, nr: 2 })).toThrow(/out of range, max. allowed: 1/);
    expect(() => dev.addPort({ console: false, nr: 0 })).toThrow(/reserved for virtconsole/);
    dev.addPort({ console: true });
    // QEMU's bitmap search finds id 2, which the range check refuses.
    expect(() => dev.addPort({ console: true })).toThrow(/port id 2 is out of range/);
    const one = new VirtioSerial({ maxPorts: 1 });
    one.addPort({ console: true });
    expect(() => one.addPort({ console: true })).toThrow(/max. allowed: 0/);
  });

  it("max_ports must be 1..511", () => {
    expect(() => new VirtioSerial({ maxPorts: 0 })).toThrow(expect.objectContaining({ kind: "usage" }));
    expect(() => new VirtioSerial({ maxPorts: 512 })).toThrow(/511/);
    expect(new VirtioSerial({ maxPorts: 511 }).queueSizes).toHaveLength(1024);
  });
});
