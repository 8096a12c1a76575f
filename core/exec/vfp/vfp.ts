// VFPv4 handlers (rows in core/decode/patterns/a32-vfp.ts), split by class.
export * from "./transfer";
export * from "./load-store";
export * from "./arith";
export * from "./convert";
