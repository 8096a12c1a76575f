# PL0 access probe: for each configuration (CNTKCTL, PMUSERENR, TEECR) set at PL1, run a list of
# MRC/MCR/MRRC/MCRR at PL0 and record which were UNDEFINED.
ops = [
 ("r",15,0,14,0,0),("w",15,0,14,0,0),          # CNTFRQ
 ("r",15,0,14,1,0),                            # CNTKCTL
 ("r",15,0,14,2,0),("w",15,0,14,2,0),("r",15,0,14,2,1),("w",15,0,14,2,1),  # CNTP_TVAL/CTL
 ("r",15,0,14,3,0),("w",15,0,14,3,0),("r",15,0,14,3,1),("w",15,0,14,3,1),  # CNTV_TVAL/CTL
 ("rr",15,0,14),("rr",15,1,14),("rr",15,2,14),("ww",15,2,14),("rr",15,3,14),("ww",15,3,14), # CNTPCT CNTVCT CNTP_CVAL CNTV_CVAL
 ("r",15,0,9,12,0),("r",15,0,9,12,1),("r",15,0,9,12,2),("r",15,0,9,12,3),("w",15,0,9,12,4),("r",15,0,9,12,5),
 ("r",15,0,9,13,0),("r",15,0,9,13,1),("r",15,0,9,13,2),("r",15,0,9,14,0),("w",15,0,9,14,0),("r",15,0,9,14,1),("r",15,0,9,14,2),("r",15,0,9,14,3),
 ("r",15,0,14,8,0),("r",15,0,14,12,0),("r",15,0,14,15,7),
 ("w",15,0,7,5,4),("w",15,0,7,10,4),("w",15,0,7,10,5),("w",15,0,7,5,0),("w",15,0,7,14,1),("w",15,0,7,5,6),
 ("r",15,0,13,0,2),("w",15,0,13,0,2),("r",15,0,13,0,3),("w",15,0,13,0,3),("r",15,0,13,0,4),
 ("r",14,0,0,0,0),("r",14,0,1,0,0),("r",14,0,2,0,0),("r",14,0,0,1,0),("r",14,0,0,2,2),("rr",14,0,1),("rr",14,0,2),
 ("r",14,6,0,0,0),("r",14,6,1,0,0),("w",14,6,1,0,0),("r",14,7,0,0,0),
]
configs = [(0,0,0),(1,0,0),(2,0,0),(0x100,0,0),(0x200,0,0),(0x303,1,0),(0,1,1)]
out=[".syntax unified",".arm",".text",".global run_pl0","run_pl0:","push {r4-r8,lr}","mov r7,r0"]
for ci,(k,pu,te) in enumerate(configs):
    out += [f"ldr r0,={k}","mcr p15,0,r0,c14,c1,0",f"mov r0,#{pu}","mcr p15,0,r0,c9,c14,0",f"mov r0,#{te}","mcr p14,6,r0,c0,c0,0","mov r0,#0","mcr p14,6,r0,c1,c0,0","cps #0x10"]
    for op in ops:
        out.append("mov r6,#0")
        if op[0]=="r": out.append(f"mrc p{op[1]},{op[2]},r0,c{op[3]},c{op[4]},{op[5]}")
        elif op[0]=="w": out.append(f"mov r0,#0\nmcr p{op[1]},{op[2]},r0,c{op[3]},c{op[4]},{op[5]}")
        elif op[0]=="rr": out.append(f"mrrc p{op[1]},{op[2]},r0,r1,c{op[3]}")
        else: out.append(f"mov r0,#0\nmov r1,#0\nmcrr p{op[1]},{op[2]},r0,r1,c{op[3]}")
        out.append("strb r6,[r7],#1")
    out.append("svc #1")
out += ["pop {r4-r8,pc}"]
open("pl0.S","w").write("\n".join(out)+"\n")
import json; json.dump({"ops":ops,"configs":configs}, open("pl0-ops.json","w"))
