/*
 * t_hostile: every system call in syscall_list.h, called with arguments
 * meant to hurt: bad pointers, bad descriptors, huge sizes.  Each call must
 * fail with the error Linux gives, and the kernel must survive it.
 * Numbers that are no call must give ENOSYS.
 *
 * Most cases come from a call's argument letters (syscall_list.h).  From
 * a valid set of arguments for the call (its base), each pointer ('p',
 * 's') is replaced in turn by each bad pointer and must give EFAULT, each
 * descriptor ('f') by each bad descriptor, EBADF, and each size ('n') by a
 * huge one, giving the base's error.  The base's own arguments are never
 * used as they are.  The cases that fit no pattern (EINVAL for a bad flag,
 * ENOENT, ...) are listed one by one.  Calls that would end or replace the
 * process are tried only where they cannot: execve runs in a child.
 *
 * One line per call that passed, one per case that did not.
 */
#include <aurora.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <aurora/syscall_table.h>

#define KERNEL_TEXT	0xffffffff80100000l
#define HUGE		(1l << 62)
#define ARG(i)		(1u << (i))
#define ARCH_GET_FS	0x1003
#define PAGE		4096
#define LOST		(-9999l)	/* no result: the child making the call died */
#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

static const long bad_pointers[] = {
	0, 1, (long)0xffff800000000000ul, 0x7ffffffff000l, KERNEL_TEXT,
};
static const long bad_fds[] = { -1, 1000 };

/* A valid call, for the generated cases. */
struct base {
	const char *name;
	long args[6];
	unsigned keep;		/* arguments never replaced: hints, ignored... */
	unsigned null_ok;	/* pointers that may be NULL ("none") */
	int huge;		/* the error for a huge size; 0: not tried */
	void (*prepare)(long *args);	/* before each case */
	bool in_child;		/* the call could replace the process */
	const char *skip;	/* why nothing is tried, if nothing is */
};

/* One case that fits no pattern. */
struct special {
	const char *name;
	long args[6];
	int error;
	const char *what;
};

static bool on_aurora;		/* Aurora's own calls exist */
static int file_fd, dir_fd, pipe_r, pipe_w, tty_fd;
static int rw_fd;		/* a scratch file open for writing */
/* Calls that change names get only these: natively, as root, /bin may be
   a symbolic link, which rename, link and unlink would act on. */
#define SCRATCH		"/tmp/t_hostile_file"
#define SCRATCH_LINK	"/tmp/t_hostile_link"	/* a symbolic link to /bin/sh */
#define SCRATCH_DIR	"/tmp/t_hostile_dir"	/* holds a directory, sub */
static char buf[PAGE] __attribute__((aligned(PAGE)));
static char page[PAGE] __attribute__((aligned(PAGE)));	/* munmap's base: never unmapped */
static struct { void *base; size_t len; } iov = { buf, 16 }, null_iov = { NULL, 16 },
	overflowing_iov[2] = { { buf, INT64_MAX }, { buf, 1 } },
	negative_iov[2] = { { buf, 16 }, { buf, -1ul } };
static const struct rlimit inverted_limit = { 2, 1 };	/* soft above hard */
static const struct signal_stack no_altstack = { .flags = SS_DISABLE };
static long nofile;		/* RLIMIT_NOFILE's soft limit */
static const long default_action[4];	/* the kernel's sigaction: SIG_DFL */
static sigset_t no_signals;
static struct timespec short_time = { 0, 1 }, bad_nsec = { 0, 1000000000 }, bad_sec = { -1, 0 };
static const struct timespec two_times[2] = { { 0, 0 }, { 0, 0 } },
	bad_times[2] = { { 0, 0 }, { 0, -1 } };
static char *true_argv[] = { "/bin/true", NULL }, *no_env[] = { NULL };

/* wait4 needs a child to wait for: a zombie. */
static void make_zombie(long *args)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	args[0] = pid;
}

static long call(unsigned nr, const long *a, bool in_child)
{
	if (!in_child)
		return syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);

	/* The child exits with the error; /bin/true (0) if the call worked. */
	int status;
	pid_t pid = fork();
	if (pid == 0)
		_exit((int)-syscall6(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return LOST;
	return WIFEXITED(status) ? -WEXITSTATUS(status) : LOST;
}

static const char *error_text(long ret, char *tmp, size_t size)
{
	const char *name = ret < 0 ? errno_name((int)-ret) : NULL;

	if (name)
		snprintf(tmp, size, "-%s", name);
	else
		snprintf(tmp, size, "%ld", ret);
	return tmp;
}

/* Compare; report a failed case.  Returns 1 if it failed. */
static int expect(const char *name, const char *what, long ret, int error)
{
	char got[32], want[32];

	if (ret == -error)
		return 0;
	check(false, "%s(%s): got %s, expected %s", name, what,
	      error_text(ret, got, sizeof(got)), error_text(-error, want, sizeof(want)));
	return 1;
}

/* Argument i replaced by value must give error. */
static int try_arg(const struct syscall_info *sc, const struct base *b, int i, long value,
		   int error)
{
	long args[6];

	memcpy(args, b->args, sizeof(args));
	args[i] = value;
	if (b->prepare)
		b->prepare(args);
	long ret = call(sc->nr, args, b->in_child);
	if (b->prepare)
		while (wait(NULL) > 0)	/* the zombie, if the call left it */
			;
	char what[48];
	snprintf(what, sizeof(what), "arg %d = %#lx", i, value);
	return expect(sc->name, what, ret, error);
}

/* All the generated cases of one call; counts them in *cases. */
static int generated(const struct syscall_info *sc, const struct base *b, int *cases)
{
	int failed = 0;

	for (int i = 0; sc->args[i]; i++) {
		if (b->keep & ARG(i))
			continue;
		switch (sc->args[i]) {
		case 'p':
		case 's':
			for (size_t k = 0; k < COUNT(bad_pointers); k++) {
				if (bad_pointers[k] == 0 && (b->null_ok & ARG(i)))
					continue;
				failed += try_arg(sc, b, i, bad_pointers[k], EFAULT);
				++*cases;
			}
			break;
		case 'f':
			for (size_t k = 0; k < COUNT(bad_fds); k++) {
				failed += try_arg(sc, b, i, bad_fds[k], EBADF);
				++*cases;
			}
			break;
		case 'n':
			if (b->huge) {
				failed += try_arg(sc, b, i, HUGE, b->huge);
				++*cases;
			}
			break;
		}
	}
	return failed;
}

static int specials(const struct syscall_info *sc, const struct special *s, size_t n, int *cases)
{
	int failed = 0;

	for (size_t k = 0; k < n; k++) {
		if (strcmp(s[k].name, sc->name) != 0)
			continue;
		failed += expect(sc->name, s[k].what, call(sc->nr, s[k].args, false), s[k].error);
		++*cases;
	}
	return failed;
}

/* brk never fails: given a bad address it leaves the break where it is. */
static int brk_cases(int *cases)
{
	long now = syscall6(SYS_brk, 0, 0, 0, 0, 0, 0);
	int failed = 0;

	for (size_t k = 0; k < COUNT(bad_pointers); k++) {
		long ret = syscall6(SYS_brk, bad_pointers[k], 0, 0, 0, 0, 0);

		if (ret != now) {
			check(false, "brk(%#lx): got %#lx, expected the break, %#lx",
			      bad_pointers[k], ret, now);
			failed++;
		}
		++*cases;
	}
	return failed;
}

static const struct base *find_base(const struct base *b, size_t n, const char *name)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(b[k].name, name) == 0)
			return &b[k];
	return NULL;
}

static bool has_corruptible_args(const struct syscall_info *sc)
{
	return sc->args[strcspn(sc->args, "psfn")] != '\0';
}

#define P(x) ((long)(x))

static void every_call(void)
{
	const struct base bases[] = {
		{ "read", .args = { file_fd, P(buf), 16 }, .huge = EFAULT },
		{ "write", .args = { pipe_w, P(buf), 16 }, .huge = EFAULT },
		{ "open", .args = { P("/bin/sh"), O_RDONLY } },
		{ "close", .args = { file_fd } },
		{ "stat", .args = { P("/"), P(buf) } },
		{ "fstat", .args = { file_fd, P(buf) } },
		{ "lstat", .args = { P("/"), P(buf) } },
		{ "lseek", .args = { file_fd, 0, SEEK_SET } },
		/* The address is a hint, the fd ignored for an anonymous map. */
		{ "mmap", .args = { 0, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0 },
		  .keep = ARG(0) | ARG(4), .huge = ENOMEM },
		/* Unmapping where nothing is mapped is no error. */
		{ "munmap", .args = { P(page), PAGE }, .keep = ARG(0), .huge = EINVAL },
		{ "brk", .skip = "(brk never fails: it has its own cases)" },
		{ "rt_sigaction", .args = { SIGUSR1, P(default_action), P(buf), sizeof(sigset_t) },
		  .null_ok = ARG(1) | ARG(2), .huge = EINVAL },
		{ "rt_sigprocmask", .args = { SIG_BLOCK, P(&no_signals), P(buf), sizeof(sigset_t) },
		  .null_ok = ARG(1) | ARG(2), .huge = EINVAL },
		/* Only a terminal looks at the pointer. */
		{ "ioctl", .args = { tty_fd, TIOCGWINSZ, P(buf) }, .keep = tty_fd < 0 ? ARG(2) : 0 },
		/* Linux takes the count as 32 bits (a huge one is 0): see the
		   specials for a count too big. */
		{ "readv", .args = { file_fd, P(&iov), 1 } },
		{ "writev", .args = { pipe_w, P(&iov), 1 } },
		{ "access", .args = { P("/"), F_OK } },
		{ "pipe", .args = { P(buf) } },
		{ "dup", .args = { file_fd } },
		/* fd 1000 is a valid target on Linux: new fd -1 is a special. */
		{ "dup2", .args = { file_fd, 1000 }, .keep = ARG(1) },
		/* The remainder is written only if a signal interrupts. */
		{ "nanosleep", .args = { P(&short_time), P(buf) }, .keep = ARG(1) },
		{ "execve", .args = { P("/bin/true"), P(true_argv), P(no_env) },
		  .null_ok = ARG(1) | ARG(2), .in_child = true },
		{ "wait4", .args = { 0, P(buf), 0, P(buf) }, .null_ok = ARG(1) | ARG(3),
		  .prepare = make_zombie },
		{ "uname", .args = { P(buf) } },
		{ "fcntl", .args = { file_fd, F_GETFD } },
		/* Linux copies only what the name needs: a huge size is fine. */
		{ "getcwd", .args = { P(buf), sizeof(buf) } },
		{ "chdir", .args = { P("/") } },
		{ "mkdir", .args = { P("/tmp/t_hostile"), 0755 } },
		{ "rmdir", .args = { P("/tmp/t_hostile") } },
		{ "unlink", .args = { P("/tmp/t_hostile") } },
		{ "arch_prctl", .args = { ARCH_GET_FS, P(buf) } },
		{ "reboot", .skip = "(only bad magic: anything else could end the machine)" },
		/* The size is 32 bits as well (a huge one is 0, too small: EINVAL). */
		{ "getdents64", .args = { dir_fd, P(buf), sizeof(buf) } },
		{ "set_tid_address", .skip = "(keeps the pointer for later, follows it only at exit)" },
		{ "clock_gettime", .args = { CLOCK_MONOTONIC, P(buf) } },
		{ "openat", .args = { dir_fd, P("bin"), O_RDONLY } },
		{ "newfstatat", .args = { dir_fd, P("bin"), P(buf), 0 } },
		{ "pipe2", .args = { P(buf), 0 } },
		{ "rt_sigpending", .args = { P(buf), sizeof(sigset_t) }, .huge = EINVAL },
		/* Never with a good mask, which would wait for a signal. */
		{ "rt_sigsuspend", .args = { P(&no_signals), sizeof(sigset_t) }, .huge = EINVAL },
		{ "sigaltstack", .args = { P(&no_altstack), P(buf) }, .null_ok = ARG(0) | ARG(1) },
		{ "getrlimit", .args = { RLIMIT_NOFILE, P(buf) } },
		/* No new limit: the limits stay as they are. */
		{ "prlimit64", .args = { 0, RLIMIT_NOFILE, 0, P(buf) }, .null_ok = ARG(2) | ARG(3) },
		{ "pread64", .args = { file_fd, P(buf), 16, 0 }, .huge = EFAULT },
		{ "pwrite64", .args = { rw_fd, P(buf), 16, 0 }, .huge = EFAULT },
		{ "fsync", .args = { rw_fd } },
		{ "fdatasync", .args = { rw_fd } },
		{ "truncate", .args = { P(SCRATCH), 0 } },
		{ "ftruncate", .args = { rw_fd, 0 } },
		{ "fchdir", .args = { dir_fd } },
		{ "rename", .args = { P(SCRATCH), P("/tmp/t_hostile") } },
		{ "renameat", .args = { dir_fd, P("tmp/t_hostile_file"), dir_fd, P("tmp/t_hostile") } },
		{ "link", .args = { P(SCRATCH), P("/tmp/t_hostile") } },
		{ "symlink", .args = { P("x"), P("/tmp/t_hostile") } },
		/* A huge size is a negative int: EINVAL. */
		{ "readlink", .args = { P(SCRATCH_LINK), P(buf), sizeof(buf) }, .huge = EINVAL },
		{ "chmod", .args = { P(SCRATCH), 0600 } },
		{ "fchmod", .args = { rw_fd, 0600 } },
		{ "statfs", .args = { P("/"), P(buf) } },
		{ "fstatfs", .args = { file_fd, P(buf) } },
		{ "unlinkat", .args = { dir_fd, P("tmp/t_hostile"), 0 } },
		/* A NULL path names dirfd itself; NULL times are "now". */
		{ "utimensat", .args = { dir_fd, P("tmp/t_hostile_file"), P(two_times), 0 },
		  .null_ok = ARG(1) | ARG(2) },
		{ "aurora_ps", .args = { P(buf), 4 } },
		{ "aurora_meminfo", .args = { P(buf) } },
		{ "aurora_kmalloc_bench", .args = { 64, 16 }, .huge = EINVAL },
		{ "aurora_check", .args = { P(buf), 16, 4 } },
	};
	const struct special special[] = {
		{ "read", { dir_fd, P(buf), 16 }, EISDIR, "a directory" },
		{ "read", { pipe_w, P(buf), 16 }, EBADF, "a pipe's write end" },
		{ "read", { dir_fd, 0, 16 }, EISDIR, "a directory into NULL: the file's error first" },
		{ "write", { file_fd, P(buf), 16 }, EBADF, "a file opened read-only" },
		{ "open", { P("/no/such") }, ENOENT, "a missing file" },
		{ "open", { P("/bin/sh/x") }, ENOTDIR, "a file as a directory" },
		{ "open", { P("/"), O_WRONLY }, EISDIR, "a directory for writing" },
		{ "stat", { P("/no/such"), P(buf) }, ENOENT, "a missing file" },
		{ "stat", { P(""), P(buf) }, ENOENT, "an empty path" },
		{ "lseek", { file_fd, 0, 99 }, EINVAL, "whence 99" },
		{ "lseek", { file_fd, -10, SEEK_SET }, EINVAL, "offset -10" },
		{ "lseek", { pipe_r, 0, SEEK_SET }, ESPIPE, "a pipe" },
		{ "mmap", { 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1 }, EINVAL, "length 0" },
		{ "mmap", { 0, PAGE, PROT_READ, MAP_ANONYMOUS, -1 }, EINVAL, "neither private nor shared" },
		{ "mmap", { 0, PAGE, PROT_READ, MAP_PRIVATE, -1 }, EBADF, "a file map of fd -1" },
		{ "munmap", { 1, PAGE }, EINVAL, "an unaligned address" },
		{ "munmap", { KERNEL_TEXT, PAGE }, EINVAL, "a kernel address" },
		{ "munmap", { P(page), 0 }, EINVAL, "length 0" },
		{ "rt_sigaction", { 0, P(default_action), 0, sizeof(sigset_t) }, EINVAL, "signal 0" },
		{ "rt_sigaction", { SIGKILL, P(default_action), 0, sizeof(sigset_t) }, EINVAL, "SIGKILL" },
		{ "rt_sigaction", { 65, P(default_action), 0, sizeof(sigset_t) }, EINVAL, "signal 65" },
		{ "rt_sigprocmask", { 99, P(&no_signals), 0, sizeof(sigset_t) }, EINVAL, "how 99" },
		{ "ioctl", { file_fd, TIOCGWINSZ, P(buf) }, ENOTTY, "a file" },
		{ "readv", { file_fd, P(&null_iov), 1 }, EFAULT, "a buffer at 0" },
		{ "writev", { pipe_w, P(&null_iov), 1 }, EFAULT, "a buffer at 0" },
		{ "readv", { file_fd, P(&iov), 1025 }, EINVAL, "1025 buffers" },
		{ "writev", { pipe_w, P(&iov), 1025 }, EINVAL, "1025 buffers" },
		{ "readv", { file_fd, P(&iov), 1l << 32 }, 0, "2^32 buffers: the count is 32 bits" },
		{ "writev", { pipe_w, P(overflowing_iov), 2 }, EFAULT, "lengths past 2^63 in all" },
		{ "writev", { pipe_w, P(negative_iov), 2 }, EINVAL, "a negative length" },
		{ "access", { P("/no/such"), F_OK }, ENOENT, "a missing file" },
		{ "access", { P("/"), 0x100 }, EINVAL, "mode 0x100" },
		{ "dup2", { file_fd, -1 }, EBADF, "new fd -1" },
		{ "dup2", { file_fd, nofile }, EBADF, "new fd at RLIMIT_NOFILE" },
		{ "fcntl", { file_fd, F_DUPFD, nofile }, EINVAL, "F_DUPFD from RLIMIT_NOFILE" },
		{ "nanosleep", { P(&bad_nsec) }, EINVAL, "tv_nsec 1000000000" },
		{ "nanosleep", { P(&bad_sec) }, EINVAL, "tv_sec -1" },
		{ "execve", { P("/no/such"), P(true_argv), P(no_env) }, ENOENT, "a missing file" },
		{ "execve", { P("/"), P(true_argv), P(no_env) }, EACCES, "a directory" },
		{ "wait4", { -1, 0, 0x100, 0 }, EINVAL, "options 0x100" },
		{ "wait4", { -1, 0, WNOHANG, 0 }, ECHILD, "no children" },
		{ "kill", { getpid(), 999 }, EINVAL, "signal 999" },
		{ "kill", { 0x3fffffff, 0 }, ESRCH, "no such process" },
		{ "fcntl", { file_fd, 9999 }, EINVAL, "command 9999" },
		{ "getcwd", { P(buf), 1 }, ERANGE, "a 1-byte buffer" },
		{ "getcwd", { 0, 1 }, ERANGE, "a 1-byte buffer at 0: too short comes first" },
		{ "chdir", { P("/no/such") }, ENOENT, "a missing directory" },
		{ "chdir", { P("/bin/sh") }, ENOTDIR, "a file" },
		{ "mkdir", { P("/"), 0755 }, EEXIST, "one that exists" },
		{ "mkdir", { P("/no/such/dir"), 0755 }, ENOENT, "in a missing directory" },
		{ "rmdir", { P("/no/such") }, ENOENT, "a missing directory" },
		{ "rmdir", { P("/bin/sh") }, ENOTDIR, "a file" },
		{ "unlink", { P("/no/such") }, ENOENT, "a missing file" },
		{ "arch_prctl", { 0x9999, P(buf) }, EINVAL, "code 0x9999" },
		{ "reboot", { 0, 0, LINUX_REBOOT_CMD_POWER_OFF }, EINVAL, "bad magic" },
		{ "getdents64", { file_fd, P(buf), sizeof(buf) }, ENOTDIR, "a file" },
		{ "getdents64", { dir_fd, P(buf), 1 }, EINVAL, "a 1-byte buffer" },
		{ "clock_gettime", { 999, P(buf) }, EINVAL, "clock 999" },
		{ "openat", { file_fd, P("x"), O_RDONLY }, ENOTDIR, "relative to a file" },
		{ "openat", { -1, P("/no/such"), O_RDONLY }, ENOENT, "an absolute path: dirfd -1 ignored" },
		{ "newfstatat", { file_fd, P(""), P(buf), 0 }, ENOENT, "an empty path, no AT_EMPTY_PATH" },
		{ "mmap", { KERNEL_TEXT, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1 },
		  ENOMEM, "MAP_FIXED at a kernel address" },
		{ "mmap", { 0, 64l << 40, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1 },
		  ENOMEM, "64 TiB to write: more than all RAM and swap" },
		{ "pipe2", { P(buf), 1 }, EINVAL, "flags 1" },
		{ "getrlimit", { 99, P(buf) }, EINVAL, "resource 99" },
		{ "prlimit64", { 0, 99, 0, P(buf) }, EINVAL, "resource 99" },
		{ "prlimit64", { 0x3fffffff, RLIMIT_NOFILE, 0, P(buf) }, ESRCH, "no such process" },
		{ "prlimit64", { 0, RLIMIT_NOFILE, P(&inverted_limit), 0 }, EINVAL, "soft above hard" },
		{ "pread64", { file_fd, P(buf), 16, -1 }, EINVAL, "offset -1" },
		{ "pread64", { pipe_r, P(buf), 16, 0 }, ESPIPE, "a pipe" },
		{ "pread64", { dir_fd, P(buf), 16, 0 }, EISDIR, "a directory" },
		{ "pwrite64", { file_fd, P(buf), 16, 0 }, EBADF, "a file opened read-only" },
		{ "fsync", { pipe_r }, EINVAL, "a pipe" },
		{ "fdatasync", { pipe_r }, EINVAL, "a pipe" },
		{ "truncate", { P("/no/such"), 0 }, ENOENT, "a missing file" },
		{ "truncate", { P("/"), 0 }, EISDIR, "a directory" },
		{ "truncate", { P(SCRATCH), -1 }, EINVAL, "length -1" },
		{ "ftruncate", { file_fd, 0 }, EINVAL, "a file opened read-only" },
		{ "ftruncate", { pipe_w, 0 }, EINVAL, "a pipe" },
		{ "ftruncate", { rw_fd, -1 }, EINVAL, "length -1" },
		{ "fchdir", { file_fd }, ENOTDIR, "a file" },
		{ "rename", { P("/no/such"), P("/tmp/x") }, ENOENT, "a missing file" },
		{ "rename", { P("/"), P("/tmp/x") }, EBUSY, "the root" },
		{ "rename", { P(SCRATCH_DIR), P(SCRATCH_DIR "/sub/x") }, EINVAL,
		  "a directory into itself" },
		{ "rename", { P(SCRATCH), P(SCRATCH_DIR) }, EISDIR, "a file onto a directory" },
		{ "rename", { P(SCRATCH_DIR), P(SCRATCH) }, ENOTDIR, "a directory onto a file" },
		{ "rename", { P(SCRATCH), P("/dev/x") }, EXDEV, "to another file system" },
		{ "link", { P(SCRATCH_DIR), P(SCRATCH_DIR "/link") }, EPERM, "a directory" },
		{ "link", { P(SCRATCH), P(SCRATCH) }, EEXIST, "onto a name that exists" },
		{ "link", { P(SCRATCH), P("/dev/x") }, EXDEV, "to another file system" },
		{ "symlink", { P(""), P("/tmp/x") }, ENOENT, "an empty target" },
		{ "symlink", { P("x"), P(SCRATCH) }, EEXIST, "onto a name that exists" },
		{ "readlink", { P(SCRATCH), P(buf), sizeof(buf) }, EINVAL, "not a link" },
		{ "readlink", { P(SCRATCH_LINK), P(buf), 0 }, EINVAL, "size 0" },
		{ "readlink", { P("/no/such"), P(buf), sizeof(buf) }, ENOENT, "a missing file" },
		{ "chmod", { P("/no/such"), 0600 }, ENOENT, "a missing file" },
		{ "statfs", { P("/no/such"), P(buf) }, ENOENT, "a missing file" },
		{ "unlinkat", { dir_fd, P("tmp/x"), 1 }, EINVAL, "flags 1" },
		{ "unlinkat", { dir_fd, P("tmp/t_hostile_dir"), 0 }, EISDIR,
		  "a directory without AT_REMOVEDIR" },
		{ "unlinkat", { dir_fd, P("tmp/t_hostile_file"), AT_REMOVEDIR }, ENOTDIR,
		  "a file with AT_REMOVEDIR" },
		{ "utimensat", { dir_fd, P("tmp"), P(two_times), 1 }, EINVAL, "flags 1" },
		{ "utimensat", { dir_fd, P("tmp"), P(bad_times), 0 }, EINVAL, "tv_nsec -1" },
		{ "utimensat", { AT_FDCWD, 0, 0, 0 }, EFAULT, "a NULL path at AT_FDCWD" },
		{ "utimensat", { dir_fd, 0, 0, AT_SYMLINK_NOFOLLOW }, EINVAL,
		  "a NULL path with AT_SYMLINK_NOFOLLOW" },
	};
	int untouched = 0;

	for (unsigned i = 0; i < syscall_count(); i++) {
		const struct syscall_info *sc = syscall_at(i);
		const struct base *b = find_base(bases, COUNT(bases), sc->name);
		int cases = 0, failed = 0;

		if (sc->nr >= SYSCALL_AURORA_BASE && !on_aurora)
			continue;
		if (b && !b->skip)
			failed += generated(sc, b, &cases);
		else if (!b && has_corruptible_args(sc))
			failed += !check(false, "%s: no cases for its arguments \"%s\"", sc->name, sc->args);
		failed += specials(sc, special, COUNT(special), &cases);
		if (sc->nr == SYS_brk)
			failed += brk_cases(&cases);
		if (cases == 0 && b && b->skip)
			printf("-- %s: not tried %s\n", sc->name, b->skip);
		else if (cases == 0)
			untouched++;
		else if (!failed)
			check(true, "%s: %d cases", sc->name, cases);
	}
	printf("%d calls have nothing to corrupt (no pointer, descriptor or size)\n", untouched);
}

static int no_call(long nr)
{
	const long none[6] = { 0 };
	char what[24];

	snprintf(what, sizeof(what), "%ld", nr);
	return expect("syscall", what, call(nr, none, false), ENOSYS);
}

/* Numbers that are no call: a few anywhere, and on Aurora every free
   number in the ranges the dispatcher's table covers. */
static void unknown_numbers(void)
{
	const long numbers[] = {
		500, 999, 5000, -1, syscall_at(syscall_count() - 1)->nr + 1,
	};
	int cases = 0, failed = 0;

	for (size_t k = 0; k < COUNT(numbers); k++, cases++)
		failed += no_call(numbers[k]);
	for (long nr = 0; on_aurora && nr < SYSCALL_AURORA_LIMIT; nr++) {
		if (syscall_info(nr) || (nr >= SYSCALL_LINUX_LIMIT && nr < SYSCALL_AURORA_BASE))
			continue;
		failed += no_call(nr);
		cases++;
	}
	if (!failed)
		check(true, "%d numbers that are no call: ENOSYS", cases);
}

/* Linux reads the number as 32 bits: higher bits are ignored, not ENOSYS. */
static void high_number_bits(void)
{
	long ret = syscall6((1l << 32) | SYS_getpid, 0, 0, 0, 0, 0, 0);

	check(ret == getpid(), "syscall(2^32 + SYS_getpid) is getpid: got %ld", ret);
}

static bool setup(void)
{
	int fds[2] = { -1, -1 };

	file_fd = open("/bin/sh", O_RDONLY);
	dir_fd = open("/", O_RDONLY | O_DIRECTORY);
	rw_fd = open(SCRATCH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	unlink(SCRATCH_LINK);
	mkdir(SCRATCH_DIR, 0755);
	mkdir(SCRATCH_DIR "/sub", 0755);
	pipe(fds);
	pipe_r = fds[0];
	pipe_w = fds[1];
	tty_fd = -1;
	struct rlimit limit;
	nofile = getrlimit(RLIMIT_NOFILE, &limit) == 0 ? (long)limit.rlim_cur : -1;
	for (int fd = 2; fd >= 0; fd--)
		if (isatty(fd))
			tty_fd = fd;
	if (tty_fd < 0)
		printf("-- no terminal on fds 0-2: ioctl's pointer is not tried\n");
	return check(file_fd >= 0 && dir_fd >= 0 && pipe_r >= 0,
		     "set-up: /bin/sh, / and a pipe open (%d, %d, %d)", file_fd, dir_fd, pipe_r) &&
	       check(rw_fd >= 0 && symlink("/bin/sh", SCRATCH_LINK) == 0 &&
		     access(SCRATCH_DIR "/sub", F_OK) == 0,
		     "set-up: %s, the link %s and %s/sub made", SCRATCH, SCRATCH_LINK, SCRATCH_DIR);
}

int main(void)
{
	on_aurora = aurora_cap_get() >= 0;
	if (!on_aurora)
		printf("-- no aurora_cap_get (not Aurora?): Aurora's own calls are not tried\n");
	if (setup()) {
		every_call();
		unknown_numbers();
		high_number_bits();
	}
	unlink(SCRATCH);
	unlink(SCRATCH_LINK);
	rmdir(SCRATCH_DIR "/sub");
	rmdir(SCRATCH_DIR);
	return check_summary("t_hostile");
}
