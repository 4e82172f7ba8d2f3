/*
 * t_cow: fork shares memory copy-on-write.  Parent and child each see only
 * their own writes; and, measured with aurora_meminfo (on Aurora only),
 * fork costs a few frames rather than a copy of every page, a child that
 * writes K pages gets K new frames, and once the children are gone every
 * frame and heap byte is back (leakcheck.h: exactly, not nearly).  A page
 * three processes share stays intact for two when one writes; and once
 * its other sharers are gone, the last owner writes it in place.
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

/* A child that shares the pages, holding generation gen, until it is
   told (a byte on go, or go closed) to check that they still do: its
   exit status says. */
static pid_t fork_sharer(int go[2], int gen)
{
	char c;
	pid_t pid = fork();

	if (pid == 0) {
		close(go[1]);
		read(go[0], &c, 1);
		_exit(differs(0, PAGES, gen) < 0 ? 0 : 1);
	}
	close(go[0]);
	return pid;
}

/* Tell a fork_sharer child to check its pages; was it unharmed? */
static bool sharer_intact(pid_t pid, int go)
{
	int status = -1;

	close(go);
	return waitpid(pid, &status, 0) == pid && status == 0;
}

/* The parent writes while a child still shares the pages: the child must
   keep seeing the old values; and once it exits, the frames the parent's
   copies left behind are free again. */
static void parent_writes(void)
{
	struct leak_check own;
	int go[2];

	leak_check_start(&own, "t_cow");
	pipe(go);
	pid_t pid = fork_sharer(go, 0);
	fill(0, PAGES, 2);
	check(sharer_intact(pid, go[1]), "after the parent rewrote every page, the child still "
	      "saw the old values");
	int bad = differs(0, PAGES, 2);
	check(bad < 0, "the parent sees its own writes (first wrong: %d)", bad);
	check_no_leaks(&own, "once the child is gone, the frames it shared with the parent are "
		       "free");
}

/* Three processes share the pages: a write by one leaves the other two
   their values, and so does a second writer's, while the third still
   shares them. */
static void three_sharers(void)
{
	int go[2], bad;

	fill(0, PAGES, 3);
	pipe(go);
	pid_t third = fork_sharer(go, 3);
	pid_t first = fork();
	if (first == 0) {
		fill(0, PAGES, 4);
		_exit(differs(0, PAGES, 4) < 0 ? 0 : 1);
	}
	int status = -1;
	waitpid(first, &status, 0);
	bad = differs(0, PAGES, 3);
	check(status == 0 && bad < 0, "one of three sharers rewrote the pages: it sees its "
	      "values (status %#x), the parent still its own (first wrong: %d)", status, bad);
	fill(0, PAGES, 5);
	check(sharer_intact(third, go[1]), "then the parent rewrote them too: the third sharer "
	      "still sees the values all three had");
}

/* A child copies pages on write and exits: the parent is their frames'
   last owner, so writing them again takes no frame. */
static void last_owner_writes(void)
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0) {
		fill(0, PAGES, 6);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	long before = free_frames();
	fill(0, PAGES, 7);
	long cost = before - free_frames();
	check(!leaks.measured || cost <= SLACK, "the child that copied %d pages is gone: the "
	      "parent, their last owner, writes them in place (took %ld frames)", PAGES, cost);
}

int main(void)
{
	fill(0, PAGES, 0);
	leak_check_start(&leaks, "t_cow");
	if (!leaks.measured)
		printf("no aurora_meminfo (not Aurora?): frames are not measured\n");

	check_in_child("a child writing", child_writes);
	int bad = differs(0, PAGES, 0);
	check(bad < 0, "the child's writes did not reach the parent (first wrong: %d)", bad);
	parent_writes();
	three_sharers();
	last_owner_writes();
	check_no_leaks(&leaks, "with the children gone, every frame and heap byte is back");
	return check_summary("t_cow");
}
