/*
 * rfile.c - regular files only, size-limited (rfile.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "util/rfile.h"

static const char *kind_of(mode_t m)
{
	if (S_ISFIFO(m))
		return "is a FIFO";
	if (S_ISCHR(m))
		return "is a character device";
	if (S_ISBLK(m))
		return "is a block device";
	if (S_ISDIR(m))
		return "is a directory";
	if (S_ISSOCK(m))
		return "is a socket";
	return "is not a file";
}

FILE *fw_rfile_open(const char *path, uint64_t max_bytes, struct stat *st, char *err,
		    size_t errlen)
{
	struct stat s;
	FILE *f;
	int fd, fl;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &s) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(s.st_mode)) {
		snprintf(err, errlen, "%s: %s, not a regular file", path, kind_of(s.st_mode));
		close(fd);
		return NULL;
	}
	if ((uint64_t)s.st_size > max_bytes) {
		snprintf(err, errlen, "%s: larger than %llu bytes", path,
			 (unsigned long long)max_bytes);
		close(fd);
		return NULL;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	f = fdopen(fd, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (st)
		*st = s;
	return f;
}

int fw_rfile_exposed(const struct stat *st)
{
	return (st->st_mode & (S_IRWXG | S_IRWXO)) != 0;
}
