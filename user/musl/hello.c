/* Built with Debian's musl-gcc: a program from an ordinary Linux
   toolchain, using its C library's stdio. */
#include <stdio.h>

int main(void)
{
	printf("hello from musl\n");
	return 0;
}
