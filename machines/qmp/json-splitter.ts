// QMP input is a stream of JSON values with no framing (QEMU's json-streamer): split it at the
// end of each top-level value by counting brackets outside strings. Whitespace between values
// is skipped; a value's text is handed over whole, JSON.parse judges it.
export class JsonSplitter {
  private buf = "";
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  /** Where the next push resumes scanning: a bare word's last character is looked at again, with what follows it. */
  private scanFrom = 0;
  /** Bytes of one unfinished value above this are refused (a client that never closes its brace). */
  static readonly MAX_VALUE = 16 << 20;

  constructor(private readonly onValue: (text: string) => void, private readonly onOverflow: () => void = () => {}) {}

  private emit(end: number): void {
    const text = this.buf.slice(this.start, end + 1);
    this.depth = 0;
    this.start = -1;
    this.onValue(text);
  }

  push(chunk: string): void {
    let i = this.scanFrom;
    this.buf += chunk;
    for (; i < this.buf.length; i++) {
      const c = this.buf[i];
      if (this.start < 0) {
        if (c === " " || c === "\n" || c === "\r" || c === "\t") continue;
        this.start = i;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') { this.inString = false; if (this.depth === 0) this.emit(i); }
        continue;
      }
      if (c === '"') { this.inString = true; continue; }
      else if (c === "{" || c === "[") this.depth++;
      else if (c === "}" || c === "]") this.depth--;
      // A value ends when its brackets close, or (a bare word or number) at the next whitespace.
      const bare = this.depth === 0 && c !== "}" && c !== "]" && c !== '"';
      const next = this.buf[i + 1];
      if (this.depth <= 0 && (!bare || next === undefined || /\s/.test(next))) {
        if (bare && next === undefined) break; // a bare word may continue in the next chunk
        this.emit(i);
      }
    }
    this.scanFrom = i;
    if (this.start < 0) { this.buf = ""; this.scanFrom = 0; }
    else if (this.start > 0) { this.buf = this.buf.slice(this.start); this.scanFrom -= this.start; this.start = 0; }
    if (this.buf.length > JsonSplitter.MAX_VALUE) { this.buf = ""; this.scanFrom = 0; this.start = -1; this.depth = 0; this.onOverflow(); }
  }
}
