// The console as a user meets it: a console that fails (stdout closed by `| head`, a full disk)
// ends the run with EXIT.OUTPUT and one line instead of a Node stack trace; on a terminal,
// Ctrl-A h lists the escape keys in QEMU's words and Ctrl-A x leaves the prompt on a new line.
// The terminal cases run armlet and QEMU 7.2 under script(1), which gives each a pty.
import { describe, it, expect, beforeAll } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT } from "../../cli/exit-codes.js";
import { escapeHelp } from "../../cli/console-input.js";
import { QEMU_SYSTEM_ARM, qemuArgv } from "../helpers/qemu.js";
import { lacksCommand } from "../helpers/requirements.js";

const CLI = join(__dirname, "..", "..", "dist", "cli", "main.js");
const dir = mkdtempSync(join(tmpdir(), "armlet-console-"));

function image(name: string, words: number[]): string {
  const b = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => b.writeUInt32LE(w >>> 0, i * 4));
  const p = join(dir, name);
  writeFileSync(p, b);
  return p;
}
/** virt bare metal: "A\n" on the PL011, forever. */
const chatty = () => image("chatty.bin", [
  0xe3a01409, // mov r1, #0x09000000
  0xe3a00041, // mov r0, #'A'
  0xe3a0200a, // mov r2, #'\n'
  0xe5810000, // str r0, [r1]
  0xe5812000, // str r2, [r1]
  0xeafffffc, // b (the first str)
]);
/** virt bare metal: prints "guest# " (no newline, like a shell prompt), then waits. */
const prompt = () => image("prompt.bin", [
  0xe3a01409, 0xe28f2014, 0xe4d20001, 0xe3500000, // mov r1, #UART; adr r2, msg; 1: ldrb r0, [r2], #1; cmp r0, #0
  0x15810000, 0x1afffffb, 0xe320f003, 0xeafffffd, // strne r0, [r1]; bne 1b; 2: wfi; b 2b
  0x73657567, 0x00202374, // "guest# \0"
]);

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
});

describe("a console that fails", () => {
  it("stdout closed by the reader (`armlet run | head -1`): exit 74, one line, no stack trace", async () => {
    const p = spawn(process.execPath, [CLI, "run", "--kernel", chatty(), "--timeout", "30"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    p.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    // Read the first line, then close the pipe as head(1) does.
    await new Promise<void>((resolve) => p.stdout.once("data", () => { p.stdout.destroy(); resolve(); }));
    const code = await new Promise<number | null>((resolve) => p.on("close", resolve));
    expect(code).toBe(EXIT.OUTPUT.code);
    expect(err).toBe("armlet: error: could not write the console to stdout: broken pipe (the reader has gone)\n");
  });

  it("stdout on a full disk (/dev/full): exit 74 and the reason", () => {
    const full = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [CLI, "run"], { stdio: ["ignore", full, "pipe"], encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(EXIT.OUTPUT.code);
      expect(r.stderr).toBe("armlet: error: could not write the console to stdout: no space left on device\n");
    } finally { closeSync(full); }
  });

  it("stdout and stderr both failing: still exit 74, silently", () => {
    const full = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [CLI, "run"], { stdio: ["ignore", full, full], timeout: 60_000 });
      expect(r.status).toBe(EXIT.OUTPUT.code);
      expect(r.signal).toBeNull();
    } finally { closeSync(full); }
  });

  it("help whose reader has gone (`armlet run --help | true`): exit 0, nothing on stderr", async () => {
    const p = spawn(process.execPath, [CLI, "run", "--help"], { stdio: ["ignore", "pipe", "pipe"] });
    p.stdout.destroy(); // closed before armlet writes
    let err = "";
    p.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((resolve) => p.on("close", resolve));
    expect(code).toBe(0);
    expect(err).toBe("");
  });

  it("help on a full disk: exit 74 and one line", () => {
    const full = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, [CLI, "run", "--help"], { stdio: ["ignore", full, "pipe"], encoding: "utf8", timeout: 60_000 });
      expect(r.status).toBe(EXIT.OUTPUT.code);
      expect(r.stderr).toBe("armlet: error: could not write to stdout: no space left on device\n");
    } finally { closeSync(full); }
  });

  it("a guest that exits while the console works is not affected (stdout to /dev/null)", () => {
    const r = spawnSync(process.execPath, [CLI, "run"], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });
});

/** Run `argv` on a pty (script(1)); once `ready` shows up, type `keys`; collect the output. */
function onTerminal(argv: string[], ready: string, keys: string[]): Promise<{ code: number | null; out: string }> {
  const cmd = argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const p = spawn("script", ["-qfec", cmd, "/dev/null"], { stdio: ["pipe", "pipe", "ignore"] });
  let out = "";
  let typed = false;
  const timer = setTimeout(() => p.kill("SIGKILL"), 30_000);
  p.stdout.on("data", (d: Buffer) => {
    out += d.toString("latin1");
    if (!typed && out.includes(ready)) {
      typed = true;
      // One key sequence at a time, as a user types them.
      keys.forEach((k, i) => setTimeout(() => p.stdin.write(k), 300 * (i + 1)));
    }
  });
  return new Promise((resolve) => p.on("close", (code) => { clearTimeout(timer); resolve({ code, out }); }));
}

const QEMU_HELP_LINE = /^C-a \S+ +\S/;

describe.skipIf(lacksCommand("script", "util-linux's script(1) gives the test a terminal") || lacksCommand(QEMU_SYSTEM_ARM))("Ctrl-A on a terminal", () => {
  it("Ctrl-A h lists the keys armlet implements in QEMU's words; Ctrl-A x ends the run on a new line", async () => {
    const guest = prompt();
    const armlet = await onTerminal([process.execPath, CLI, "run", "--kernel", guest], "guest# ", ["\x01h", "\x01x"]);
    const qemu = await onTerminal([QEMU_SYSTEM_ARM, ...qemuArgv(["-M", "virt", "-nographic", "-kernel", guest])], "guest# ", ["\x01h", "\x01x"]);
    expect(armlet.code).toBe(0);
    expect(qemu.code).toBe(0);
    const lines = (s: string) => s.split(/\r*\n\r?/);
    const ours = lines(armlet.out);
    // The prompt's line is ended before the help; the help is escapeHelp(); then the last line.
    expect(armlet.out).toBe(`guest# \r\n${escapeHelp().map((l) => `${l}\r\n`).join("")}armlet: terminated\r\n`);
    // Every key armlet shares with QEMU (h, x, C-a) is described exactly as QEMU 7.2 does.
    const theirs = new Set(lines(qemu.out).filter((l) => QEMU_HELP_LINE.test(l)));
    const shared = ours.filter((l) => QEMU_HELP_LINE.test(l) && !l.startsWith("C-a p "));
    expect(shared.map((l) => l.slice(0, 8))).toEqual(["C-a h   ", "C-a x   ", "C-a C-a "]);
    for (const l of shared) expect(theirs, l).toContain(l);
    expect(qemu.out).toMatch(/QEMU: Terminated\r\n/);
  }, 60_000);

  it("Ctrl-A p on a board without a power button says so", async () => {
    // The prompt guest for vexpress-a15: its PL011 is at 0x1c090000 (movw/movt), entered through the boot stub.
    const guest = image("prompt-vexpress.bin", [0xe3001000, 0xe3411c09, 0xe28f2014, 0xe4d20001, 0xe3500000,
      0x15810000, 0x1afffffb, 0xe320f003, 0xeafffffd, 0x73657567, 0x00202374]);
    const r = await onTerminal([process.execPath, CLI, "run", "-M", "vexpress-a15", "--kernel", guest], "guest# ", ["\x01p", "\x01x"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("guest# \r\narmlet: machine vexpress-a15 has no power button\r\narmlet: terminated\r\n");
  }, 60_000);
});
