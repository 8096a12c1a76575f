// Side effects of system-register accesses, named by the table's onRead/onWrite.
// One file per area; the generated dispatch imports them all from here.
export * from "./hooks-mmu";
export * from "./hooks-timer";
export * from "./hooks-misc";
export * from "./hooks-pmu";
export * from "./hooks-a64-access";
export * from "./hooks-a64-state";
export * from "./hooks-a64-ops";
export * from "./hooks-gicv3";
