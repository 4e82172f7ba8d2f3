/* placeholder: being written */
#include "errno.h"
#include "syscalls.h"
long sys_rt_sigreturn(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_pause(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_setpgid(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_getpgrp(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_setsid(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_getpgid(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_getsid(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_rt_sigpending(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_rt_sigsuspend(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_sigaltstack(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_tkill(const uint64_t *a) { (void)a; return -ENOSYS; }
long sys_tgkill(const uint64_t *a) { (void)a; return -ENOSYS; }
