// The human monitor as a user meets it (issue 9): `--monitor stdio` shares stdin/stdout with the
// console, Ctrl-A c switches to it (QEMU's mux: banner, "(qemu) " prompt, echo), and the
// commands answer in QEMU 7.2's words; a file saved from it resumes in a new process to the
// uninterrupted run's output. The socket form (`--monitor unix:PATH,server`) answers the same.
// The program is roms' bench-crc (one line at its end; fixed output under --icount shift=0).
import { describe, it, expect, beforeAll, afterEach } from "vitest";
import { spawnSync } from "node:child_process";
import { connect, type Socket } from "node:net";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ARMLET_CLI, startArmlet, type ArmletProcess } from "../helpers/armlet-process.js";

const ROOT = join(__dirname, "..", "..");
const BENCH = join(ROOT, "roms", "bin", "bench-crc.elf");
const DET = ["--semihosting", "--icount", "shift=0"];
// Long enough (1.4 G instructions, seconds even with the JIT) that the program is still running
// when the test quits it.
const PASSES = "3000";
const dir = mkdtempSync(join(tmpdir(), "armlet-monitor-"));
const BANNER = /^armlet \S+ monitor - type 'help' for more information\r\n\(qemu\) $/;

const running: ArmletProcess[] = [];
afterEach(() => { for (const a of running.splice(0)) a.kill(); });

let full = "";
beforeAll(() => {
  if (!existsSync(ARMLET_CLI)) throw new Error("dist/cli/main.js missing: run `npm run build` before the tests");
  const r = spawnSync(process.execPath, [ARMLET_CLI, "run", "--kernel", BENCH, ...DET, "--append", PASSES], { encoding: "latin1", input: "", timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  full = r.stdout;
}, 180_000);

describe("--monitor stdio", () => {
  it("Ctrl-A c, info status, stop, savevm FILE, cont, info cpus, quit; the file resumes in a new process", async () => {
    const snap = join(dir, "hmp.snap");
    const a = startArmlet(["run", "--kernel", BENCH, ...DET, "--append", PASSES, "-S", "--monitor", "stdio"]);
    running.push(a);
    /** Type a line; resolves with what the monitor printed for it (after the echo, before the next prompt). */
    let at = 0;
    const command = async (line: string): Promise<string> => {
      a.p.stdin.write(`${line}\r`);
      const echoed = await a.waitFor(`${line}\r\n`, { from: at });
      at = await a.waitFor("(qemu) ", { from: echoed });
      return a.out().slice(echoed, at - "(qemu) ".length);
    };
    a.p.stdin.write("\x01c");
    at = await a.waitFor("(qemu) ");
    expect(a.out()).toMatch(BANNER);

    // -S: the CPUs have not started.
    expect(await command("info status")).toBe("VM status: paused (prelaunch)\r\n");
    expect(await command("cont")).toBe("");
    expect(await command("info status")).toBe("VM status: running\r\n");
    await new Promise((r) => setTimeout(r, 300));
    expect(await command("stop")).toBe("");
    expect(await command("info status")).toBe("VM status: paused\r\n");
    expect(await command(`savevm ${snap}`)).toBe("");
    expect(existsSync(snap)).toBe(true);
    // savevm keeps the run state.
    expect(await command("info status")).toBe("VM status: paused\r\n");
    expect(await command("no_such_thing")).toBe("unknown command: 'no_such_thing'\r\n");
    expect(await command("c")).toBe("");
    expect(await command("info status")).toBe("VM status: running\r\n");
    // QEMU 7.2: "* CPU #0: thread_id=N" (armlet adds the PC and mode before thread_id).
    expect(await command("info cpus")).toMatch(new RegExp(`^\\* CPU #0: .*thread_id=${a.p.pid}\\r\\n$`));
    // Typing is edited as in QEMU's readline: Backspace erases.
    a.p.stdin.write("info stx\x7fatus\r");
    at = await a.waitFor("VM status: running\r\n(qemu) ", { from: at });

    a.p.stdin.write("quit\r");
    const end = await a.exited;
    expect(end.code, a.err()).toBe(0);
    expect(a.out()).not.toContain("bench-crc:"); // quit before the program's only line

    const b = spawnSync(process.execPath, [ARMLET_CLI, "run", ...DET, "--loadvm", snap], { encoding: "latin1", input: "", timeout: 120_000 });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stdout).toBe(full);
  }, 240_000);

  it("the console has the input until Ctrl-A c; Ctrl-A c again gives it back; loadvm restores a saved machine in place", async () => {
    const snap = join(dir, "in-place.snap");
    const a = startArmlet(["run", "--kernel", BENCH, ...DET, "--append", PASSES, "-S", "--monitor", "stdio"]);
    running.push(a);
    a.p.stdin.write("info status\r");
    await new Promise((r) => setTimeout(r, 300));
    expect(a.out()).toBe(""); // went to the guest's UART, which this program does not read
    a.p.stdin.write("\x01c");
    let at = await a.waitFor("(qemu) ");
    a.p.stdin.write(`savevm ${snap}\r`);
    at = await a.waitFor("(qemu) ", { from: at });
    a.p.stdin.write("cont\r");
    at = await a.waitFor("(qemu) ", { from: at });
    await new Promise((r) => setTimeout(r, 200));
    // Back to the machine as saved before it ran; loadvm keeps the current run state (running), as QEMU's.
    a.p.stdin.write(`loadvm ${snap}\r`);
    at = await a.waitFor("(qemu) ", { from: at });
    a.p.stdin.write("\x01c"); // back to the console: no prompt
    await new Promise((r) => setTimeout(r, 200));
    expect(a.out().slice(at)).not.toContain("(qemu)");
    // The program runs to its end from the start it was taken at: the uninterrupted output.
    const end = await a.exited;
    expect(end.code, a.err()).toBe(0);
    expect(a.out().slice(at)).toBe(full);
  }, 240_000);
});

describe("--monitor unix:PATH,server", () => {
  it("greets each client with the banner and prompt, answers in QEMU's words, quit ends the run", async () => {
    const sock = join(dir, "hmp.sock");
    const a = startArmlet(["run", "--kernel", BENCH, ...DET, "--append", "1000000", "--monitor", `unix:${sock},server,wait=off`]);
    running.push(a);
    const s = await new Promise<Socket>((resolve, reject) => {
      const t0 = Date.now();
      const attempt = () => {
        const c = connect(sock);
        c.once("connect", () => resolve(c));
        c.once("error", (e) => { if (Date.now() - t0 > 30_000) reject(e); else setTimeout(attempt, 50); });
      };
      attempt();
    });
    let text = "";
    s.setEncoding("latin1");
    s.on("data", (d: string) => { text += d; });
    const prompt = async (from: number): Promise<number> => {
      for (const t0 = Date.now(); ; await new Promise((r) => setTimeout(r, 20))) {
        const i = text.indexOf("(qemu) ", from);
        if (i >= 0) return i + 7;
        if (Date.now() - t0 > 30_000) throw new Error(`no prompt: ${JSON.stringify(text)}`);
      }
    };
    let at = await prompt(0);
    expect(text).toMatch(BANNER);
    const command = async (line: string) => { s.write(`${line}\n`); const from = at; at = await prompt(at); return text.slice(from, at - 7); };
    expect(await command("info status")).toBe("VM status: running\r\n");
    expect(await command("stop")).toBe("");
    expect(await command("info status")).toBe("VM status: paused\r\n");
    const m = join(dir, "hmp-migrate.snap");
    expect(await command(`migrate "exec:cat > ${m}"`)).toBe("");
    expect(await command("info status")).toBe("VM status: paused (postmigrate)\r\n");
    expect(await command("info migrate")).toMatch(/^Migration status: completed\r\n/);
    expect(existsSync(m)).toBe(true);
    expect(await command("system_powerdown")).toBe("");
    expect(await command("help stop")).toMatch(/^stop\|s/);
    s.write("quit\n");
    const end = await a.exited;
    expect(end.code, a.err()).toBe(0);
    expect(existsSync(sock)).toBe(false); // the socket file is removed at the end
    s.destroy();
  }, 120_000);
});
