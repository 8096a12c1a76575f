// machines/host-files.ts: one wording for every failure on a host file, and the error kind
// (hence the exit code) of each class: unreadable input 66, unwritable output 74, a
// semihosting root that is not a directory 64.
import { describe, it, expect } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkDirectory, checkInputFile, fileMessage, ioReason, readInputFile, writeOutputFile } from "../../../machines/host-files.js";
import { ArmletError } from "../../../machines/errors.js";

const dir = mkdtempSync(join(tmpdir(), "armlet-host-files-"));

function error(fn: () => unknown): ArmletError {
  try { fn(); } catch (e) { if (e instanceof ArmletError) return e; throw e; }
  throw new Error("no error");
}
const errno = (code: string) => Object.assign(new Error(`${code}: raw node text, '/x'`), { code });

describe("host files", () => {
  it("Node's error codes in words, never Node's raw text", () => {
    expect(ioReason(errno("EACCES"))).toBe("permission denied");
    expect(ioReason(errno("EPERM"))).toBe("permission denied");
    expect(ioReason(errno("ENOENT"))).toBe("no such file or directory");
    expect(ioReason(errno("EISDIR"))).toBe("is a directory");
    expect(ioReason(errno("ENOSPC"))).toBe("no space left on device");
    expect(ioReason(errno("EPIPE"))).toBe("broken pipe (the reader has gone)");
    expect(ioReason(errno("EWEIRD"))).toBe("EWEIRD");
    expect(fileMessage("read", "kernel", "x", "permission denied")).toBe("could not read kernel 'x': permission denied");
  });

  it("input files: missing, a directory or a device is an input error (exit 66)", () => {
    for (const [path, why] of [[join(dir, "nope"), "no such file or directory"], [dir, "is a directory"], ["/dev/null", "not a regular file"]]) {
      const e = error(() => readInputFile("initrd", path));
      expect(e.kind).toBe("input");
      expect(e.message).toBe(`could not open initrd '${path}': ${why}`);
    }
    const f = join(dir, "ok.bin");
    writeFileSync(f, "abc");
    expect(Buffer.from(readInputFile("kernel", f)).toString()).toBe("abc");
    expect(() => checkInputFile("drive", f, { verb: "open", write: true })).not.toThrow();
    const bytes = new Uint8Array([1, 2]);
    expect(readInputFile("kernel", bytes)).toBe(bytes);
  });

  it("an output that cannot be written is an output error (exit 74)", () => {
    const e = error(() => writeOutputFile("device tree", "/dev/full", new Uint8Array(8)));
    expect(e.kind).toBe("output");
    expect(e.message).toBe("could not write device tree '/dev/full': no space left on device");
    expect(error(() => writeOutputFile("device tree", join(dir, "no", "x.dtb"), new Uint8Array(1))).message).toMatch(/no such file or directory$/);
  });

  it("the semihosting root must be a directory (a command-line error, exit 64)", () => {
    const f = join(dir, "plain");
    writeFileSync(f, "");
    expect(error(() => checkDirectory("semihosting root", f))).toMatchObject({ kind: "usage", message: `could not use semihosting root '${f}': not a directory` });
    expect(error(() => checkDirectory("semihosting root", join(dir, "nope"))).message).toMatch(/no such file or directory$/);
    expect(() => checkDirectory("semihosting root", dir)).not.toThrow();
  });
});
