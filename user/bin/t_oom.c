/*
 * t_oom: use up memory.  A child maps a huge anonymous region and touches
 * it page by page until the kernel has no frame left for it; the kernel
 * must kill the child (it cannot be given the page it touched) rather than
 * hang or panic, and every frame must come back when the child is reaped.
 */
#include <aurora.h>
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define HUGE_MAP (1ull << 36)	/* 64 GiB: far more than the machine has */
#define PAGE 4096

static uint64_t free_frames(void)
{
	struct aurora_meminfo info;

	return aurora_meminfo(&info) == 0 ? info.free_frames : 0;
}

/* Touch page after page of a huge mapping: never returns normally.
   MAP_NORESERVE, or the overcommit rule would refuse the mapping itself,
   as Linux does, and nothing would be eaten. */
static void eat_memory(void)
{
	char *p = mmap(NULL, HUGE_MAP, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		_exit(2);
	for (uint64_t off = 0; off < HUGE_MAP; off += PAGE)
		p[off] = 1;
	_exit(3);
}

/* Fork a child that exits at once and reap it: the parent's own pages
   (stack, data) that a fork and a wait touch are then already there. */
static bool fork_and_reap(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	return pid > 0 && waitpid(pid, &status, 0) == pid;
}

int main(void)
{
	check(fork_and_reap(), "fork and wait before (to warm up)");
	printf("eating memory in a child...\n");
	uint64_t before = free_frames();
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		eat_memory();
	check(pid > 0, "fork");
	check(waitpid(pid, &status, 0) == pid, "waitpid");
	check(WIFSIGNALED(status) && WTERMSIG(status) == 11,
	      "the memory eater was killed by SIGSEGV (status 0x%x)", status);
	uint64_t after = free_frames();
	printf("free frames: %lu before, %lu after\n", before, after);
	check(after == before, "every frame came back");
	check(fork_and_reap(), "fork works again");
	return check_summary("t_oom");
}
