// Advanced SIMD handlers other than integer data processing (see
// core/decode/patterns/a32-neon-other.ts), split by class.
export * from "./neon-ldst";
export * from "./neon-misc";
export * from "./neon-perm";
export * from "./neon-float";
