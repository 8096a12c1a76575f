// --device and --chardev values in QEMU's syntax: parsing, the `help` listings, and building
// the devices with the errors QEMU gives for the same command lines (named after the option).
import { describe, it, expect } from "vitest";
import { parseQemuOpts } from "../../../machines/qemu-opts.js";
import { buildDevices, deviceHelp, devicePropsHelp, helpRequest, parseDevice } from "../../../machines/devices/device-specs.js";
import { chardevHelp, createChardevs, parseChardev, type ChardevHost } from "../../../machines/chardev/chardev.js";
import { VirtioSerial } from "../../../machines/devices/virtio-serial.js";

const usage = (re: RegExp) => expect.objectContaining({ kind: "usage", message: expect.stringMatching(re) });

function host(): ChardevHost & { exits: number[]; out: number[] } {
  const h = { exits: [] as number[], out: [] as number[], exit: (s: number) => h.exits.push(s), consoleOut: (b: Uint8Array) => h.out.push(...b), log: () => {} };
  return h;
}

/** Build from command-line values, as `armlet run --device ... --chardev ...` does. */
function build(devices: string[], chardevs: string[] = [], h = host()) {
  return buildDevices(devices.map(parseDevice), createChardevs(chardevs.map(parseChardev), h), () => {});
}

describe("QEMU option syntax", () => {
  it("implied first key, key=value pairs, ',,' for a comma, bare keys as =on, empty elements skipped", () => {
    const o = parseQemuOpts("--device", "virtconsole,name=a,,b,chardev=c,", "driver");
    expect(o).toEqual({ head: "virtconsole", props: new Map([["name", "a,b"], ["chardev", "c"]]), help: false });
    expect(parseQemuOpts("--device", "driver=virtconsole,flag", "driver").props.get("flag")).toBe("on");
    expect(parseQemuOpts("--device", "virtconsole,help", "driver").help).toBe(true);
    expect(parseQemuOpts("--device", "virtconsole,?", "driver").help).toBe(true);
    expect(() => parseQemuOpts("--device", "virtconsole,nr=1,nr=2", "driver")).toThrow(usage(/'nr' given twice/));
    expect(() => parseQemuOpts("--device", "virtconsole,=1", "driver")).toThrow(usage(/empty parameter name/));
  });
});

describe("--device", () => {
  it("parses properties with their types", () => {
    expect(parseDevice("virtio-serial-device,max_ports=4,emergency-write=off")).toMatchObject({
      driver: "virtio-serial-device", props: { max_ports: 4, "emergency-write": false },
    });
    expect(parseDevice("virtconsole,chardev=ctd,nr=0x2,name=org.x")).toMatchObject({ props: { chardev: "ctd", nr: 2, name: "org.x" } });
  });

  it("refuses unknown devices and properties, bad values and pci-testdev, naming the problem", () => {
    for (const [v, re] of [
      ["bogus", /--device 'bogus': 'bogus' is not a device armlet has \(virtconsole, virtio-serial-device, virtserialport\)/],
      ["virtconsole,foo=1", /virtconsole has no property 'foo'/],
      ["virtio-serial-device,max_ports=x", /'max_ports' expects a number, got 'x'/],
      ["virtio-serial-device,emergency-write=maybe", /'emergency-write' expects 'on' or 'off'/],
      ["pci-testdev", /does not have pci-testdev \(it is a PCI device and armlet's virt has no PCIe host bridge yet\)/],
      ["nr=1", /no device name given/],
    ] as const) expect(() => parseDevice(v), v).toThrow(usage(re));
  });

  it("help lists the devices in QEMU's format, without pci-testdev (kvm-unit-tests would then ask for it)", () => {
    expect(deviceHelp()).toBe('Input devices:\nname "virtconsole", bus virtio-serial-bus\nname "virtio-serial-device", bus virtio-bus\n'
      + 'name "virtserialport", bus virtio-serial-bus\n');
    expect(helpRequest("--device", "?", chardevHelp)).toBe(deviceHelp());
    expect(helpRequest("--device", "help", chardevHelp)).not.toMatch(/pci-testdev/);
    expect(helpRequest("--device", "virtconsole", chardevHelp)).toBeNull();
  });

  it("DRIVER,help lists its properties as QEMU 7.2 does", () => {
    // QEMU 7.2's `-device virtconsole,help`, verbatim.
    expect(devicePropsHelp("virtconsole")).toBe("virtconsole options:\n  chardev=<str>          - ID of a chardev to use as a backend\n"
      + "  name=<str>\n  nr=<uint32>            -  (default: 4294967295)\n");
    expect(helpRequest("--device", "virtio-serial-device,help", chardevHelp)).toMatch(/max_ports=<uint32> +- +\(default: 31\)/);
    expect(() => helpRequest("--device", "nope,help", chardevHelp)).toThrow(usage(/'nope' is not a device/));
  });
});

describe("--chardev", () => {
  it("parses backend and id; help lists the backends as QEMU does", () => {
    expect(parseChardev("testdev,id=ctd")).toMatchObject({ backend: "testdev", id: "ctd" });
    expect(chardevHelp()).toBe("Available chardev backend types: \n  stdio\n  testdev\n  null\n");
    expect(helpRequest("--chardev", "?", chardevHelp)).toBe(chardevHelp());
    expect(helpRequest("--chardev", "help,id=x", chardevHelp)).toBe(chardevHelp());
    expect(helpRequest("--chardev", "testdev,id=x", chardevHelp)).toBeNull();
  });

  it("refuses unknown backends and parameters, a missing or malformed id, a duplicate id", () => {
    for (const [v, re] of [
      ["socket,id=a", /'socket' is not a chardev backend armlet has \(stdio, testdev, null\)/],
      ["testdev", /no id specified/],
      ["testdev,id=1a", /'id' expects an identifier/],
      ["testdev,id=a,mux=on", /invalid parameter 'mux'/],
      ["id=a", /no backend given/],
    ] as const) expect(() => parseChardev(v), v).toThrow(usage(re));
    expect(() => createChardevs(["testdev,id=a", "null,id=a"].map(parseChardev), host())).toThrow(usage(/duplicate ID 'a' for chardev/));
  });

  it("testdev ends the run through the host; stdio writes to the console; null discards", () => {
    const h = host();
    const c = createChardevs(["testdev,id=t", "stdio,id=s", "null,id=n"].map(parseChardev), h);
    c.get("n")!.write(new TextEncoder().encode("x"));
    c.get("s")!.write(new TextEncoder().encode("hi"));
    c.get("t")!.write(new TextEncoder().encode("3q"));
    expect(h.exits).toEqual([7]);
    expect(String.fromCharCode(...h.out)).toBe("hi");
  });
});

describe("building the devices", () => {
  it("kvm-unit-tests' line: one virtio-serial-device with a virtconsole on port 0 bound to testdev", () => {
    const h = host();
    const devs = build(["virtio-serial-device", "virtconsole,chardev=ctd"], ["testdev,id=ctd"], h);
    expect(devs).toHaveLength(1);
    const s = devs[0] as VirtioSerial;
    expect(s.ports.map((p) => [p.id, p.console, p.hostConnected])).toEqual([[0, true, true]]);
    s.ports[0].backend!.write(new TextEncoder().encode("3q"));
    expect(h.exits).toEqual([7]);
  });

  it("ports join the first virtio-serial-device given before them", () => {
    const devs = build(["virtio-serial-device,max_ports=2", "virtio-serial-device", "virtconsole", "virtserialport,name=b"]) as VirtioSerial[];
    expect(devs.map((d) => d.ports.map((p) => p.id))).toEqual([[0, 1], []]);
  });

  it("errors name the --device value and the problem", () => {
    for (const [devices, chardevs, re] of [
      [["virtconsole,chardev=c", "virtio-serial-device"], ["testdev,id=c"], /--device 'virtconsole,chardev=c': no virtio-serial-device before it/],
      [["virtio-serial-device", "virtconsole,chardev=nope"], [], /--device 'virtconsole,chardev=nope': no --chardev with id 'nope'/],
      [["virtio-serial-device", "virtconsole,chardev=c", "virtconsole,chardev=c"], ["testdev,id=c"], /chardev 'c' is already in use/],
      [["virtio-serial-device", "virtconsole,name=a", "virtserialport,name=a"], [], /a port named 'a' already exists/],
      [["virtio-serial-device", "virtserialport,nr=0"], [], /--device 'virtserialport,nr=0': port number 0 is reserved/],
      [["virtio-serial-device", "virtconsole,nr=31"], [], /port id 31 is out of range, max. allowed: 30/],
      [["virtio-serial-device,max_ports=0"], [], /--device 'virtio-serial-device,max_ports=0': max_ports must be at least 1/],
      [["virtio-serial-device,max_ports=600"], [], /511/],
    ] as const) expect(() => build([...devices], [...chardevs]), devices.join(" ")).toThrow(usage(re));
  });
});
