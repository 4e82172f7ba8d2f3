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
	printf("free_frames=%lu total_frames=%lu heap_bytes=%lu processes=%lu\n",
	       m.free_frames, m.total_frames, m.heap_bytes_in_use, m.processes);
	return 0;
}
