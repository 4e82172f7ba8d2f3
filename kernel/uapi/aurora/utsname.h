/* uname's answer: six NUL-terminated fields, Linux's new_utsname. */
#ifndef AURORA_UAPI_UTSNAME_H
#define AURORA_UAPI_UTSNAME_H

#define UTS_FIELD_LEN 65

struct utsname {
	char sysname[UTS_FIELD_LEN];
	char nodename[UTS_FIELD_LEN];
	char release[UTS_FIELD_LEN];
	char version[UTS_FIELD_LEN];
	char machine[UTS_FIELD_LEN];
	char domainname[UTS_FIELD_LEN];
};

#endif
