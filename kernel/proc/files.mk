# Processes: creation, fork, exit, wait, signals, resource limits and the capability policy.
shared := signal.c caps.c
core := process.c sys_proc.c sys_signal.c sys_group.c signal_send.c signal_deliver.c \
	sys_resource.c process_status.c
kernel-only :=
