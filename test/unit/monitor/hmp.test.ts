// The human monitor's commands over VmControl on a real machine (-M virt, a bare-metal program
// that prints "guest# " and waits): the answers in QEMU 7.2's words, the run states and the
// events QMP reports, savevm/loadvm/migrate to files, and QEMU's argument errors.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine, type RunResult } from "../../../machines/machine.js";
import { VmControl, type VmEvent } from "../../../machines/monitor/vm-control.js";
import { HMP_COMMANDS, monitorText, runHmpLine } from "../../../machines/monitor/hmp.js";

const dir = mkdtempSync(join(tmpdir(), "armlet-hmp-"));

/** virt bare metal: prints "guest# " and waits in WFI. */
function waitingGuest(): Uint8Array {
  const words = [
    0xe3a01409, 0xe28f2014, 0xe4d20001, 0xe3500000, // mov r1, #UART; adr r2, msg; 1: ldrb r0, [r2], #1; cmp r0, #0
    0x15810000, 0x1afffffb, 0xe320f003, 0xeafffffd, // strne r0, [r1]; bne 1b; 2: wfi; b 2b
    0x73657567, 0x00202374, // "guest# \0"
  ];
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32LE(w >>> 0, i * 4));
  return b;
}

let m: Machine;
let ctl: VmControl;
let done: Promise<RunResult>;
let console_ = "";
const events: VmEvent[] = [];

async function hmp(line: string): Promise<string> {
  let out = "";
  await runHmpLine(ctl, line, (s) => { out += s; });
  return out;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, what: string): Promise<void> {
  for (const t0 = Date.now(); !cond(); await sleep(10)) if (Date.now() - t0 > 20_000) throw new Error(`no ${what}`);
}

beforeAll(async () => {
  m = new Machine({ machine: "virt", kernel: waitingGuest(), onConsole: (b) => { console_ += Buffer.from(b).toString("latin1"); } });
  ctl = new VmControl(m);
  ctl.onEvent((e) => events.push(e));
  done = m.run();
  await until(() => console_.includes("guest# "), "prompt");
});
afterAll(async () => { m.quit(); await done; m.dispose(); });

describe("HMP over VmControl", () => {
  it("info status, stop/cont (STOP and RESUME once each), their aliases", async () => {
    expect(await hmp("info status")).toBe("VM status: running\n");
    expect(ctl.runState).toBe("running");
    const e0 = events.length;
    expect(await hmp("stop")).toBe("");
    expect(await hmp("info status")).toBe("VM status: paused\n");
    expect(await hmp("s")).toBe(""); // already stopped: no second STOP
    expect(await hmp("cont")).toBe("");
    expect(await hmp("c")).toBe("");
    expect(events.slice(e0).map((e) => e.event)).toEqual(["STOP", "RESUME"]);
    expect(await hmp("  info   status  ")).toBe("VM status: running\n");
  });

  it("info cpus: QEMU's '* CPU #0:' line with thread_id, and the PC and mode at a step boundary", async () => {
    const out = await hmp("info cpus");
    // In the WFI loop (the program is loaded at 0x40010000; WFI at +0x18): waiting there, or about to.
    expect(out).toMatch(new RegExp(`^\\* CPU #0: pc=0x400100(18|1c) mode=svc( \\(halted\\))? thread_id=${process.pid}\\n$`));
  });

  it("savevm FILE keeps the run state; loadvm FILE restores it; a bad file is an Error: line and changes nothing", async () => {
    const f = join(dir, "a.snap");
    expect(await hmp(`savevm ${f}`)).toBe("");
    expect(statSync(f).size).toBeGreaterThan(1000);
    expect(ctl.runState).toBe("running");
    const quoted = join(dir, "with space.snap");
    expect(await hmp(`savevm "${quoted}"`)).toBe("");
    expect(existsSync(quoted)).toBe(true);
    expect(await hmp(`loadvm ${f}`)).toBe("");
    expect(ctl.runState).toBe("running");
    const bad = await hmp(`loadvm ${join(dir, "missing.snap")}`);
    expect(bad).toMatch(/^Error: .*missing\.snap/);
    expect(await hmp("info status")).toBe("VM status: running\n");
  });

  it("migrate file: waits for the end, leaves the machine paused (postmigrate); info migrate reports it; cont runs it again", async () => {
    const f = join(dir, "m.snap");
    const e0 = events.length;
    expect(await hmp(`migrate file:${f}`)).toBe("");
    expect(existsSync(f)).toBe(true);
    expect(events.slice(e0).map((e) => e.event)).toEqual(["STOP"]);
    expect(await hmp("info status")).toBe("VM status: paused (postmigrate)\n");
    const info = await hmp("info migrate");
    expect(info).toMatch(/^Migration status: completed\ntotal time: \d+ ms\n/);
    expect(info).toMatch(/total ram: 131072 kbytes\n/);
    expect(await hmp("cont")).toBe("");
    expect(ctl.runState).toBe("running");
    // A failed migration says why and leaves a running machine running.
    const failed = await hmp("migrate \"exec:exit 4\"");
    expect(failed).toMatch(/^Error: 'exit 4' exited with status 4/);
    expect(ctl.queryMigrate().status).toBe("failed");
    await until(() => ctl.runState === "running", "resume after the failed migration");
    // -d returns at once.
    const g = join(dir, "detached.snap");
    expect(await hmp(`migrate -d file:${g}`)).toBe("");
    await until(() => ctl.queryMigrate().status === "completed", "detached migration");
    expect(existsSync(g)).toBe(true);
    expect(await hmp("cont")).toBe("");
  });

  it("system_reset (RESET, not from the guest: the program prints its prompt again), system_powerdown (POWERDOWN)", async () => {
    const e0 = events.length;
    const printed = console_.length;
    expect(await hmp("system_reset")).toBe("");
    await until(() => events.slice(e0).some((e) => e.event === "RESET"), "RESET");
    expect(events.slice(e0)).toEqual([{ event: "RESET", data: { guest: false, reason: "host-qmp-system-reset" } }]);
    await until(() => console_.slice(printed).includes("guest# "), "the prompt after the reset");
    expect(await hmp("system_powerdown")).toBe("");
    expect(events.slice(e0).map((e) => e.event)).toEqual(["RESET", "POWERDOWN"]);
    expect(ctl.runState).toBe("running"); // this program ignores the power button
  });

  it("QEMU's errors: unknown commands and info subcommands, extra text, a missing string", async () => {
    expect(await hmp("frobnicate now")).toBe("unknown command: 'frobnicate'\n");
    expect(await hmp("info foo")).toBe("unknown command: 'info foo'\n");
    expect(await hmp("stop extra")).toBe("stop|s: extraneous characters at the end of line\nTry \"help stop\" for more information\n");
    expect(await hmp("c 1")).toBe("cont|c: extraneous characters at the end of line\nTry \"help c\" for more information\n");
    expect(await hmp("loadvm")).toBe("loadvm: string expected\nTry \"help loadvm\" for more information\n");
    expect(await hmp("migrate")).toBe("migrate: string expected\nTry \"help migrate\" for more information\n");
    expect(await hmp("migrate -d")).toBe("migrate: string expected\nTry \"help migrate\" for more information\n");
    expect(await hmp("migrate tcp:127.0.0.1:4444")).toMatch(/^Error: .*files only/);
    expect(await hmp("migrate -b file:x")).toMatch(/^Error: migrate -b: block migration/);
    expect(await hmp("")).toBe("");
    expect(ctl.runState).toBe("running");
  });

  it("help lists every command as QEMU does ('stop|s  -- stop emulation'); help CMD one; info alone its subcommands", async () => {
    const all = await hmp("help");
    expect(all.trimEnd().split("\n")).toHaveLength(HMP_COMMANDS.length);
    expect(await hmp("help stop")).toBe("stop|s  -- stop emulation\n");
    expect(await hmp("? c")).toBe("cont|c  -- resume emulation\n");
    expect(await hmp("help savevm")).toMatch(/^savevm file -- /);
    expect(await hmp("info")).toMatch(/^info status  -- .*\ninfo cpus  -- .*\ninfo migrate  -- .*\n$/);
  });

  it("the monitor's text ends lines in CR LF (QEMU's monitor_puts)", () => {
    expect(monitorText("VM status: running\n")).toBe("VM status: running\r\n");
    expect(monitorText("a\r\nb\n")).toBe("a\r\nb\r\n");
  });

  it("quit ends the run (reason quit; QMP's SHUTDOWN says host-qmp-quit)", async () => {
    expect(await hmp("quit")).toBe("");
    const r = await done;
    expect(r.reason).toBe("quit");
    expect(ctl.shutdownEvent(r)).toEqual({ event: "SHUTDOWN", data: { guest: false, reason: "host-qmp-quit" } });
  });
});
