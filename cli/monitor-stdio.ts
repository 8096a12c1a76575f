// `--monitor stdio`: the human monitor shares stdio with the console, as QEMU's `-serial
// mon:stdio` / `-nographic` mux: the console has the input first, Ctrl-A c gives it to the
// monitor (banner on the first switch, then the "(qemu) " prompt) and back. Guest output keeps
// flowing meanwhile. Commands run one after another; the prompt returns when one has finished.
import type { VmControl } from "../machines/monitor/vm-control.js";
import { LineEditor } from "../machines/monitor/line-editor.js";
import { monitorText, runHmpLine } from "../machines/monitor/hmp.js";

export const MONITOR_BANNER = "armlet 0.1.0 monitor - type 'help' for more information";
export const PROMPT = "(qemu) ";

export class StdioMonitor {
  active = false;
  private greeted = false;
  private readonly editor = new LineEditor();
  private queue: Promise<void> = Promise.resolve();

  private readonly write: (s: string) => void;

  /** `write`: text on the console; `newLine`: end the console's current line if it has text. */
  constructor(private readonly ctl: VmControl, write: (s: string) => void, private readonly newLine: () => void) {
    // stdin is in raw mode on a terminal: a bare "\n" would not return the cursor.
    this.write = (s) => write(monitorText(s));
  }

  /** Ctrl-A c. */
  toggle(): void {
    this.active = !this.active;
    if (!this.active) return;
    this.newLine();
    if (!this.greeted) { this.greeted = true; this.write(`${MONITOR_BANNER}\n`); }
    this.write(PROMPT);
  }

  /** Bytes typed while the monitor has the input. */
  input(bytes: Iterable<number>): void {
    this.editor.feed(bytes, (s) => this.write(s), (l) => {
      this.queue = this.queue.then(async () => {
        await runHmpLine(this.ctl, l, (s) => this.write(s));
        if (this.active) this.write(PROMPT);
      });
    });
  }
}
