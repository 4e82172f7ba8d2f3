/* poweroff: turn the machine off (needs the "system" capability). */
#include <stdio.h>
#include <sys/reboot.h>

int main(void)
{
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	perror("poweroff");
	return 1;
}
