// Console input for `armlet run`: stdin bytes go to the guest's console UART. On a terminal,
// stdin is put in raw mode (restored on exit) and Ctrl-A starts an escape key as with QEMU
// -nographic: the keys armlet implements are in ESCAPE_KEYS (Ctrl-A h lists them); Ctrl-A p,
// armlet's own, presses the board's power button (QEMU's monitor `system_powerdown`: virt's
// guest shuts down cleanly). With --monitor stdio, Ctrl-A c switches the input between the
// console and the monitor, and the escapes work on piped stdin too (QEMU's mux).
import type { Machine } from "../machines/machine.js";

const CTRL_A = 0x01;

/** The escape keys, as QEMU's Ctrl-A h lists its own ("C-a x    exit emulator"); `monitor`: only with --monitor stdio. */
export const ESCAPE_KEYS: readonly { key: string; help: string; monitor?: boolean }[] = [
  { key: "h", help: "print this help" },
  { key: "x", help: "exit emulator" },
  { key: "p", help: "press the power button (QEMU's monitor: system_powerdown)" },
  { key: "c", help: "switch between console and monitor", monitor: true },
  { key: "C-a", help: "sends C-a" },
];

/** The lines Ctrl-A h prints. */
export function escapeHelp(monitor = false): string[] {
  return ESCAPE_KEYS.filter((k) => monitor || !k.monitor).map((k) => `${`C-a ${k.key}`.padEnd(9)}${k.help}`);
}

/** The monitor sharing stdio with the console (--monitor stdio): Ctrl-A c switches the input. */
export interface MuxedMonitor {
  readonly active: boolean;
  toggle(): void;
  input(bytes: number[]): void;
}

/**
 * Feed stdin to the machine. `print` shows a line of armlet's own on the console (Ctrl-A h's
 * help, the line Ctrl-A x leaves so the host's prompt starts on a new line).
 */
export function attachConsoleInput(machine: Machine, stdin: NodeJS.ReadStream = process.stdin,
  print: (line: string) => void = () => {}, monitor?: MuxedMonitor): () => void {
  const tty = stdin.isTTY === true;
  // Escapes are read on a terminal, and always when a monitor shares stdio (as QEMU's mux does).
  const keys = tty || monitor !== undefined;
  // Without a terminal and without piped data (e.g. /dev/null or a closed stdin), leave it alone.
  if (!tty && stdin.readableEnded) return () => {};
  let escape = false;
  const onData = (chunk: Buffer) => {
    let out: number[] = [];
    // Bytes so far go where the input goes now (the guest or the monitor).
    const flush = () => {
      if (!out.length) return;
      if (monitor?.active) monitor.input(out); else machine.input(out);
      out = [];
    };
    for (const b of chunk) {
      if (keys && escape) {
        escape = false;
        if (b === 0x78 /* x */) {
          flush();
          print("armlet: terminated");
          machine.quit();
          return;
        }
        if (b === 0x68 /* h */) for (const line of escapeHelp(monitor !== undefined)) print(line);
        if (b === 0x70 /* p */ && !machine.powerButton()) print(`armlet: machine ${machine.board.name} has no power button`);
        if (b === 0x63 /* c */ && monitor) { flush(); monitor.toggle(); }
        if (b === CTRL_A) out.push(CTRL_A);
        continue;
      }
      if (keys && b === CTRL_A) { escape = true; continue; }
      out.push(b);
    }
    flush();
  };
  if (tty) stdin.setRawMode(true);
  stdin.on("data", onData);
  stdin.resume();
  return () => {
    stdin.off("data", onData);
    if (tty) stdin.setRawMode(false);
    stdin.pause();
  };
}
