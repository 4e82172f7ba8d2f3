/* reboot(magic1, magic2, cmd): Linux's magic numbers and commands. */
#ifndef AURORA_UAPI_REBOOT_H
#define AURORA_UAPI_REBOOT_H

#define LINUX_REBOOT_MAGIC1		0xfee1deadu
#define LINUX_REBOOT_MAGIC2		0x28121969u	/* or any of the three below */
#define LINUX_REBOOT_MAGIC2A		0x05121996u
#define LINUX_REBOOT_MAGIC2B		0x16041998u
#define LINUX_REBOOT_MAGIC2C		0x20112000u

#define LINUX_REBOOT_CMD_RESTART	0x01234567u
#define LINUX_REBOOT_CMD_HALT		0xcdef0123u
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321fedcu
#define LINUX_REBOOT_CMD_CAD_ON		0x89abcdefu
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000u

#endif
