/*
 * t_cow: fork shares memory copy-on-write.  Parent and child each see only
 * their own writes; and, measured with aurora_meminfo (on Aurora only),
 * fork costs a few frames rather than a copy of every page, a child that
 * writes K pages gets K new frames, and once the children are gone every
 * frame and heap byte is back (leakcheck.h: exactly, not nearly).
 */
#include <aurora.h>
#include <check.h>
#include <leakcheck.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define PAGES 64
#define TOUCHED 4		/* pages the child writes */
#define SLACK 2			/* frames the kernel may take for itself meanwhile */

static unsigned char big[PAGES][PAGE] __attribute__((aligned(PAGE)));
static struct leak_check leaks;	/* its "before" is the memory before the first fork */

/* What page i holds in generation gen: each page and generation differs. */
static unsigned char value(int i, int gen)
{
	return (unsigned char)(i * 3 + gen * 101 + 1);
}

static void fill(int first, int n, int gen)
{
	for (int i = first; i < first + n; i++)
		memset(big[i], value(i, gen), PAGE);
}

/* The first page in [first, first + n) not wholly generation gen, or -1. */
static int differs(int first, int n, int gen)
{
	for (int i = first; i < first + n; i++)
		for (int j = 0; j < PAGE; j++)
			if (big[i][j] != value(i, gen))
				return i;
	return -1;
}

static long free_frames(void)
{
	struct aurora_meminfo m;

	return aurora_meminfo(&m) == 0 ? (long)m.free_frames : 0;
}

/* In a child: read everything, then write TOUCHED pages. */
static void child_writes(void)
{
	long at_start = free_frames();
	int bad = differs(0, PAGES, 0);
	long after_reading = free_frames();

	check(bad < 0, "the child sees the parent's values in all %d pages (first wrong: %d)",
	      PAGES, bad);
	fill(0, TOUCHED, 1);
	long after_writing = free_frames();
	bad = differs(0, TOUCHED, 1);
	check(bad < 0, "the child sees its own writes (first wrong: %d)", bad);
	if (!leaks.measured)
		return;

	long fork_cost = (long)leaks.before.free_frames - at_start;
	long read_cost = at_start - after_reading;
	long write_cost = after_reading - after_writing;
	printf("frames: fork %ld, reading %d pages %ld, writing %d pages %ld\n",
	       fork_cost, PAGES, read_cost, TOUCHED, write_cost);
	check(fork_cost < PAGES / 2, "fork took %ld frames: not a copy of the %d pages",
	      fork_cost, PAGES);
	check(read_cost <= SLACK, "reading the shared pages took %ld frames", read_cost);
	check(write_cost >= TOUCHED && write_cost <= TOUCHED + SLACK,
	      "writing %d pages took %ld frames: one per page written", TOUCHED, write_cost);
}

/* The parent writes while a child still shares the pages: the child must
   keep seeing the old values. */
static void parent_writes(void)
{
	int go[2], status = -1;
	char c;

	pipe(go);
	pid_t pid = fork();
	if (pid == 0) {
		close(go[1]);
		read(go[0], &c, 1);	/* wait for the parent's writes */
		_exit(differs(0, PAGES, 0) < 0 ? 0 : 1);
	}
	close(go[0]);
	fill(0, PAGES, 2);
	write(go[1], "w", 1);
	close(go[1]);
	waitpid(pid, &status, 0);
	check(pid > 0 && status == 0, "after the parent rewrote every page, the child still "
	      "saw the old values (status %#x)", status);
	int bad = differs(0, PAGES, 2);
	check(bad < 0, "the parent sees its own writes (first wrong: %d)", bad);
}

int main(void)
{
	char why[128] = "";
	bool back;

	fill(0, PAGES, 0);
	leak_check_start(&leaks, "t_cow");
	if (!leaks.measured)
		printf("no aurora_meminfo (not Aurora?): frames are not measured\n");

	check_in_child("a child writing", child_writes);
	int bad = differs(0, PAGES, 0);
	check(bad < 0, "the child's writes did not reach the parent (first wrong: %d)", bad);
	parent_writes();
	back = leak_check_finish(&leaks, why, sizeof(why));
	check(back, "with the children gone, every frame and heap byte is back%s%s",
	      back ? "" : ": ", why);
	return check_summary("t_cow");
}
