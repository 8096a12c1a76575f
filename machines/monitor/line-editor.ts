// The monitor's input line, as QEMU's readline keeps it: typed characters are echoed, Backspace
// erases, Ctrl-U clears the line, Enter (CR, LF or CR LF) ends it; terminal escape sequences
// (arrow keys) are swallowed rather than inserted. Bytes from 0x80 up are kept (QEMU inserts
// every byte from 32 up): the line is UTF-8, so a file name such as "été.snap" arrives whole,
// and Backspace erases a whole character.
export class LineEditor {
  private buf: number[] = [];
  private lastCr = false;
  private esc = 0; // 0: none, 1: after ESC, 2: in a CSI sequence

  /** Feed bytes; `echo` gets what to show (one char per byte: latin1), `line` each completed line. */
  feed(bytes: Iterable<number>, echo: (s: string) => void, line: (s: string) => void): void {
    for (const b of bytes) {
      const wasCr = this.lastCr;
      this.lastCr = b === 0x0d;
      if (this.esc === 1) { this.esc = b === 0x5b /* [ */ || b === 0x4f /* O */ ? 2 : 0; continue; }
      if (this.esc === 2) { if (b >= 0x40 && b <= 0x7e) this.esc = 0; continue; }
      if (b === 0x1b) { this.esc = 1; continue; }
      if (b === 0x0a && wasCr) continue;
      if (b === 0x0d || b === 0x0a) {
        const l = Buffer.from(this.buf).toString("utf8");
        this.buf = [];
        echo("\n");
        line(l);
      } else if (b === 0x7f || b === 0x08) {
        if (!this.buf.length) continue;
        // A UTF-8 character: its continuation bytes (10xxxxxx), then its lead byte.
        while (this.buf.length > 1 && (this.buf[this.buf.length - 1] & 0xc0) === 0x80) this.buf.pop();
        this.buf.pop();
        echo("\b \b");
      } else if (b === 0x15) {
        echo("\b \b".repeat(Buffer.from(this.buf).toString("utf8").length));
        this.buf = [];
      } else if (b >= 0x20) {
        this.buf.push(b);
        echo(String.fromCharCode(b));
      }
    }
  }
}
