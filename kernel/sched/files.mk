# Scheduling: the policies and their simulator (shared), kernel threads (kernel only).
shared := sched.c sched_cfs.c sched_rr.c sched_sim.c sched_audit.c
core := thread.c
kernel-only := cmd_sched.c
