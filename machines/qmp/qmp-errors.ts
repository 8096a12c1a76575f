// QMP's error answers: {"error": {"class": ..., "desc": ...}} with QEMU's classes and words.
export type QmpErrorClass = "GenericError" | "CommandNotFound";

export class QmpError extends Error {
  constructor(readonly errorClass: QmpErrorClass, desc: string) { super(desc); }
}

export const genericError = (desc: string) => new QmpError("GenericError", desc);
export const commandNotFound = (name: string) => new QmpError("CommandNotFound", `The command ${name} has not been found`);
