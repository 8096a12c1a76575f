// Typed errors the host raises; the CLI maps each kind to an exit code (cli/exit-codes.ts).
// input: a file armlet cannot read at all (missing, not a regular file, no permission);
// image/dtb/snapshot: its bytes cannot be used; output: a file or stream armlet cannot write.
export type ErrorKind = "usage" | "input" | "image" | "dtb" | "snapshot" | "output" | "internal";

export class ArmletError extends Error {
  constructor(readonly kind: ErrorKind, message: string) {
    super(message);
    this.name = "ArmletError";
  }
}

export const usageError = (msg: string) => new ArmletError("usage", msg);
export const inputError = (msg: string) => new ArmletError("input", msg);
export const imageError = (msg: string) => new ArmletError("image", msg);
export const dtbError = (msg: string) => new ArmletError("dtb", msg);
export const outputError = (msg: string) => new ArmletError("output", msg);
