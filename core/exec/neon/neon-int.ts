// Advanced SIMD integer data processing handlers (rows: core/decode/patterns/a32-neon-int.ts).
export * from "./int-3same";
export * from "./int-shift";
export * from "./int-long";
export * from "./int-scalar";
