/*
 * Every system call Aurora implements, once: the one table the kernel's
 * dispatcher, the capability policy, the tracer, the user library and the
 * visualiser are all generated from.  Include it after defining
 *
 *   SYSCALL(nr, name, args)
 *
 * nr is the Linux x86_64 number (Aurora's own calls start at 1000, far
 * above Linux's), so a static binary built for Linux runs unmodified.
 * args spells the arguments, one letter each, for tracing:
 *   d  a signed integer          x  flags or a number shown in hex
 *   n  a size or count           f  a file descriptor
 *   p  a user pointer            s  a user pointer to a NUL-terminated string
 */
SYSCALL(0, read, "fpn")
SYSCALL(1, write, "fpn")
SYSCALL(2, open, "sxx")
SYSCALL(3, close, "f")
SYSCALL(4, stat, "sp")
SYSCALL(5, fstat, "fp")
SYSCALL(6, lstat, "sp")
SYSCALL(8, lseek, "fdd")
SYSCALL(9, mmap, "pnxxfd")
SYSCALL(11, munmap, "pn")
SYSCALL(12, brk, "p")
SYSCALL(13, rt_sigaction, "dppn")
SYSCALL(14, rt_sigprocmask, "dppn")
SYSCALL(16, ioctl, "fxp")
SYSCALL(19, readv, "fpn")
SYSCALL(20, writev, "fpn")
SYSCALL(21, access, "sx")
SYSCALL(22, pipe, "p")
SYSCALL(24, sched_yield, "")
SYSCALL(32, dup, "f")
SYSCALL(33, dup2, "ff")
SYSCALL(35, nanosleep, "pp")
SYSCALL(39, getpid, "")
SYSCALL(57, fork, "")
SYSCALL(58, vfork, "")
SYSCALL(59, execve, "spp")
SYSCALL(60, exit, "d")
SYSCALL(61, wait4, "dpxp")
SYSCALL(62, kill, "dd")
SYSCALL(63, uname, "p")
SYSCALL(72, fcntl, "fdx")
SYSCALL(79, getcwd, "pn")
SYSCALL(80, chdir, "s")
SYSCALL(83, mkdir, "sx")
SYSCALL(84, rmdir, "s")
SYSCALL(87, unlink, "s")
SYSCALL(102, getuid, "")
SYSCALL(104, getgid, "")
SYSCALL(107, geteuid, "")
SYSCALL(108, getegid, "")
SYSCALL(110, getppid, "")
SYSCALL(158, arch_prctl, "dp")
SYSCALL(169, reboot, "xxxp")
SYSCALL(186, gettid, "")
SYSCALL(217, getdents64, "fpn")
SYSCALL(218, set_tid_address, "p")
SYSCALL(228, clock_gettime, "dp")
SYSCALL(231, exit_group, "d")
SYSCALL(257, openat, "fsxx")
SYSCALL(262, newfstatat, "fspx")
SYSCALL(293, pipe2, "px")
SYSCALL(1000, aurora_cap_get, "")
SYSCALL(1001, aurora_cap_drop, "xx")
SYSCALL(1002, aurora_ps, "pn")
SYSCALL(1003, aurora_meminfo, "p")
