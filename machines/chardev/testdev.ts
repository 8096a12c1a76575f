// QEMU's `testdev` chardev (chardev/testdev.c), how kvm-unit-tests report their verdict: what
// the guest writes is buffered (32 bytes) and read as packets `[spaces][digits][spaces]C`. C = 'q'
// ends the run with exit status (N << 1) | 1; any other C is consumed and ignored, and a packet
// cut short waits for more bytes. One difference: when the buffer fills with an unfinished
// packet (32 spaces or digits) QEMU spins forever; armlet drops the buffer and goes on.

export const TESTDEV_BUF_SIZE = 32;

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

export class TestdevParser {
  private readonly buf = new Uint8Array(TESTDEV_BUF_SIZE);
  private used = 0;
  private exited = false;

  /** `exit` receives the process exit status (0..255) QEMU would end with. */
  constructor(private readonly exit: (status: number) => void, private readonly log: (msg: string) => void = () => {}) {}

  write(bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.length && !this.exited) {
      const n = Math.min(bytes.length - off, TESTDEV_BUF_SIZE - this.used);
      if (n === 0) {
        this.log(`testdev: dropped ${this.used} bytes that never formed a command`);
        this.used = 0;
        continue;
      }
      this.buf.set(bytes.subarray(off, off + n), this.used);
      this.used += n;
      off += n;
      let eaten: number;
      while (this.used > 0 && !this.exited && (eaten = this.eatPacket()) > 0) {
        this.buf.copyWithin(0, eaten, this.used);
        this.used -= eaten;
      }
    }
  }

  /** Interpret one packet at the start of the buffer: bytes consumed, 0 if it is incomplete. */
  private eatPacket(): number {
    let pos = 0;
    const next = () => (pos < this.used ? this.buf[pos++] : -1);
    let c = next();
    while (c >= 0 && isSpace(c)) c = next();
    let arg = 0;
    while (c >= 0 && isDigit(c)) {
      arg = (Math.imul(arg, 10) + c - 0x30) | 0; // C int arithmetic
      c = next();
    }
    while (c >= 0 && isSpace(c)) c = next();
    if (c < 0) return 0;
    if (c === 0x71 /* q */) {
      this.exited = true;
      this.exit(((arg << 1) | 1) & 0xff);
    }
    return pos;
  }
}
