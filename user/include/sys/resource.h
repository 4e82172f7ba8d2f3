/* Resource limits: getrlimit, setrlimit, prlimit. */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/types.h>
#include <aurora/resource.h>	/* struct rlimit, RLIMIT_*, RLIM_INFINITY */

int getrlimit(int resource, struct rlimit *limit);
int setrlimit(int resource, const struct rlimit *limit);
/* pid 0 is the caller; new or old may be NULL. */
int prlimit(pid_t pid, int resource, const struct rlimit *new, struct rlimit *old);

#endif
