// Typed errors the host raises; the CLI maps each kind to an exit code (cli/exit-codes.ts).
export type ErrorKind = "usage" | "image" | "dtb" | "snapshot" | "internal";

export class ArmletError extends Error {
  constructor(readonly kind: ErrorKind, message: string) {
    super(message);
    this.name = "ArmletError";
  }
}

export const usageError = (msg: string) => new ArmletError("usage", msg);
export const imageError = (msg: string) => new ArmletError("image", msg);
export const dtbError = (msg: string) => new ArmletError("dtb", msg);
