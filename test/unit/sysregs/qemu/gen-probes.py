out=[]
def emit(s): out.append(s)
emit(".syntax unified\n.arm\n.text")
for cp in (15,14):
  for mode in ("pl1","pl0"):
    emit(f".global probe_cp{cp}_{mode}\nprobe_cp{cp}_{mode}:")
    emit("push {r4-r8,lr}\nmov r4,r0\nmov r7,r1")
    if mode=="pl0": emit("cps #0x10")
    for crn in range(16):
      for opc1 in range(8):
        for crm in range(16):
          for opc2 in range(8):
            emit(f"mov r6,#0\nmrc p{cp},{opc1},r0,c{crn},c{crm},{opc2}\nstr r0,[r4],#4\nstrb r6,[r7],#1")
    # 64-bit
    for opc1 in range(16):
      for crm in range(16):
        emit(f"mov r6,#0\nmov r0,#0\nmov r1,#0\nmrrc p{cp},{opc1},r0,r1,c{crm}\nstr r0,[r4],#4\nstr r1,[r4],#4\nstrb r6,[r7],#1")
    if mode=="pl0": emit("svc #1")
    emit("pop {r4-r8,pc}")
open("probes.S","w").write("\n".join(out)+"\n")
