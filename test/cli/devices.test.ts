// `armlet run --device/--chardev` as kvm-unit-tests meets them: the `help` / `?` listings it
// greps (`-device '?' | grep virtconsole`, `-chardev '?' | grep testdev`), and one-line usage
// errors (exit 64) naming the device, property, backend or id at fault.
import { describe, it, expect, beforeAll } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { EXIT } from "../../cli/exit-codes.js";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const ELF = join(ROOT, "roms", "bin", "chr-testdev.elf");

function armlet(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 60_000, input: "" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe("armlet run --device / --chardev", () => {
  it("run --help documents both options", () => {
    const r = armlet("run", "--help");
    expect(r.out).toMatch(/--device <spec>/);
    expect(r.out).toMatch(/--chardev <spec>/);
  });

  it("`--device help` and `--device ?` list the devices, exit 0, with no kernel needed", () => {
    for (const q of ["help", "?"]) {
      const r = armlet("run", "-M", "virt", "--device", q);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^name "virtconsole", bus virtio-serial-bus$/m);
      expect(r.out).toMatch(/^name "virtio-serial-device", bus virtio-bus$/m);
      // kvm-unit-tests adds `-device pci-testdev` when the listing mentions it.
      expect(r.out).not.toMatch(/pci-testdev/);
    }
  });

  it("`--device virtconsole,help` lists its properties", () => {
    const r = armlet("run", "--device", "virtconsole,help");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^virtconsole options:\n {2}chardev=<str> +- ID of a chardev/);
  });

  it("`--chardev help` and `--chardev ?` list the backends, testdev among them", () => {
    for (const q of ["help", "?"]) {
      const r = armlet("run", "--chardev", q);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Available chardev backend types: \n/);
      expect(r.out.split("\n").map((l) => l.trim())).toContain("testdev");
    }
  });

  it("bad values are exit 64 with one line naming the problem", () => {
    const kut = ["--device", "virtio-serial-device", "--device", "virtconsole,chardev=ctd", "--chardev", "testdev,id=ctd"];
    for (const [args, what] of [
      [["--device", "bogus"], /--device 'bogus': 'bogus' is not a device armlet has/],
      [["--device", "virtconsole,foo=1"], /virtconsole has no property 'foo'/],
      [["--device", "pci-testdev"], /armlet does not have pci-testdev \(.*no PCIe/],
      [["--chardev", "socket,id=s"], /'socket' is not a chardev backend armlet has/],
      [["--chardev", "testdev"], /--chardev 'testdev': no id specified/],
      [["--chardev", "testdev,id=a", "--chardev", "null,id=a"], /duplicate ID 'a'/],
      [["--device", "virtio-serial-device", "--device", "virtconsole,chardev=nope"], /--device 'virtconsole,chardev=nope': no --chardev with id 'nope'/],
      [["--device", "virtconsole,chardev=ctd", "--device", "virtio-serial-device", "--chardev", "testdev,id=ctd"], /no virtio-serial-device before it/],
      [["-M", "vexpress-a15", ...kut], /machine vexpress-a15 has no virtio-mmio transport armlet can plug virtio-serial-device into/],
    ] as const) {
      const r = armlet("run", ...args, "--kernel", ELF);
      expect(r.code, `${args.join(" ")}: ${r.err}`).toBe(EXIT.USAGE.code);
      expect(r.err.trim().split("\n"), r.err).toHaveLength(1);
      expect(r.err).toMatch(what);
    }
  });

  it("more devices than virt's 32 transports is a usage error too", () => {
    const many = Array.from({ length: 33 }, () => ["--device", "virtio-serial-device"]).flat();
    const r = armlet("run", ...many, "--kernel", ELF);
    expect(r.code).toBe(EXIT.USAGE.code);
    expect(r.err).toMatch(/no free virtio-mmio transport for virtio-serial-device: machine virt has 32/);
  });
});
