// QMP as a libvirt-style tool drives it (issue 9's acceptance): a plain client connects to
// `armlet run --qmp unix:SOCK,server,wait=off`, reads QEMU 7.2's greeting, negotiates, stops the
// machine (STOP), migrates it to a file, quits (SHUTDOWN, exit 0); a second process resumes the
// file and prints exactly what the uninterrupted run would have printed. Also the tcp form,
// system_reset (RESET), system_powerdown (POWERDOWN) and QEMU's error answers. The program is
// roms' bench-crc, which prints one line at its end; under --icount shift=0 its output is fixed.
import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QmpClient, type QmpMessage } from "../helpers/qmp-client.js";
import { ARMLET_CLI, startArmlet, type ArmletProcess } from "../helpers/armlet-process.js";

const ROOT = join(__dirname, "..", "..");
const BENCH = join(ROOT, "roms", "bin", "bench-crc.elf");
const DET = ["--semihosting", "--icount", "shift=0"];
const dir = mkdtempSync(join(tmpdir(), "armlet-qmp-"));
/** bench-crc's passes: 1.4 G instructions, a few seconds even with the JIT, so the program is
 *  still running when the client stops it. */
const PASSES = "3000";

/** virt bare metal: prints "guest# " and waits in WFI forever (a machine that outlives the test's commands). */
function waitingGuest(): string {
  const words = [
    0xe3a01409, 0xe28f2014, 0xe4d20001, 0xe3500000, // mov r1, #UART; adr r2, msg; 1: ldrb r0, [r2], #1; cmp r0, #0
    0x15810000, 0x1afffffb, 0xe320f003, 0xeafffffd, // strne r0, [r1]; bne 1b; 2: wfi; b 2b
    0x73657567, 0x00202374, // "guest# \0"
  ];
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32LE(w >>> 0, i * 4));
  const p = join(dir, "waiting.bin");
  writeFileSync(p, b);
  return p;
}

const running: ArmletProcess[] = [];
const clients: QmpClient[] = [];
function armlet(...args: string[]): ArmletProcess {
  const a = startArmlet(["run", ...args]);
  running.push(a);
  return a;
}
async function client(addr: Parameters<typeof QmpClient.connect>[0]): Promise<QmpClient> {
  const c = await QmpClient.connect(addr);
  clients.push(c);
  return c;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  for (const a of running.splice(0)) a.kill();
});

const ret = (m: QmpMessage) => { expect(m.error, JSON.stringify(m)).toBeUndefined(); return m.return; };
const timestampOk = (m: QmpMessage) => {
  const now = Date.now() / 1000;
  expect(Math.abs(m.timestamp!.seconds - now)).toBeLessThan(120);
  expect(m.timestamp!.microseconds).toBeGreaterThanOrEqual(0);
  expect(m.timestamp!.microseconds).toBeLessThan(1e6);
};

beforeAll(() => {
  if (!existsSync(ARMLET_CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe("QMP on a unix socket: negotiate, stop, migrate to a file, quit; a second process resumes", () => {
  let full = "";
  beforeAll(() => {
    const r = spawnSync(process.execPath, [ARMLET_CLI, "run", "--kernel", BENCH, ...DET, "--append", PASSES], { encoding: "latin1", input: "", timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    full = r.stdout;
    expect(full).toMatch(new RegExp(`^bench-crc: passes ${PASSES} x 64 KiB, crc32 0x[0-9a-f]{8}\\r?\\n$`));
  }, 180_000);

  it("greeting, capabilities, query-status, stop (STOP), query-cpus-fast, migrate file: (completed), quit (SHUTDOWN, exit 0); --loadvm and --incoming finish the run", async () => {
    const sock = join(dir, "qmp.sock");
    const snap = join(dir, "migrated.snap");
    // -S holds the CPUs until `cont`, so the client is there before the program could end.
    const a = armlet("--kernel", BENCH, ...DET, "--append", PASSES, "-S", "--qmp", `unix:${sock},server,wait=off`);
    const c = await client(sock);
    const g = await c.greeting;
    expect(g.QMP!.version.qemu).toEqual({ major: 7, minor: 2, micro: 0 });
    expect(g.QMP!.version.package).toMatch(/armlet/);
    expect(g.QMP!.capabilities).toEqual([]);
    expect(c.raw[0].endsWith("}\r\n")).toBe(true);

    expect(ret(await c.execute("qmp_capabilities"))).toEqual({});
    // QEMU's state for -S is "prelaunch", not "paused".
    expect(ret(await c.execute("query-status"))).toEqual({ status: "prelaunch", singlestep: false, running: false });
    expect(ret(await c.execute("cont"))).toEqual({});
    const resume = await c.waitEvent("RESUME");
    timestampOk(resume);
    expect(resume.data).toBeUndefined();
    expect(ret(await c.execute("query-status", undefined, "s1"))).toEqual({ status: "running", singlestep: false, running: true });
    await new Promise((r) => setTimeout(r, 300)); // part of the way into the program

    const before = c.events.length;
    expect(ret(await c.execute("stop"))).toEqual({});
    // QEMU sends STOP before stop's answer.
    expect(c.events.slice(before).map((e) => e.event)).toEqual(["STOP"]);
    expect(ret(await c.execute("query-status"))).toEqual({ status: "paused", singlestep: false, running: false });
    expect(ret(await c.execute("query-cpus-fast"))).toEqual([
      { "cpu-index": 0, "qom-path": "/machine/unattached/device[0]", "thread-id": a.p.pid, target: "arm",
        props: { "core-id": 0, "thread-id": 0, "socket-id": 0, "cluster-id": 0 } },
    ]);

    expect(ret(await c.execute("migrate", { uri: `file:${snap}` }))).toEqual({});
    let m: QmpMessage;
    const t0 = Date.now();
    do m = await c.execute("query-migrate"); while ((m.return as { status?: string }).status !== "completed" && Date.now() - t0 < 30_000 && (await new Promise((r) => setTimeout(r, 50)), true));
    const info = ret(m) as { status: string; "total-time": number; ram: { total: number; transferred: number; remaining: number; "page-size": number; normal: number; duplicate: number } };
    expect(info.status).toBe("completed");
    expect(info.ram.total).toBe(128 << 20);
    expect(info.ram.remaining).toBe(0);
    expect(info.ram["page-size"]).toBe(4096);
    expect(info.ram.normal + info.ram.duplicate).toBe((128 << 20) / 4096);
    expect(info.ram.transferred).toBeGreaterThan(0);
    expect(existsSync(snap)).toBe(true);
    // The source stays stopped after a completed migration (QEMU's postmigrate).
    expect(ret(await c.execute("query-status"))).toEqual({ status: "postmigrate", singlestep: false, running: false });

    const q = c.events.length;
    expect(ret(await c.execute("quit"))).toEqual({});
    const shutdown = await c.waitEvent("SHUTDOWN", q);
    expect(shutdown.data).toEqual({ guest: false, reason: "host-qmp-quit" });
    await c.waitClosed();
    const end = await a.exited;
    expect(end.code, a.err()).toBe(0);
    expect(a.out()).toBe(""); // stopped before the program's only line

    // A second process resumes the file: without --kernel (the program is in the stream).
    const b = spawnSync(process.execPath, [ARMLET_CLI, "run", ...DET, "--loadvm", snap], { encoding: "latin1", input: "", timeout: 120_000 });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toBe(full);
    // Without a front end to continue it, --incoming runs a machine saved stopped (and says so).
    const i = spawnSync(process.execPath, [ARMLET_CLI, "run", ...DET, "--incoming", `file:${snap}`], { encoding: "latin1", input: "", timeout: 120_000 });
    expect(i.status, i.stderr).toBe(0);
    expect(i.stdout).toBe(full);
    expect(i.stderr).toMatch(/saved with the machine paused/);
  }, 240_000);

  it("--incoming with --qmp keeps a machine saved stopped, stopped, until cont (QEMU's -incoming)", async () => {
    const sock = join(dir, "qmp-paused.sock");
    const snap = join(dir, "paused.snap");
    const a = armlet("--kernel", BENCH, ...DET, "--append", PASSES, "-S", "--qmp", `unix:${sock},server,wait=off`);
    const c = await client(sock);
    await c.greeting;
    ret(await c.execute("qmp_capabilities"));
    ret(await c.execute("cont"));
    await new Promise((r) => setTimeout(r, 200));
    ret(await c.execute("stop"));
    ret(await c.execute("migrate", { uri: `file:${snap}` }));
    while ((ret(await c.execute("query-migrate")) as { status?: string }).status !== "completed") await new Promise((r) => setTimeout(r, 50));
    ret(await c.execute("quit"));
    expect((await a.exited).code, a.err()).toBe(0);

    const sock2 = join(dir, "qmp-paused-in.sock");
    const b = armlet(...DET, "--incoming", `file:${snap}`, "--qmp", `unix:${sock2},server,wait=off`);
    const d = await client(sock2);
    await d.greeting;
    ret(await d.execute("qmp_capabilities"));
    expect(ret(await d.execute("query-status"))).toEqual({ status: "paused", singlestep: false, running: false });
    await new Promise((r) => setTimeout(r, 300));
    expect(b.out()).toBe("");
    ret(await d.execute("cont"));
    await d.waitEvent("RESUME");
    const shutdown = await d.waitEvent("SHUTDOWN");
    expect(shutdown.data).toEqual({ guest: true, reason: "guest-shutdown" });
    expect((await b.exited).code, b.err()).toBe(0);
    expect(b.out()).toBe(full);
  }, 240_000);

  it("migrate \"exec:cat > FILE\" of a running machine stops it (STOP); --incoming \"exec:cat FILE\" runs it on", async () => {
    const sock = join(dir, "qmp-exec.sock");
    const snap = join(dir, "exec.snap");
    const a = armlet("--kernel", BENCH, ...DET, "--append", PASSES, "-S", "--qmp", `unix:${sock},server,wait=off`);
    const c = await client(sock);
    await c.greeting;
    ret(await c.execute("qmp_capabilities"));
    ret(await c.execute("cont"));
    await new Promise((r) => setTimeout(r, 200));
    // Migrating a running machine: it stops (STOP) when the stream is taken.
    ret(await c.execute("migrate", { uri: `exec:cat > ${snap}` }));
    await c.waitEvent("STOP");
    let st: { status?: string } = {};
    for (const t0 = Date.now(); st.status !== "completed" && Date.now() - t0 < 30_000;) {
      st = ret(await c.execute("query-migrate")) as { status?: string };
      expect(st.status).not.toBe("failed");
    }
    expect(st.status).toBe("completed");
    expect(ret(await c.execute("query-status"))).toMatchObject({ status: "postmigrate", running: false });
    ret(await c.execute("quit"));
    expect((await a.exited).code, a.err()).toBe(0);

    const sock2 = join(dir, "qmp-in.sock");
    const b = armlet(...DET, "--incoming", `exec:cat ${snap}`, "--qmp", `unix:${sock2},server,wait=off`);
    const d = await client(sock2);
    await d.greeting;
    ret(await d.execute("qmp_capabilities"));
    // Saved while running: the destination runs.
    await b.waitFor(/bench-crc: passes/);
    expect((await b.exited).code, b.err()).toBe(0);
    expect(b.out()).toBe(full);
  }, 240_000);
});

describe("QMP: tcp, reset, powerdown, errors", () => {
  it("tcp:127.0.0.1:0 listens on a free port (said on stderr); system_reset gives RESET, system_powerdown POWERDOWN", async () => {
    const a = armlet("--kernel", waitingGuest(), "--qmp", "tcp:127.0.0.1:0,server,wait=off");
    await a.waitFor(/QMP listening on tcp:127\.0\.0\.1:(\d+)/, { stream: "err" });
    const port = Number(/QMP listening on tcp:127\.0\.0\.1:(\d+)/.exec(a.err())![1]);
    expect(port).toBeGreaterThan(0);
    const c = await client({ host: "127.0.0.1", port });
    expect((await c.greeting).QMP!.version.qemu.major).toBe(7);
    ret(await c.execute("qmp_capabilities"));
    await a.waitFor("guest# ");
    expect(ret(await c.execute("query-status"))).toMatchObject({ status: "running" });

    const r0 = c.events.length;
    expect(ret(await c.execute("system_reset"))).toEqual({});
    const reset = await c.waitEvent("RESET", r0);
    expect(reset.data).toEqual({ guest: false, reason: "host-qmp-system-reset" });
    timestampOk(reset);
    // The program starts again from the top and prints its prompt a second time.
    await a.waitFor("guest# guest# ");
    expect(ret(await c.execute("query-status"))).toMatchObject({ status: "running" });

    const p0 = c.events.length;
    expect(ret(await c.execute("system_powerdown"))).toEqual({});
    expect((await c.waitEvent("POWERDOWN", p0)).data).toBeUndefined();
    // This program does not watch the power button (virt's gpio-key): it keeps running.
    expect(ret(await c.execute("query-status"))).toMatchObject({ status: "running" });

    ret(await c.execute("quit"));
    expect((await c.waitEvent("SHUTDOWN")).data).toEqual({ guest: false, reason: "host-qmp-quit" });
    expect((await a.exited).code, a.err()).toBe(0);
  }, 120_000);

  it("answers errors in QEMU's shape: before negotiation, unknown commands, bad arguments, bad input; ids are echoed", async () => {
    const sock = join(dir, "qmp-err.sock");
    const a = armlet("--kernel", waitingGuest(), "--qmp", `unix:${sock},server,wait=off`);
    const c = await client(sock);
    await c.greeting;
    const negotiate = { class: "CommandNotFound", desc: "Expecting capabilities negotiation with 'qmp_capabilities'" };
    expect(await c.execute("query-status")).toEqual({ error: negotiate });
    expect(await c.execute("no-such-command")).toEqual({ error: negotiate });
    expect(await c.execute("qmp_capabilities", { enable: ["oob"] })).toEqual({ error: { class: "GenericError", desc: "Capability 'oob' not available" } });
    expect(await c.execute("qmp_capabilities", undefined, 1)).toEqual({ return: {}, id: 1 });
    expect(await c.execute("qmp_capabilities")).toEqual({ error: { class: "CommandNotFound", desc: "Capabilities negotiation is already complete, command ignored" } });
    expect(await c.execute("no-such-command", undefined, "x")).toEqual({ error: { class: "CommandNotFound", desc: "The command no-such-command has not been found" }, id: "x" });
    expect(await c.execute("migrate")).toEqual({ error: { class: "GenericError", desc: "Parameter 'uri' is missing" } });
    expect(await c.execute("migrate", { uri: 5 })).toEqual({ error: { class: "GenericError", desc: "Invalid parameter type for 'uri', expected: string" } });
    expect(await c.execute("stop", { x: 1 })).toEqual({ error: { class: "GenericError", desc: "Parameter 'x' is unexpected" } });
    expect(await c.sendRaw("[1]")).toEqual({ error: { class: "GenericError", desc: "QMP input must be a JSON object" } });
    expect(await c.sendRaw('{"foo": 1}')).toEqual({ error: { class: "GenericError", desc: "QMP input member 'foo' is unexpected" } });
    const bad = await c.execute("migrate", { uri: "tcp:127.0.0.1:4444" });
    expect(bad.error?.class).toBe("GenericError");
    expect(bad.error?.desc).toMatch(/files only/);
    // Two commands in one write are answered in order.
    const two = Promise.all([c.execute("query-status", undefined, 1), c.execute("query-version", undefined, 2)]);
    const [s, v] = await two;
    expect(s).toMatchObject({ id: 1, return: { status: "running" } });
    expect(v).toMatchObject({ id: 2, return: { qemu: { major: 7, minor: 2 } } });
    // human-monitor-command: the HMP's words through QMP, as libvirt uses it.
    expect(await c.execute("human-monitor-command", { "command-line": "info status" })).toEqual({ return: "VM status: running\r\n" });
    ret(await c.execute("quit"));
    expect((await a.exited).code, a.err()).toBe(0);
  }, 120_000);

  it("wait=on (QEMU's default) holds the machine until a client connects", async () => {
    const sock = join(dir, "qmp-wait.sock");
    const a = armlet("--kernel", waitingGuest(), "--qmp", `unix:${sock},server`);
    await a.waitFor(/waiting for a QMP connection/, { stream: "err" });
    await new Promise((r) => setTimeout(r, 300));
    expect(a.out()).toBe("");
    const c = await client(sock);
    await c.greeting;
    await a.waitFor("guest# ");
    ret(await c.execute("qmp_capabilities"));
    ret(await c.execute("quit"));
    expect((await a.exited).code, a.err()).toBe(0);
  }, 60_000);
});
