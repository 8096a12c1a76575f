// Console input for `armlet run`: stdin bytes go to the guest's console UART. On a terminal,
// stdin is put in raw mode (restored on exit) and Ctrl-A starts an escape key as with QEMU
// -nographic: the keys armlet implements are in ESCAPE_KEYS (Ctrl-A h lists them); Ctrl-A p,
// armlet's own, presses the board's power button (QEMU's monitor `system_powerdown`: virt's
// guest shuts down cleanly).
import type { Machine } from "../machines/machine.js";

const CTRL_A = 0x01;

/** The escape keys, as QEMU's Ctrl-A h lists its own ("C-a x    exit emulator"). */
export const ESCAPE_KEYS: readonly { key: string; help: string }[] = [
  { key: "h", help: "print this help" },
  { key: "x", help: "exit emulator" },
  { key: "p", help: "press the power button (QEMU's monitor: system_powerdown)" },
  { key: "C-a", help: "sends C-a" },
];

/** The lines Ctrl-A h prints. */
export function escapeHelp(): string[] {
  return ESCAPE_KEYS.map((k) => `${`C-a ${k.key}`.padEnd(9)}${k.help}`);
}

/**
 * Feed stdin to the machine. `print` shows a line of armlet's own on the console (Ctrl-A h's
 * help, the line Ctrl-A x leaves so the host's prompt starts on a new line).
 */
export function attachConsoleInput(machine: Machine, stdin: NodeJS.ReadStream = process.stdin,
  print: (line: string) => void = () => {}): () => void {
  const tty = stdin.isTTY === true;
  // Without a terminal and without piped data (e.g. /dev/null or a closed stdin), leave it alone.
  if (!tty && stdin.readableEnded) return () => {};
  let escape = false;
  const onData = (chunk: Buffer) => {
    const out: number[] = [];
    for (const b of chunk) {
      if (tty && escape) {
        escape = false;
        if (b === 0x78 /* x */) {
          if (out.length) machine.input(out);
          print("armlet: terminated");
          machine.quit();
          return;
        }
        if (b === 0x68 /* h */) for (const line of escapeHelp()) print(line);
        if (b === 0x70 /* p */ && !machine.powerButton()) print(`armlet: machine ${machine.board.name} has no power button`);
        if (b === CTRL_A) out.push(CTRL_A);
        continue;
      }
      if (tty && b === CTRL_A) { escape = true; continue; }
      out.push(b);
    }
    if (out.length) machine.input(out);
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
