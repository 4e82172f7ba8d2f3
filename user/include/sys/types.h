/*
 * The integer types of the system interface, with Linux x86_64's sizes.
 * Those the kernel's structures hold are 64 bits on every machine (on
 * x86_64 int64_t is long, so nothing changes there): a 32-bit build,
 * wasm32's, then lays out struct stat as the kernel does.  ssize_t is
 * pointer-sized, as C wants.
 */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef int64_t off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef uint64_t dev_t;
typedef uint64_t ino_t;
typedef uint64_t nlink_t;
typedef int64_t blksize_t;
typedef int64_t blkcnt_t;
typedef int64_t time_t;

#endif
