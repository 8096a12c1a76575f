// The A64 encoding space by class (ARM ARM C4.1), as decoder rows: a stand-in for the core's A64
// table when the harness and the generator are checked against QEMU alone (a64-cli.ts --space,
// a64-random.test.ts). Every class the generator knows how to constrain has rows here, whether
// or not the core decodes it yet; loads and stores are split by their V bit (FP/SIMD or not).
import { row, setRows, type DecoderSet } from "../../core/decode/formats.js";
import { disassemble } from "./report.js";
import { Rng } from "./rng.js";

export const A64_SPACE: DecoderSet = {
  name: "A64SPACE",
  width: 32,
  bucketBits: [],
  classes: [
    { exec: "space/dp-imm", rows: [row("dp_imm", "---1 00-- ---- ---- ---- ---- ---- ----")] },
    { exec: "space/dp-reg", rows: [row("dp_reg", "---- 101- ---- ---- ---- ---- ---- ----")] },
    { exec: "space/fp-simd", rows: [row("fp_simd", "---- 111- ---- ---- ---- ---- ---- ----")] },
    {
      exec: "space/branch", rows: [
        row("b_imm", "-001 01-- ---- ---- ---- ---- ---- ----"),
        row("b_cond", "0101 0100 ---- ---- ---- ---- ---0 ----"),
        row("cb", "-011 010- ---- ---- ---- ---- ---- ----"),
        row("tb", "-011 011- ---- ---- ---- ---- ---- ----"),
        row("branch_reg", "1101 0110 0--1 1111 0000 00-- ---0 0000"),
      ],
    },
    {
      exec: "space/system", rows: [
        row("exception", "1101 0100 ---- ---- ---- ---- ---- ----"),
        row("hint", "1101 0101 0000 0011 0010 ---- ---1 1111"),
        row("barrier", "1101 0101 0000 0011 0011 ---- ---1 1111"),
        row("pstate", "1101 0101 0000 0--- 0100 ---- ---1 1111"),
        row("sys", "1101 0101 00-0 1--- ---- ---- ---- ----"),
        row("sysreg", "1101 0101 00-1 ---- ---- ---- ---- ----"),
      ],
    },
    {
      exec: "space/ldst", rows: [
        row("exclusive", "--00 1000 ---- ---- ---- ---- ---- ----"),
        row("literal", "--01 1000 ---- ---- ---- ---- ---- ----"),
        row("pair", "--10 100- ---- ---- ---- ---- ---- ----"),
        row("imm9", "--11 1000 --0- ---- ---- ---- ---- ----"),
        row("regoff", "--11 1000 --1- ---- ---- 10-- ---- ----"),
        row("uimm", "--11 1001 ---- ---- ---- ---- ---- ----"),
      ],
    },
    {
      exec: "space/ldst-fp", rows: [
        row("literal_v", "--01 1100 ---- ---- ---- ---- ---- ----"),
        row("pair_v", "--10 110- ---- ---- ---- ---- ---- ----"),
        row("imm9_v", "--11 1100 --0- ---- ---- ---- ---- ----"),
        row("regoff_v", "--11 1100 --1- ---- ---- 10-- ---- ----"),
        row("uimm_v", "--11 1101 ---- ---- ---- ---- ---- ----"),
        row("simd_struct", "0-00 110- ---- ---- ---- ---- ---- ----"),
      ],
    },
  ],
};

/** Mnemonics binutils knows from architecture versions after ARMv8.0 (UNDEFINED on the A57),
 *  left out of the pools (the core's rows need no such list: they are ARMv8.0's). */
const LATER = /^(stgp|addg|subg|irg|gmi|subps?|st2?z?g|stzg|ldg|ldgm|stgm|stzgm|ldlar[bh]?|stllr[bh]?|casp?a?l?[bh]?|swpa?l?[bh]?|ld(add|clr|eor|set|smax|smin|umax|umin)a?l?[bh]?|st(add|clr|eor|set|smax|smin|umax|umin)l?[bh]?|ldapu?r|stlur|ldapur|rmif|setf|cfinv|xaflag|axflag|sb|tcommit|tstart|ttest|tcancel|dcps[123]|smax|smin|umax|umin|abs|cnt|ctz|ldraa|ldrab|bfc.*|dgh|wfet|wfit|ld64b|st64bv?0?|cpy.*|set[pme].*|pacga|sqrdml[as]h|fjcvtzs|fcmla|fcadd|sdot|udot|usdot|sudot|bf.*|xar|eor3|bcax|rax1|sha512.*|sm3.*|sm4.*|frint(32|64)[xz]|fmlal2?|fmlsl2?|.*h$)$/;

/**
 * Words of each space row that binutils decodes as an ARMv8.0 instruction. Drawing from these
 * keeps a case from ending at its first random word; the pool comes from a fixed seed, so every
 * boot sees the same one.
 */
export function allocatedWords(perRow = 4096): Map<string, number[]> {
  const rng = new Rng(0xa64_5ace);
  const rows = setRows(A64_SPACE);
  const words = rows.flatMap((r) => Array.from({ length: perRow }, () => ((rng.u32() & ~r.mask) | r.value) >>> 0));
  const dis = disassemble(words, 0, undefined, "aarch64");
  if (dis.every((s) => s === "")) throw new Error("aarch64-linux-gnu-objdump is needed to draw from the encoding space");
  const out = new Map<string, number[]>();
  rows.forEach((r, k) => {
    const ok = words.slice(k * perRow, (k + 1) * perRow).filter((_, i) => {
      const d = dis[k * perRow + i];
      const op = d.split(" ")[0];
      // Half-precision arithmetic (FEAT_FP16): scalar H operands or FP ops on .4h/.8h lanes.
      const fp16 = /^f/.test(op) && !/^fcvt[lnx]?n?2?$/.test(op) && (/(^| |,)h\d+/.test(d) || /\.[48]h/.test(d));
      return !/undefined|^\.inst/.test(d) && !LATER.test(op) && !fp16;
    });
    out.set(r.name, ok);
  });
  return out;
}
