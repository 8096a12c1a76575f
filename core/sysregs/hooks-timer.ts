// Hooks of the generic timer registers (core/timer.ts does the work).
