// Advanced SIMD: two-register misc, permutes, tables, float, element and structure loads/stores (A32 encodings).
import type { Row } from "../formats";

export const a32NeonOther: Row[] = [
];
