/* The first program, as ever.  Build it on Linux: cc -o hello hello.c */
#include <stdio.h>

int main(void)
{
	printf("hello, world\n");
	return 0;
}
