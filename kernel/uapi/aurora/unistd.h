/* lseek's whence and access's modes: Linux's values. */
#ifndef AURORA_UAPI_UNISTD_H
#define AURORA_UAPI_UNISTD_H

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

#define F_OK	0	/* the file exists */
#define X_OK	1
#define W_OK	2
#define R_OK	4

#endif
