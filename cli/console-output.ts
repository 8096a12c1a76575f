// The console's host side for `armlet run`: the guest's bytes go to stdout (semihosting's
// stderr stream to stderr). A stream that fails (a closed pipe: `armlet run | head -1`; a full
// disk: `> /dev/full`) must not kill the process with a stack trace: the first failure is
// recorded, later bytes are dropped and `onFail` ends the run; the CLI then exits with
// EXIT.OUTPUT and one line on stderr (which may itself be the broken stream: then nothing).
import { ioReason } from "../machines/host-files.js";

type Stream = NodeJS.WritableStream & { destroyed?: boolean };

export class ConsoleOutput {
  /** What failed first, in words ("could not write the console to stdout: broken pipe ..."). */
  failure?: string;
  private atLineStart = true;
  private readonly listeners: [Stream, (e: Error) => void][] = [];

  constructor(private readonly onFail: () => void,
    private readonly out: Stream = process.stdout, private readonly err: Stream = process.stderr) {
    for (const [s, name] of [[out, "stdout"], [err, "stderr"]] as const) {
      const l = (e: Error) => this.fail(name, e);
      s.on("error", l);
      this.listeners.push([s, l]);
    }
  }

  /** Guest bytes for the console (stdout). */
  readonly stdout = (bytes: Uint8Array): void => {
    if (bytes.length) this.atLineStart = bytes[bytes.length - 1] === 0x0a;
    this.write(this.out, "stdout", bytes);
  };

  /** Guest bytes for stderr (semihosting's :tt opened for writing as stderr). */
  readonly stderr = (bytes: Uint8Array): void => this.write(this.err, "stderr", bytes);

  /**
   * A line of armlet's own on the console (Ctrl-A help, "terminated"), on a line of its own.
   * LF is enough: Node's raw mode keeps the terminal's LF to CR LF output translation.
   */
  readonly line = (text: string): void => {
    this.write(this.out, "stdout", Buffer.from(`${this.atLineStart ? "" : "\n"}${text}\n`));
    this.atLineStart = true;
  };

  /** Text of armlet's own (the monitor's prompt and answers) as it comes, no line handling. */
  readonly text = (text: string): void => {
    if (text.length) this.atLineStart = text.endsWith("\n");
    this.write(this.out, "stdout", Buffer.from(text, "latin1"));
  };

  /** End the current console line if something is on it. */
  readonly newLine = (): void => { if (!this.atLineStart) this.text("\n"); };

  /** Wait until what was written has been handed to the system (or has failed). */
  async flush(): Promise<void> {
    for (const s of [this.out, this.err]) {
      if (this.failure || s.destroyed) continue;
      await new Promise<void>((resolve) => {
        try { s.write(new Uint8Array(0), () => resolve()); } catch { resolve(); }
      });
    }
  }

  /** Stop listening; errors that arrive later (a last write failing at exit) are ignored. */
  dispose(): void {
    for (const [s, l] of this.listeners) {
      s.off("error", l);
      s.on("error", () => {});
    }
  }

  private write(s: Stream, name: string, bytes: Uint8Array): void {
    if (this.failure) return;
    try { s.write(bytes); } catch (e) { this.fail(name, e as Error); }
  }

  private fail(name: string, e: Error): void {
    if (this.failure) return;
    this.failure = `could not write the console to ${name}: ${ioReason(e)}`;
    this.onFail();
  }
}
