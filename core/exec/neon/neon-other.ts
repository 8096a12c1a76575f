// Handlers (see core/decode/patterns). Re-export sub-modules with `export * from "./x"`.
export {};
