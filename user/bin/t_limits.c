/*
 * t_limits: the limits a process lives within, as Linux sets them.
 * RLIMIT_NOFILE bounds its descriptors (Aurora's is 1024, Linux's default;
 * a host may set another): every descriptor below it can be used, through
 * fork too, none at or above it, and lowering it takes effect.  Memory
 * follows Linux's heuristic overcommit rule: one writable allocation
 * bigger than all RAM and swap fails, from mmap or brk, while memory that
 * cannot be written, or asked for with MAP_NORESERVE, costs nothing.
 */
#include <aurora.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define HUGE_MAP	(64ul << 40)	/* 64 TiB: more than any machine this runs on */
#define FEW_FDS		64		/* a limit to lower RLIMIT_NOFILE to */

static struct rlimit nofile;

static void limits_agree(void)
{
	struct rlimit old = { 0, 0 };
	bool got = getrlimit(RLIMIT_NOFILE, &nofile) == 0 &&
		   prlimit(0, RLIMIT_NOFILE, NULL, &old) == 0;

	check(got && old.rlim_cur == nofile.rlim_cur && old.rlim_max == nofile.rlim_max &&
	      nofile.rlim_cur <= nofile.rlim_max,
	      "getrlimit and prlimit agree on RLIMIT_NOFILE: soft %lu, hard %lu",
	      nofile.rlim_cur, nofile.rlim_max);
	if (aurora_cap_get() >= 0)
		check(nofile.rlim_cur == 1024 && nofile.rlim_max == 1024,
		      "on Aurora, both are Linux's default, 1024");
}

/* Does a child see the parent's descriptor fd, open for writing? */
static bool child_writes_to(int fd)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(write(fd, "x", 1) == 1 ? 0 : 1);
	return pid > 0 && waitpid(pid, &status, 0) == pid && status == 0;
}

static void highest_descriptor(int fds[2])
{
	int top = (int)nofile.rlim_cur - 1;
	char c = 0;

	check(dup2(fds[1], top) == top, "dup2 to %d, one below the limit", top);
	check(child_writes_to(top) && read(fds[0], &c, 1) == 1 && c == 'x',
	      "a child inherits descriptor %d", top);
	fcntl(top, F_SETFD, FD_CLOEXEC);
	check(fcntl(top, F_GETFD) == FD_CLOEXEC, "descriptor %d keeps close-on-exec", top);
	check(dup2(fds[1], top) == top && fcntl(top, F_GETFD) == 0,
	      "dup2 over it clears close-on-exec");
	close(top);
	long r = dup2(fds[1], top + 1) < 0 ? -errno : 0;
	check(r == -EBADF, "dup2 to the limit: EBADF (%ld)", r);
}

/* dup until it fails; the number of descriptors made, all closed again. */
static int fill_table(int fd, int *last, int *error)
{
	int n = 0, made;

	*last = -1;
	while ((made = dup(fd)) >= 0) {
		*last = made;
		n++;
	}
	*error = errno;
	for (int k = fd + 1; k <= *last; k++)
		close(k);
	return n;
}

static void full_table(int fds[2])
{
	int last, error;
	int n = fill_table(fds[1], &last, &error);

	check(n > 0 && last == (int)nofile.rlim_cur - 1 && error == EMFILE,
	      "dup fills the table up to descriptor %d, then EMFILE (%d made, last %d, %d)",
	      (int)nofile.rlim_cur - 1, n, last, error);
	int again = dup(fds[1]);
	check(again > fds[1] && again < FEW_FDS, "and the descriptors come back (%d)", again);
	close(again);
}

static void lowered_limit(int fds[2])
{
	struct rlimit few = { FEW_FDS, nofile.rlim_max }, now = { 0, 0 };
	bool lowered = setrlimit(RLIMIT_NOFILE, &few) == 0 && getrlimit(RLIMIT_NOFILE, &now) == 0;

	check(lowered && now.rlim_cur == FEW_FDS, "RLIMIT_NOFILE lowered to %d (%lu)", FEW_FDS,
	      now.rlim_cur);
	long r = dup2(fds[1], FEW_FDS) < 0 ? -errno : 0;
	check(r == -EBADF, "dup2 to %d: EBADF now (%ld)", FEW_FDS, r);
	check(dup2(fds[1], FEW_FDS - 1) == FEW_FDS - 1, "dup2 to %d still works", FEW_FDS - 1);
	close(FEW_FDS - 1);
	check(setrlimit(RLIMIT_NOFILE, &nofile) == 0 && dup2(fds[1], FEW_FDS) == FEW_FDS,
	      "raised back to %lu, dup2 to %d works again", nofile.rlim_cur, FEW_FDS);
	close(FEW_FDS);
}

/* mmap's result: 0 for an address (unmapped again at once), or -errno. */
static long map_result(size_t len, int prot, int flags)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);

	if (p == MAP_FAILED)
		return -errno;
	munmap(p, len);
	return 0;
}

static void overcommit(void)
{
	long r = map_result(HUGE_MAP, PROT_READ | PROT_WRITE, 0);
	check(r == -ENOMEM, "mmap of 64 TiB to write: ENOMEM (%ld)", r);
	r = map_result(HUGE_MAP, PROT_READ | PROT_WRITE, MAP_NORESERVE);
	check(r == 0, "the same with MAP_NORESERVE: mapped (%ld)", r);
	r = map_result(HUGE_MAP, PROT_READ, 0);
	check(r == 0, "64 TiB only to read: mapped (%ld)", r);
	r = map_result(16ul << 20, PROT_READ | PROT_WRITE, 0);
	check(r == 0, "16 MiB to write: mapped (%ld)", r);

	long now = syscall6(SYS_brk, 0, 0, 0, 0, 0, 0);
	long after = syscall6(SYS_brk, now + (long)HUGE_MAP, 0, 0, 0, 0, 0);
	check(after == now, "brk 64 TiB up: the break stays (%#lx, was %#lx)", after, now);
}

int main(void)
{
	int fds[2];

	limits_agree();
	if (check(pipe(fds) == 0, "pipe")) {
		highest_descriptor(fds);
		full_table(fds);
		lowered_limit(fds);
	}
	overcommit();
	return check_summary("t_limits");
}
