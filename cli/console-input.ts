// Console input for `armlet run`: stdin bytes go to the guest's console UART. On a terminal,
// stdin is put in raw mode (restored on exit) and Ctrl-A x quits, as with QEMU -nographic;
// Ctrl-A p presses the board's power button (QEMU's monitor `system_powerdown`: virt's guest
// shuts down cleanly); Ctrl-A Ctrl-A sends a literal Ctrl-A.
import type { Machine } from "../machines/machine.js";

const CTRL_A = 0x01;

export function attachConsoleInput(machine: Machine, stdin: NodeJS.ReadStream = process.stdin): () => void {
  const tty = stdin.isTTY === true;
  // Without a terminal and without piped data (e.g. /dev/null or a closed stdin), leave it alone.
  if (!tty && stdin.readableEnded) return () => {};
  let escape = false;
  const onData = (chunk: Buffer) => {
    const out: number[] = [];
    for (const b of chunk) {
      if (tty && escape) {
        escape = false;
        if (b === 0x78 /* x */) { machine.quit(); return; }
        if (b === 0x70 /* p */) { machine.powerButton(); continue; }
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
