// Advanced SIMD integer data processing (A32 encodings; T32 words are rewritten to these).
import type { Row } from "../formats";

export const a32NeonInt: Row[] = [
];
