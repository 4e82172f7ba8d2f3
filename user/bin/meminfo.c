/* meminfo: the kernel's memory use, from aurora_meminfo(). */
#include <aurora.h>
#include <stdio.h>

int main(void)
{
	struct aurora_meminfo m;

	if (aurora_meminfo(&m) < 0) {
		perror("meminfo");
		return 1;
	}
	printf("free_frames=%llu total_frames=%llu heap_bytes=%llu processes=%llu\n",
	       (unsigned long long)m.free_frames, (unsigned long long)m.total_frames,
	       (unsigned long long)m.heap_bytes_in_use, (unsigned long long)m.processes);
	return 0;
}
