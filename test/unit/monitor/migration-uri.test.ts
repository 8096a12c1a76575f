// Migration URIs: file:PATH and exec:COMMAND (out to a command's stdin, in from its stdout);
// the other transports QEMU knows are refused by name, unknown ones in QEMU's words.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseMigrationUri, readIncoming, writeToCommand } from "../../../machines/monitor/migration-uri.js";
import { ArmletError } from "../../../machines/errors.js";

const dir = mkdtempSync(join(tmpdir(), "armlet-uri-"));

function refuses(uri: string, msg: RegExp): void {
  let err: unknown;
  try { parseMigrationUri(uri, "migrate"); } catch (e) { err = e; }
  expect(err, uri).toBeInstanceOf(ArmletError);
  expect((err as ArmletError).kind).toBe("usage");
  expect((err as Error).message, uri).toMatch(msg);
}

describe("parseMigrationUri", () => {
  it("file:PATH (the rest of the URI, colons and spaces included) and exec:COMMAND", () => {
    expect(parseMigrationUri("file:/tmp/a b:c.snap", "migrate")).toEqual({ kind: "file", path: "/tmp/a b:c.snap" });
    expect(parseMigrationUri("exec:cat > /tmp/x.snap", "migrate")).toEqual({ kind: "exec", command: "cat > /tmp/x.snap" });
    expect(parseMigrationUri("exec:gzip -c | cat > f", "incoming")).toEqual({ kind: "exec", command: "gzip -c | cat > f" });
  });

  it("refuses empty targets, QEMU's other transports and unknown schemes", () => {
    refuses("file:", /file: needs a path/);
    refuses("exec:  ", /exec: needs a command/);
    for (const u of ["tcp:127.0.0.1:4444", "unix:/tmp/m.sock", "fd:3", "rdma:host:1", "defer"]) refuses(u, /files only \(file:PATH or exec:COMMAND\)/);
    refuses("ftp://x", /^unknown migration protocol: ftp:\/\/x$/);
    refuses("", /unknown migration protocol/);
    let err: Error | undefined;
    try { parseMigrationUri("tcp:x:1", "incoming"); } catch (e) { err = e as Error; }
    expect(err?.message).toMatch(/^incoming 'tcp:x:1'/);
  });
});

describe("exec: transport", () => {
  it("writes every chunk to the command's stdin, and reads a stream back from its stdout", async () => {
    const f = join(dir, "out.bin");
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array(200_000).fill(7), new Uint8Array([9])];
    await writeToCommand(`cat > '${f}'`, chunks);
    const got = readFileSync(f);
    expect(got.length).toBe(200_004);
    expect([...got.subarray(0, 4)]).toEqual([1, 2, 3, 7]);
    expect(got[got.length - 1]).toBe(9);
    const back = await readIncoming({ kind: "exec", command: `cat '${f}'` });
    expect(Buffer.from(back.bytes).equals(got)).toBe(true);
    expect(back.name).toBe(`exec:cat '${f}'`);
  });

  it("a command that fails is an error naming it, its status and its first stderr line", async () => {
    await expect(writeToCommand("cat > /nonexistent-dir/x", [new Uint8Array(10)])).rejects.toThrow(/'cat > \/nonexistent-dir\/x' exited with status \d+: .*nonexistent-dir/);
    await expect(writeToCommand("exit 3", [new Uint8Array(1 << 20)])).rejects.toThrow(/exited with status 3/);
    let err: unknown;
    try { await readIncoming({ kind: "exec", command: "echo oops >&2; exit 2" }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ArmletError);
    expect((err as ArmletError).kind).toBe("input");
    expect((err as Error).message).toMatch(/^incoming: 'echo oops >&2; exit 2' exited with status 2: oops$/);
  });

  it("file: reads the file, and a missing one is an error naming it", async () => {
    const f = join(dir, "in.bin");
    writeFileSync(f, Buffer.from("QEVM"));
    expect(Buffer.from((await readIncoming({ kind: "file", path: f })).bytes).toString()).toBe("QEVM");
    await expect(readIncoming({ kind: "file", path: join(dir, "nope.snap") })).rejects.toThrow(/nope\.snap/);
  });
});
