// ARM semihosting (the "Semihosting for AArch32 and AArch64" spec, as QEMU 7.2's -semihosting
// provides it): console and file I/O, time, heap info, command line, errno, exit.
// Host files are reachable only below one root directory; paths that escape it fail with EACCES.
import * as fs from "node:fs";
import * as path from "node:path";
import { constants as osConstants } from "node:os";

export const SYS = {
  OPEN: 0x01, CLOSE: 0x02, WRITEC: 0x03, WRITE0: 0x04, WRITE: 0x05, READ: 0x06, READC: 0x07,
  ISERROR: 0x08, ISTTY: 0x09, SEEK: 0x0a, FLEN: 0x0c, TMPNAM: 0x0d, REMOVE: 0x0e, RENAME: 0x0f,
  CLOCK: 0x10, TIME: 0x11, SYSTEM: 0x12, ERRNO: 0x13, GET_CMDLINE: 0x15, HEAPINFO: 0x16,
  EXIT: 0x18, EXIT_EXTENDED: 0x20, ELAPSED: 0x30, TICKFREQ: 0x31,
} as const;
export const ADP_Stopped_ApplicationExit = 0x20026;

/** Guest virtual memory as semihosting sees it; a bad address throws GuestFault. */
export interface GuestMemory {
  read8(va: number): number;
  write8(va: number, v: number): void;
}
export class GuestFault extends Error {}

export interface SemihostingEnv {
  memory: GuestMemory;
  /** Guest output to the console (stdout) or stderr. */
  writeOut(bytes: Uint8Array): void;
  writeErr(bytes: Uint8Array): void;
  /** Blocking read of up to n bytes from the console; empty array at end of input. */
  readIn(n: number): Uint8Array;
  /** The guest asked to exit with this code. */
  exit(code: number): void;
  /** Directory that host file names resolve in. */
  root: string;
  cmdline: string;
  /** Heap base/limit and stack base/limit reported by HEAPINFO. */
  heapInfo: [number, number, number, number];
  /** Nanoseconds since the machine started (guest time). */
  elapsedNs(): number;
}

interface OpenFile { fd: number | "stdin" | "stdout" | "stderr" | "features"; pos: number; name: string }

const FEATURES = Uint8Array.from([0x53, 0x48, 0x46, 0x42, 0x03]); // "SHFB", EXIT_EXTENDED | STDOUT_STDERR
const FOPEN_FLAGS = ["r", "r", "r+", "r+", "w", "w", "w+", "w+", "a", "a", "a+", "a+"];
const EACCES = osConstants.errno.EACCES ?? 13;
const EBADF = osConstants.errno.EBADF ?? 9;
const EINVAL = osConstants.errno.EINVAL ?? 22;

export class Semihosting {
  private files = new Map<number, OpenFile>();
  private errno = 0;
  private readonly rootReal: string;

  constructor(private readonly env: SemihostingEnv) {
    this.rootReal = fs.realpathSync(env.root);
  }

  /** Bytes per parameter-block field: 4 from AArch32, 8 from AArch64. */
  private field = 4;

  /** Handle one call; returns the value for r0 (x0: the core sign-extends it). `wide`: the
   *  caller is in AArch64, so `param` is a 64-bit value (below 2^53) and blocks have 8-byte fields. */
  call(op: number, param: number, wide = false): number {
    this.field = wide ? 8 : 4;
    try {
      return this.dispatch(op, wide ? param : param >>> 0) | 0;
    } catch (e) {
      if (e instanceof GuestFault) { this.errno = EINVAL; return -1; }
      throw e;
    }
  }

  private word(addr: number): number {
    const m = this.env.memory;
    return (m.read8(addr) | (m.read8(addr + 1) << 8) | (m.read8(addr + 2) << 16) | (m.read8(addr + 3) << 24)) >>> 0;
  }
  private setWord(addr: number, v: number): void {
    for (let i = 0; i < 4; i++) this.env.memory.write8(addr + i, (v >>> (8 * i)) & 0xff);
  }
  /** Field i of a parameter block: its low 32 bits, or for AArch64 fields all 64 (as a number; an
   *  address above 2^53 cannot occur on this CPU's 48-bit VAs except as a tagged/invalid one). */
  private arg(param: number, i: number): number {
    const at = param + this.field * i;
    return this.field === 8 ? this.word(at) + this.word(at + 4) * 2 ** 32 : this.word(at);
  }
  private argNegative(param: number, i: number): boolean {
    return (this.word(param + this.field * i + this.field - 4) | 0) < 0;
  }
  private setArg(param: number, i: number, v: number): void {
    const at = param + this.field * i;
    this.setWord(at, v);
    if (this.field === 8) this.setWord(at + 4, v < 0 ? 0xffffffff : Math.floor(v / 2 ** 32));
  }
  private bytes(addr: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) out[i] = this.env.memory.read8(addr + i);
    return out;
  }
  private putBytes(addr: number, data: Uint8Array): void {
    for (let i = 0; i < data.length; i++) this.env.memory.write8(addr + i, data[i]);
  }
  private cstring(addr: number, max = 1 << 20): Uint8Array {
    const out: number[] = [];
    for (let i = 0; i < max; i++) {
      const b = this.env.memory.read8(addr + i);
      if (b === 0) break;
      out.push(b);
    }
    return Uint8Array.from(out);
  }
  private fail(errno: number): number { this.errno = errno; return -1; }
  private failFrom(e: unknown): number {
    const code = (e as NodeJS.ErrnoException).code;
    const n = code ? (osConstants.errno as Record<string, number>)[code] : undefined;
    return this.fail(n ?? EINVAL);
  }

  /** Host path for a guest file name, or undefined if it escapes the root. */
  resolvePath(name: string): string | undefined {
    const full = path.resolve(this.rootReal, name);
    const inside = (p: string) => p === this.rootReal || p.startsWith(this.rootReal + path.sep);
    if (!inside(full)) return undefined;
    // Follow symlinks of the longest existing prefix: a link must not lead outside either.
    let probe = full;
    while (!fs.existsSync(probe)) {
      const up = path.dirname(probe);
      if (up === probe) break;
      probe = up;
    }
    try {
      if (!inside(fs.realpathSync(probe))) return undefined;
    } catch { return undefined; }
    return full;
  }

  private newHandle(f: OpenFile): number {
    let h = 1;
    while (this.files.has(h)) h++;
    this.files.set(h, f);
    return h;
  }

  private dispatch(op: number, param: number): number {
    const env = this.env;
    switch (op) {
      case SYS.OPEN: {
        const name = new TextDecoder().decode(this.bytes(this.arg(param, 0), this.arg(param, 2)));
        const mode = this.arg(param, 1);
        if (mode > 11) return this.fail(EINVAL);
        if (name === ":tt") {
          const fd = mode < 4 ? "stdin" : mode < 8 ? "stdout" : "stderr";
          return this.newHandle({ fd, pos: 0, name });
        }
        if (name === ":semihosting-features") {
          if (mode > 1) return this.fail(EACCES);
          return this.newHandle({ fd: "features", pos: 0, name });
        }
        const host = this.resolvePath(name);
        if (!host) return this.fail(EACCES);
        try {
          return this.newHandle({ fd: fs.openSync(host, FOPEN_FLAGS[mode]), pos: 0, name });
        } catch (e) { return this.failFrom(e); }
      }
      case SYS.CLOSE: {
        const h = this.arg(param, 0);
        const f = this.files.get(h);
        if (!f) return this.fail(EBADF);
        this.files.delete(h);
        if (typeof f.fd === "number") fs.closeSync(f.fd);
        return 0;
      }
      case SYS.WRITEC: env.writeOut(Uint8Array.of(env.memory.read8(param))); return 0;
      case SYS.WRITE0: env.writeOut(this.cstring(param)); return 0;
      case SYS.WRITE: {
        const f = this.files.get(this.arg(param, 0));
        const len = this.arg(param, 2);
        if (!f) { this.errno = EBADF; return len; }
        const data = this.bytes(this.arg(param, 1), len);
        if (f.fd === "stdout") { env.writeOut(data); return 0; }
        if (f.fd === "stderr") { env.writeErr(data); return 0; }
        if (f.fd === "stdin" || f.fd === "features") { this.errno = EBADF; return len; }
        try {
          const n = fs.writeSync(f.fd, data, 0, len, f.pos);
          f.pos += n;
          return len - n;
        } catch (e) { this.failFrom(e); return len; }
      }
      case SYS.READ: {
        const f = this.files.get(this.arg(param, 0));
        const buf = this.arg(param, 1), len = this.arg(param, 2);
        if (!f) { this.errno = EBADF; return -1; }
        let data: Uint8Array;
        if (f.fd === "stdin") data = env.readIn(len);
        else if (f.fd === "features") { data = FEATURES.subarray(f.pos, f.pos + len); f.pos += data.length; }
        else if (typeof f.fd === "number") {
          const tmp = new Uint8Array(len);
          try {
            const n = fs.readSync(f.fd, tmp, 0, len, f.pos);
            f.pos += n;
            data = tmp.subarray(0, n);
          } catch (e) { this.failFrom(e); return -1; }
        } else { this.errno = EBADF; return -1; }
        this.putBytes(buf, data);
        return len - data.length;
      }
      case SYS.READC: {
        const b = env.readIn(1);
        return b.length ? b[0] : -1;
      }
      case SYS.ISERROR: return this.argNegative(param, 0) ? 1 : 0;
      case SYS.ISTTY: {
        const f = this.files.get(this.arg(param, 0));
        if (!f) return this.fail(EBADF);
        return f.fd === "stdin" || f.fd === "stdout" || f.fd === "stderr" ? 1 : 0;
      }
      case SYS.SEEK: {
        const f = this.files.get(this.arg(param, 0));
        if (!f) return this.fail(EBADF);
        if (typeof f.fd !== "number" && f.fd !== "features") return this.fail(EINVAL);
        f.pos = this.arg(param, 1);
        return 0;
      }
      case SYS.FLEN: {
        const f = this.files.get(this.arg(param, 0));
        if (!f) return this.fail(EBADF);
        if (f.fd === "features") return FEATURES.length;
        if (typeof f.fd !== "number") return this.fail(EINVAL);
        try { return fs.fstatSync(f.fd).size; } catch (e) { return this.failFrom(e); }
      }
      case SYS.TMPNAM: {
        const buf = this.arg(param, 0), id = this.arg(param, 1) & 0xff, max = this.arg(param, 2);
        const name = new TextEncoder().encode(`armlet-tmp-${process.pid}-${id}.tmp\0`);
        if (name.length > max) return -1;
        this.putBytes(buf, name);
        return 0;
      }
      case SYS.REMOVE: {
        const name = new TextDecoder().decode(this.bytes(this.arg(param, 0), this.arg(param, 1)));
        const host = this.resolvePath(name);
        if (!host) return this.fail(EACCES);
        try { fs.unlinkSync(host); return 0; } catch (e) { return this.failFrom(e); }
      }
      case SYS.RENAME: {
        const from = new TextDecoder().decode(this.bytes(this.arg(param, 0), this.arg(param, 1)));
        const to = new TextDecoder().decode(this.bytes(this.arg(param, 2), this.arg(param, 3)));
        const a = this.resolvePath(from), b = this.resolvePath(to);
        if (!a || !b) return this.fail(EACCES);
        try { fs.renameSync(a, b); return 0; } catch (e) { return this.failFrom(e); }
      }
      case SYS.CLOCK: return Math.floor(env.elapsedNs() / 1e7); // centiseconds
      case SYS.TIME: return Math.floor(Date.now() / 1000);
      case SYS.SYSTEM: return this.fail(EACCES); // running host commands is never allowed
      case SYS.ERRNO: return this.errno;
      case SYS.GET_CMDLINE: {
        const buf = this.arg(param, 0), max = this.arg(param, 1);
        const s = new TextEncoder().encode(env.cmdline);
        if (s.length + 1 > max) return -1;
        this.putBytes(buf, s);
        env.memory.write8(buf + s.length, 0);
        this.setArg(param, 1, s.length);
        return 0;
      }
      case SYS.HEAPINFO: {
        const block = this.arg(param, 0);
        env.heapInfo.forEach((v, i) => this.setArg(block, i, v));
        return 0;
      }
      case SYS.EXIT:
        // From AArch64, SYS_EXIT takes a block (reason, subcode) as SYS_EXIT_EXTENDED does.
        if (this.field === 8) return this.dispatch(SYS.EXIT_EXTENDED, param);
        env.exit(param === ADP_Stopped_ApplicationExit ? 0 : 1);
        return 0;
      case SYS.EXIT_EXTENDED: {
        const reason = this.arg(param, 0), sub = this.arg(param, 1);
        env.exit(reason === ADP_Stopped_ApplicationExit ? sub | 0 : 1);
        return 0;
      }
      case SYS.ELAPSED: {
        const t = BigInt(Math.floor(env.elapsedNs()));
        this.setWord(param, Number(t & 0xffffffffn));
        this.setWord(param + 4, Number(t >> 32n));
        return 0;
      }
      case SYS.TICKFREQ: return 1_000_000_000;
      default:
        return this.fail(EINVAL);
    }
  }

  /** Host files the guest has open (a snapshot cannot carry them: saving reports them). */
  openHostFiles(): string[] {
    return [...this.files.values()].filter((f) => typeof f.fd === "number").map((f) => f.name);
  }

  closeAll(): void {
    for (const f of this.files.values()) if (typeof f.fd === "number") fs.closeSync(f.fd);
    this.files.clear();
  }
}
