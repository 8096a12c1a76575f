// Handlers of the 32-bit Thumb loads, stores, branches and system instructions
// (core/decode/patterns/t32-memory-control.ts). They decode the T32 fields and call the
// semantic bodies shared with A32 (core/exec/a32/*), so both instruction sets behave alike.
export * from "./mc-load-store";
export * from "./mc-branch-system";
