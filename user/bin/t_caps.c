/*
 * t_caps: capabilities.  A process can drop them but never get them back,
 * its children inherit its set, what a missing capability guards fails
 * with EPERM, and a drop with CAP_DROP_ON_EXEC waits for the next execve.
 * Each drop happens in a child, so the test keeps its own set.
 */
#include <aurora.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READABLE "/etc/motd"
#define WRITABLE "/tmp/t_caps"

static uint32_t start;		/* the set the test started with */
static uint32_t expected;	/* what inherit() should find */

static const char *text(uint32_t caps)
{
	static char buf[4][64];
	static int next;
	char *b = buf[next++ % 4];	/* a few can be in one printf */

	cap_format(caps, b, sizeof(buf[0]));
	return b;
}

/* The result of a call that should have been refused. */
static void denied(long ret, const char *what)
{
	int err = errno;

	check(ret == -1 && err == EPERM, "%s: EPERM (got %ld, errno %d)", what, ret, err);
}

static void inherit(void)
{
	long caps = aurora_cap_get();

	check(caps == (long)expected, "a child inherits the set: %s", text(caps));
}

static void without_fs_write(void)
{
	long now = aurora_cap_drop(CAP_FS_WRITE, 0);

	check(now == (long)(start & ~CAP_FS_WRITE), "aurora_cap_drop(fs-write) returns the rest: %s",
	      text(now));
	denied(open(WRITABLE, O_WRONLY | O_CREAT, 0644), "open(O_WRONLY|O_CREAT) without fs-write");
	denied(mkdir(WRITABLE, 0755), "mkdir without fs-write");
	int fd = open(READABLE, O_RDONLY);
	check(fd >= 0, "open(O_RDONLY) still works (fd %d)", fd);
	close(fd);

	long again = aurora_cap_drop(0, 0);
	check(again == now, "nothing comes back: aurora_cap_drop(0, 0) returns %s", text(again));
	expected = now;
	check_in_child("a grandchild", inherit);
}

static void without_fs_read(void)
{
	char *argv[] = { "/bin/true", NULL };

	aurora_cap_drop(CAP_FS_READ, 0);
	denied(open(READABLE, O_RDONLY), "open(O_RDONLY) without fs-read");
	denied(execve(argv[0], argv, environ), "execve without fs-read");
}

static void without_proc(void)
{
	aurora_cap_drop(CAP_PROC, 0);
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);	/* should not happen; the parent reports it */
	denied(pid, "fork without proc");
	denied(kill(getppid(), 0), "kill without proc");
}

/* The drop waits for execve: until then the set is whole, after it the
   program runs without fs-write (sandbox -l shows its set). */
static void on_exec(void)
{
	char out[64];
	char *argv[] = { "/bin/sandbox", "-l", NULL };

	long now = aurora_cap_drop(CAP_FS_WRITE, CAP_DROP_ON_EXEC);
	check(now == (long)start, "with CAP_DROP_ON_EXEC the set in force stays %s", text(now));
	check(aurora_cap_get() == (long)start, "and aurora_cap_get agrees");
	int status = capture(argv, environ, out, sizeof(out));
	check(status == 0 && strcmp(out, text(start & ~CAP_FS_WRITE)) == 0,
	      "after execve the program has %s (sandbox -l said \"%s\")",
	      text(start & ~CAP_FS_WRITE), out);
}

/* The sandbox program end to end: -k keeps exactly the listed set. */
static void sandbox(void)
{
	char out[64];
	char *argv[] = { "/bin/sandbox", "-k", "fs-read,proc", "/bin/sandbox", "-l", NULL };

	int status = capture(argv, environ, out, sizeof(out));
	check(status == 0 && strcmp(out, "fs-read,proc") == 0,
	      "sandbox -k fs-read,proc runs its command with that set (\"%s\")", out);
}

int main(void)
{
	long caps = aurora_cap_get();

	if (caps < 0 && errno == ENOSYS) {
		printf("no aurora_cap_get (not Aurora?): nothing to test\n");
		return check_summary("t_caps");
	}
	start = caps;
	uint32_t needed = CAP_FS_READ | CAP_FS_WRITE | CAP_PROC;
	check(caps >= 0 && (caps & needed) == needed, "the test starts with %s, which includes %s",
	      text(caps), text(needed));

	expected = start;
	check_in_child("a child", inherit);
	check_in_child("without fs-write", without_fs_write);
	check_in_child("without fs-read", without_fs_read);
	check_in_child("without proc", without_proc);
	check_in_child("drop on exec", on_exec);
	sandbox();
	return check_summary("t_caps");
}
