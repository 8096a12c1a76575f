import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync, existsSync, symlinkSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Semihosting, SYS, ADP_Stopped_ApplicationExit, GuestFault } from "../../../machines/semihosting.js";

// A flat fake guest memory of 64 KiB at address 0x1000; anything else faults.
class FakeMemory {
  bytes = new Uint8Array(0x10000);
  read8(va: number) { if (va < 0x1000 || va >= 0x11000) throw new GuestFault("bad"); return this.bytes[va - 0x1000]; }
  write8(va: number, v: number) { if (va < 0x1000 || va >= 0x11000) throw new GuestFault("bad"); this.bytes[va - 0x1000] = v; }
  words(addr: number, ...w: number[]) { w.forEach((v, i) => new DataView(this.bytes.buffer).setUint32(addr - 0x1000 + 4 * i, v >>> 0, true)); }
  word(addr: number) { return new DataView(this.bytes.buffer).getUint32(addr - 0x1000, true); }
  str(addr: number, s: string) { const b = Buffer.from(s, "latin1"); this.bytes.set(b, addr - 0x1000); return b.length; }
  get(addr: number, n: number) { return Buffer.from(this.bytes.subarray(addr - 0x1000, addr - 0x1000 + n)).toString("latin1"); }
}

describe("semihosting", () => {
  let root: string, mem: FakeMemory, out: string, err: string, exits: number[], sh: Semihosting, stdin: number[];
  const PB = 0x2000, BUF = 0x3000, NAME = 0x4000;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "armlet-sh-"));
    mem = new FakeMemory(); out = ""; err = ""; exits = []; stdin = [...Buffer.from("hi\n")];
    sh = new Semihosting({
      memory: mem,
      writeOut: (b) => { out += Buffer.from(b).toString("latin1"); },
      writeErr: (b) => { err += Buffer.from(b).toString("latin1"); },
      readIn: (n) => Uint8Array.from(stdin.splice(0, n)),
      exit: (c) => exits.push(c),
      root, cmdline: "prog arg1 arg2",
      heapInfo: [0x44000000, 0x48000000, 0x48000000, 0x40000000],
      elapsedNs: () => 2_500_000_000,
    });
  });
  afterEach(() => { sh.closeAll(); rmSync(root, { recursive: true, force: true }); });

  const open = (name: string, mode: number) => { const n = mem.str(NAME, name); mem.words(PB, NAME, mode, n); return sh.call(SYS.OPEN, PB); };

  it("WRITEC, WRITE0 and WRITE to :tt go to stdout/stderr", () => {
    mem.str(BUF, "A"); sh.call(SYS.WRITEC, BUF);
    mem.str(BUF, "hello\0"); sh.call(SYS.WRITE0, BUF);
    const hout = open(":tt", 4), herr = open(":tt", 8);
    expect(hout).toBeGreaterThan(0);
    mem.str(BUF, "xyz"); mem.words(PB, hout, BUF, 3);
    expect(sh.call(SYS.WRITE, PB)).toBe(0);
    mem.words(PB, herr, BUF, 2);
    expect(sh.call(SYS.WRITE, PB)).toBe(0);
    expect(out).toBe("Ahelloxyz");
    expect(err).toBe("xy");
    mem.words(PB, hout); expect(sh.call(SYS.ISTTY, PB)).toBe(1);
  });

  it("reads stdin through :tt and READC", () => {
    const hin = open(":tt", 0);
    mem.words(PB, hin, BUF, 2);
    expect(sh.call(SYS.READ, PB)).toBe(0); // all read
    expect(mem.get(BUF, 2)).toBe("hi");
    expect(sh.call(SYS.READC, 0)).toBe(10);
    mem.words(PB, hin, BUF, 4);
    expect(sh.call(SYS.READ, PB)).toBe(4); // EOF: nothing read
  });

  it("file I/O: open, write, seek, flen, read, close, rename, remove", () => {
    const h = open("data.bin", 6); // w+
    expect(h).toBeGreaterThan(0);
    mem.str(BUF, "0123456789"); mem.words(PB, h, BUF, 10);
    expect(sh.call(SYS.WRITE, PB)).toBe(0);
    mem.words(PB, h); expect(sh.call(SYS.FLEN, PB)).toBe(10);
    mem.words(PB, h, 4); expect(sh.call(SYS.SEEK, PB)).toBe(0);
    mem.words(PB, h, BUF + 0x100, 8);
    expect(sh.call(SYS.READ, PB)).toBe(2); // 6 of 8 bytes read
    expect(mem.get(BUF + 0x100, 6)).toBe("456789");
    mem.words(PB, h); expect(sh.call(SYS.ISTTY, PB)).toBe(0);
    mem.words(PB, h); expect(sh.call(SYS.CLOSE, PB)).toBe(0);
    mem.words(PB, h); expect(sh.call(SYS.CLOSE, PB)).toBe(-1);
    expect(readFileSync(join(root, "data.bin"), "latin1")).toBe("0123456789");
    const a = mem.str(NAME, "data.bin"), b = mem.str(NAME + 0x100, "moved.bin");
    mem.words(PB, NAME, a, NAME + 0x100, b);
    expect(sh.call(SYS.RENAME, PB)).toBe(0);
    expect(existsSync(join(root, "moved.bin"))).toBe(true);
    mem.words(PB, NAME + 0x100, b);
    expect(sh.call(SYS.REMOVE, PB)).toBe(0);
    expect(existsSync(join(root, "moved.bin"))).toBe(false);
  });

  it("missing files fail with -1 and ERRNO reports ENOENT", () => {
    expect(open("nope.txt", 0)).toBe(-1);
    expect(sh.call(SYS.ERRNO, 0)).toBe(2);
  });

  it("paths that escape the root fail with EACCES and touch nothing", () => {
    writeFileSync(join(root, "..", "armlet-outside.txt"), "secret");
    expect(open("../armlet-outside.txt", 0)).toBe(-1);
    expect(sh.call(SYS.ERRNO, 0)).toBe(13);
    expect(open("/etc/passwd", 0)).toBe(-1);
    mkdirSync(join(root, "sub"));
    symlinkSync("/etc", join(root, "sub", "link"));
    expect(open("sub/link/passwd", 0)).toBe(-1);
    expect(sh.call(SYS.ERRNO, 0)).toBe(13);
    expect(open("sub/../inside.txt", 4)).toBeGreaterThan(0); // stays inside: allowed
    rmSync(join(root, "..", "armlet-outside.txt"));
  });

  it("SYSTEM is refused", () => {
    const n = mem.str(NAME, "touch /tmp/x"); mem.words(PB, NAME, n);
    expect(sh.call(SYS.SYSTEM, PB)).toBe(-1);
  });

  it("GET_CMDLINE, HEAPINFO, CLOCK, ELAPSED, TICKFREQ, TIME", () => {
    mem.words(PB, BUF, 64);
    expect(sh.call(SYS.GET_CMDLINE, PB)).toBe(0);
    expect(mem.get(BUF, 15)).toBe("prog arg1 arg2\0");
    expect(mem.word(PB + 4)).toBe(14);
    mem.words(PB, BUF, 4); expect(sh.call(SYS.GET_CMDLINE, PB)).toBe(-1); // too small
    mem.words(PB, BUF + 0x200);
    expect(sh.call(SYS.HEAPINFO, PB)).toBe(0);
    expect([0, 1, 2, 3].map((i) => mem.word(BUF + 0x200 + 4 * i))).toEqual([0x44000000, 0x48000000, 0x48000000, 0x40000000]);
    expect(sh.call(SYS.CLOCK, 0)).toBe(250);
    expect(sh.call(SYS.ELAPSED, PB)).toBe(0);
    expect(mem.word(PB) + mem.word(PB + 4) * 2 ** 32).toBe(2_500_000_000);
    expect(sh.call(SYS.TICKFREQ, 0)).toBe(1_000_000_000);
    expect(Math.abs(sh.call(SYS.TIME, 0) - Date.now() / 1000)).toBeLessThan(5);
  });

  it("EXIT and EXIT_EXTENDED pass the guest's code through", () => {
    sh.call(SYS.EXIT, ADP_Stopped_ApplicationExit);
    sh.call(SYS.EXIT, 0x20023); // any other reason is a failure
    mem.words(PB, ADP_Stopped_ApplicationExit, 42);
    sh.call(SYS.EXIT_EXTENDED, PB);
    mem.words(PB, 0x20023, 42);
    sh.call(SYS.EXIT_EXTENDED, PB);
    expect(exits).toEqual([0, 1, 42, 1]);
  });

  it(":semihosting-features reports EXIT_EXTENDED and STDOUT_STDERR", () => {
    const h = open(":semihosting-features", 0);
    mem.words(PB, h); expect(sh.call(SYS.FLEN, PB)).toBe(5);
    mem.words(PB, h, BUF, 5); expect(sh.call(SYS.READ, PB)).toBe(0);
    expect(mem.get(BUF, 5)).toBe("SHFB\x03");
  });

  it("a bad guest pointer is an error for the guest, not a host crash", () => {
    expect(sh.call(SYS.WRITE0, 0xdead0000)).toBe(-1);
    mem.words(PB, 0x10, 0, 4);
    expect(sh.call(SYS.OPEN, PB)).toBe(-1);
  });

  describe("from AArch64 (64-bit parameter block fields)", () => {
    const fields = (addr: number, ...v: number[]) => mem.words(addr, ...v.flatMap((x) => [x, 0]));

    it("OPEN and WRITE read 8-byte fields; ISERROR looks at the 64-bit sign", () => {
      const n = mem.str(NAME, ":tt");
      fields(PB, NAME, 4, n);
      const h = sh.call(SYS.OPEN, PB, true);
      expect(h).toBeGreaterThan(0);
      mem.str(BUF, "wide");
      fields(PB, h, BUF, 4);
      expect(sh.call(SYS.WRITE, PB, true)).toBe(0);
      expect(out).toBe("wide");
      mem.words(PB, 0xffffffff, 0x7fffffff); // 0x7fffffff_ffffffff: positive as 64 bits
      expect(sh.call(SYS.ISERROR, PB, true)).toBe(0);
      mem.words(PB, 0, 0x80000000);
      expect(sh.call(SYS.ISERROR, PB, true)).toBe(1);
    });

    it("SYS_EXIT takes a (reason, subcode) block, as SYS_EXIT_EXTENDED", () => {
      fields(PB, ADP_Stopped_ApplicationExit, 7);
      sh.call(SYS.EXIT, PB, true);
      fields(PB, 0x20023, 0); // another reason: status 1
      sh.call(SYS.EXIT, PB, true);
      expect(exits).toEqual([7, 1]);
    });

    it("HEAPINFO and GET_CMDLINE write 8-byte fields", () => {
      fields(PB, BUF);
      sh.call(SYS.HEAPINFO, PB, true);
      expect([0, 8, 16, 24].map((o) => mem.word(BUF + o))).toEqual([0x44000000, 0x48000000, 0x48000000, 0x40000000]);
      expect([4, 12, 20, 28].map((o) => mem.word(BUF + o))).toEqual([0, 0, 0, 0]);
      fields(PB, NAME, 64);
      mem.words(PB + 12, 0xdeadbeef);
      expect(sh.call(SYS.GET_CMDLINE, PB, true)).toBe(0);
      expect(mem.word(PB + 8)).toBe(14);
      expect(mem.word(PB + 12)).toBe(0);
      expect(mem.get(NAME, 14)).toBe("prog arg1 arg2");
    });
  });
});

