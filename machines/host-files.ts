// Host files armlet reads (kernel, initrd, device tree, firmware, drives), writes (--dump-dtb)
// or uses as a directory (the semihosting root), with one wording for every failure,
// "could not open kernel 'x': permission denied" (QEMU's phrase, which scripts written for QEMU,
// such as kvm-unit-tests' runner, look for), and one rule for the exit code: a file armlet
// cannot read at all (missing, a directory or device, no permission) is an input error (66);
// bytes that cannot be used are a bad-input error (65), raised where they are parsed; a file
// or stream armlet cannot write is an output error (74); a semihosting root that is not a
// directory is a bad command line (64).
import { accessSync, constants, readFileSync, statSync, writeFileSync, type Stats } from "node:fs";
import { inputError, outputError, usageError } from "./errors.js";

/** Node error codes in words (as strerror(3) says them). */
const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a component of the path is not a directory",
  ELOOP: "too many levels of symbolic links",
  ENAMETOOLONG: "file name too long",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EFBIG: "file too large",
  ERR_FS_FILE_TOO_LARGE: "file too large (2 GiB at most)",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EPIPE: "broken pipe (the reader has gone)",
  ECONNRESET: "connection reset (the reader has gone)",
  EBADF: "bad file descriptor",
  EAGAIN: "resource temporarily unavailable",
  ERR_STREAM_DESTROYED: "the stream is already closed",
};

/** Why a file operation failed, in words: "permission denied". */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  return code ?? (e instanceof Error ? e.message : String(e));
}

/** "could not open kernel 'x': permission denied". */
export function fileMessage(verb: string, what: string, path: string, reason: string): string {
  return `could not ${verb} ${what} '${path}': ${reason}`;
}

/**
 * Check that `path` is a regular file armlet may read (and write, for a writable drive).
 * Devices, FIFOs and directories are refused: a kernel read from /dev/zero would never end.
 */
export function checkInputFile(what: string, path: string, opts: { verb?: string; write?: boolean } = {}): void {
  const verb = opts.verb ?? "open";
  let st: Stats;
  try { st = statSync(path); } catch (e) { throw inputError(fileMessage(verb, what, path, ioReason(e))); }
  if (!st.isFile()) throw inputError(fileMessage(verb, what, path, st.isDirectory() ? "is a directory" : "not a regular file"));
  try { accessSync(path, opts.write ? constants.R_OK | constants.W_OK : constants.R_OK); } catch (e) {
    throw inputError(fileMessage(verb, what, path, ioReason(e)));
  }
}

/** The bytes of an input file (or the bytes given instead of a path). */
export function readInputFile(what: string, src: string | Uint8Array): Uint8Array {
  if (typeof src !== "string") return src;
  checkInputFile(what, src);
  try { return readFileSync(src); } catch (e) { throw inputError(fileMessage("read", what, src, ioReason(e))); }
}

/** Write an output file (--dump-dtb). */
export function writeOutputFile(what: string, path: string, bytes: Uint8Array): void {
  try { writeFileSync(path, bytes); } catch (e) { throw outputError(fileMessage("write", what, path, ioReason(e))); }
}

/** A directory given on the command line (the semihosting root): a usage error if it is not one. */
export function checkDirectory(what: string, path: string): void {
  let isDir: boolean;
  try { isDir = statSync(path).isDirectory(); } catch (e) { throw usageError(fileMessage("use", what, path, ioReason(e))); }
  if (!isDir) throw usageError(fileMessage("use", what, path, "not a directory"));
}
