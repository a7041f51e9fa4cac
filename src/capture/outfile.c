/*
 * outfile.c - the output rule (outfile.h): inputs refused by device and
 * inode, regular files through a temporary file and a rename, devices and
 * pipes written in place, nothing removed that this module did not create.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capture/outfile.h"
#include "util/err.h"

#define TMP_TRIES 64
#define BASE_KEPT 200	/* of the name, in the temporary name: under NAME_MAX */

struct fw_id {
	dev_t dev;
	ino_t ino;
};

struct fw_outfile {
	char *path;
	char *tmp;		/* the temporary file fourway created, or NULL (direct) */
	FILE *f;
	bool is_stdout;
	unsigned flags;
	struct fw_id *in;	/* the inputs' identities, taken at open */
	size_t n_in;
};

static bool is_input(const struct fw_outfile *o, const struct stat *st)
{
	for (size_t i = 0; i < o->n_in; i++)
		if (o->in[i].dev == st->st_dev && o->in[i].ino == st->st_ino)
			return true;
	return false;
}

static int take_inputs(struct fw_outfile *o, const struct fw_out_rule *rule)
{
	if (!rule || !rule->n_inputs)
		return 0;
	o->in = calloc(rule->n_inputs, sizeof(*o->in));
	if (!o->in)
		return FW_ENOMEM;
	for (size_t i = 0; i < rule->n_inputs; i++) {
		const char *p = rule->inputs[i];
		struct stat st;

		/* stat follows links: the file an input names is what must be kept */
		if (!p || strcmp(p, "-") == 0 || stat(p, &st) != 0)
			continue;
		o->in[o->n_in++] = (struct fw_id){ st.st_dev, st.st_ino };
	}
	return 0;
}

/* A capture's first bytes: pcap (both orders, both precisions), pcapng, gzip. */
static bool looks_like_capture(const char *path)
{
	static const uint8_t magic[][4] = {
		{ 0xd4, 0xc3, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0xc3, 0xd4 },
		{ 0x4d, 0x3c, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0x3c, 0x4d },
		{ 0x0a, 0x0d, 0x0d, 0x0a },
	};
	uint8_t b[4];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return true;
	for (size_t i = 0; n == 4 && i < sizeof(magic) / sizeof(magic[0]); i++)
		if (memcmp(b, magic[i], 4) == 0)
			return true;
	return false;
}

/* Names that stand for an open descriptor or a device: written where they point. */
static bool is_fd_name(const char *path)
{
	return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/self/fd/", 14) == 0;
}

/* A file of our own beside path: ".NAME.XXXXXXXX.tmp", created with O_EXCL. */
static int make_tmp(struct fw_outfile *o, mode_t mode, int *fd, char *err, size_t errlen)
{
	const char *slash = strrchr(o->path, '/');
	size_t dirlen = slash ? (size_t)(slash - o->path) + 1 : 0;
	const char *base = o->path + dirlen;
	size_t blen = strlen(base) > BASE_KEPT ? BASE_KEPT : strlen(base);
	size_t cap = dirlen + blen + 32;
	struct timespec ts;

	o->tmp = malloc(cap);
	if (!o->tmp) {
		snprintf(err, errlen, "%s: out of memory", o->path);
		return FW_ENOMEM;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	for (unsigned i = 0; i < TMP_TRIES; i++) {
		uint32_t r = (uint32_t)ts.tv_nsec ^ ((uint32_t)getpid() << 12) ^ (i * 2654435761u);

		snprintf(o->tmp, cap, "%.*s.%.*s.%08x.tmp", (int)dirlen, o->path, (int)blen, base, r);
		*fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (*fd >= 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	/* the directory's fault (missing, not writable): said as for the file itself */
	snprintf(err, errlen, "%s: %s", o->path, strerror(errno));
	free(o->tmp);
	o->tmp = NULL;
	return FW_EIO;
}

/* The identity checks, at open and again before the rename. */
static int refused(const struct fw_outfile *o, bool exists, const struct stat *lst,
		   const struct stat *st, char *err, size_t errlen)
{
	if (!exists)
		return 0;
	if (is_input(o, st)) {
		snprintf(err, errlen, "%s: is one of the inputs: refusing to write over it",
			 o->path);
		return FW_EINVAL;
	}
	if (o->flags & FW_OUT_EXCL) {
		snprintf(err, errlen, "%s: exists: refusing to replace it", o->path);
		return FW_EINVAL;
	}
	if (S_ISLNK(lst->st_mode) && !(o->flags & FW_OUT_FOLLOW) && !is_fd_name(o->path) &&
	    !S_ISCHR(st->st_mode) && !S_ISFIFO(st->st_mode) && !S_ISSOCK(st->st_mode)) {
		snprintf(err, errlen, "%s: is a symbolic link: not followed", o->path);
		return FW_EINVAL;
	}
	if (S_ISDIR(st->st_mode)) {
		snprintf(err, errlen, "%s: is a directory", o->path);
		return FW_EINVAL;
	}
	if (S_ISREG(st->st_mode) && (o->flags & FW_OUT_NOT_CAPTURE) && looks_like_capture(o->path)) {
		snprintf(err, errlen, "%s: is a capture file: refusing to write over it", o->path);
		return FW_EINVAL;
	}
	/* the rename would replace a file the user may not write: refused as a write would be */
	if (S_ISREG(st->st_mode) && access(o->path, W_OK) != 0) {
		snprintf(err, errlen, "%s: %s", o->path, strerror(errno));
		return FW_EIO;
	}
	return 0;
}

/* lstat, then stat through a link; exists false when the name is free. */
static int look(const char *path, bool *exists, struct stat *lst, struct stat *st)
{
	*exists = false;
	if (lstat(path, lst) != 0)
		return errno == ENOENT ? 0 : -1;
	*exists = true;
	*st = *lst;
	if (S_ISLNK(lst->st_mode) && stat(path, st) != 0) {
		if (errno != ENOENT)
			return -1;
		/* a dangling link: refused like any link, its target never created */
		memset(st, 0, sizeof(*st));
		st->st_mode = S_IFLNK;
	}
	return 0;
}

static int open_direct(struct fw_outfile *o, const struct stat *st, char *err, size_t errlen)
{
	/*
	 * A regular file reached through /dev/stdout or /proc/self/fd/N is the
	 * shell's redirection: appended to, as a write to the descriptor would be.
	 */
	int fd = open(o->path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (S_ISREG(st->st_mode) ? O_APPEND : 0));
	struct stat now;

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", o->path, strerror(errno));
		return FW_EIO;
	}
	/* the name must still be what was checked */
	if (fstat(fd, &now) != 0 || now.st_dev != st->st_dev || now.st_ino != st->st_ino) {
		close(fd);
		snprintf(err, errlen, "%s: changed while it was opened", o->path);
		return FW_EIO;
	}
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		close(fd);
		snprintf(err, errlen, "%s: out of memory", o->path);
		return FW_ENOMEM;
	}
	return 0;
}

static int open_tmp(struct fw_outfile *o, bool exists, const struct stat *st, char *err,
		    size_t errlen)
{
	int fd, rc;

	rc = make_tmp(o, (o->flags & FW_OUT_PRIVATE) ? 0600 : 0666, &fd, err, errlen);
	if (rc != 0)
		return rc;
	/*
	 * A replaced file keeps its permissions; a new one gets what the umask
	 * leaves.  A private file (secrets) is 0600 whatever it replaces.
	 */
	if (o->flags & FW_OUT_PRIVATE)
		(void)fchmod(fd, 0600);
	else if (exists && S_ISREG(st->st_mode))
		(void)fchmod(fd, st->st_mode & 0777);
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		close(fd);
		unlink(o->tmp);
		snprintf(err, errlen, "%s: out of memory", o->path);
		return FW_ENOMEM;
	}
	return 0;
}

static void outfile_free(struct fw_outfile *o)
{
	free(o->path);
	free(o->tmp);
	free(o->in);
	free(o);
}

int fw_outfile_open(struct fw_outfile **out, const char *path, const struct fw_out_rule *rule,
		    char *err, size_t errlen)
{
	struct fw_outfile *o;
	struct stat lst, st;
	bool exists;
	int rc;

	*out = NULL;
	if (!path || !*path) {
		snprintf(err, errlen, "no output path");
		return FW_EINVAL;
	}
	o = calloc(1, sizeof(*o));
	if (!o || !(o->path = strdup(path)) || take_inputs(o, rule) != 0) {
		if (o)
			outfile_free(o);
		snprintf(err, errlen, "%s: out of memory", path);
		return FW_ENOMEM;
	}
	o->flags = rule ? rule->flags : 0;
	if (strcmp(path, "-") == 0) {
		o->is_stdout = true;
		o->f = stdout;
		*out = o;
		return 0;
	}
	if (look(path, &exists, &lst, &st) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		outfile_free(o);
		return FW_EIO;
	}
	rc = refused(o, exists, &lst, &st, err, errlen);
	if (rc == 0 && exists && S_ISLNK(lst.st_mode) && S_ISREG(st.st_mode) &&
	    (o->flags & FW_OUT_FOLLOW) && !is_fd_name(path)) {
		/* asked to follow: the target is replaced as a file of its own */
		char *real = realpath(path, NULL);

		if (!real) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			outfile_free(o);
			return FW_EIO;
		}
		free(o->path);
		o->path = real;
		lst = st;
	}
	if (rc == 0) {
		if (exists && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
			rc = open_direct(o, &st, err, errlen);
		else if (exists && S_ISREG(st.st_mode) && S_ISLNK(lst.st_mode))
			rc = open_direct(o, &st, err, errlen);	/* /dev/stdout to a file */
		else
			rc = open_tmp(o, exists, &st, err, errlen);
	}
	if (rc != 0) {
		outfile_free(o);
		return rc;
	}
	*out = o;
	return 0;
}

FILE *fw_outfile_stream(struct fw_outfile *o)
{
	return o ? o->f : NULL;
}

const char *fw_outfile_path(const struct fw_outfile *o)
{
	return o ? o->path : NULL;
}

/* Put the finished temporary file under its name, the rule checked once more. */
static int place(struct fw_outfile *o, char *err, size_t errlen)
{
	struct stat lst, st;
	bool exists;
	int rc;

	if (look(o->path, &exists, &lst, &st) != 0) {
		snprintf(err, errlen, "%s: %s", o->path, strerror(errno));
		return FW_EIO;
	}
	rc = refused(o, exists, &lst, &st, err, errlen);
	if (rc != 0)
		return rc;
	if (o->flags & FW_OUT_EXCL) {
		/* link() fails on a name that appeared meanwhile; rename would replace it */
		if (link(o->tmp, o->path) != 0) {
			snprintf(err, errlen, "%s: %s", o->path,
				 errno == EEXIST ? "exists: refusing to replace it" : strerror(errno));
			return errno == EEXIST ? FW_EINVAL : FW_EIO;
		}
		return 0;	/* the caller removes the temporary name */
	}
	if (rename(o->tmp, o->path) != 0) {
		snprintf(err, errlen, "%s: %s", o->path, strerror(errno));
		return FW_EIO;
	}
	return 0;
}

int fw_outfile_commit(struct fw_outfile *o, char *err, size_t errlen)
{
	bool bad;
	int rc = 0;

	if (!o)
		return 0;
	bad = fflush(o->f) != 0 || ferror(o->f);
	if (o->is_stdout) {
		outfile_free(o);
		if (bad)
			snprintf(err, errlen, "standard output: write failed");
		return bad ? FW_EIO : 0;
	}
	if (!bad && o->tmp && fsync(fileno(o->f)) != 0)
		bad = true;
	if (fclose(o->f) != 0)
		bad = true;
	if (bad) {
		snprintf(err, errlen, "%s: write failed: %s", o->path, strerror(errno));
		rc = FW_EIO;
	} else if (o->tmp) {
		rc = place(o, err, errlen);
	}
	if (o->tmp && (rc != 0 || (o->flags & FW_OUT_EXCL)))
		unlink(o->tmp);		/* ours; after a link() the name holds the file */
	outfile_free(o);
	return rc;
}

void fw_outfile_abort(struct fw_outfile *o)
{
	if (!o)
		return;
	if (o->is_stdout) {
		fflush(o->f);
	} else {
		fclose(o->f);
		if (o->tmp)
			unlink(o->tmp);
	}
	outfile_free(o);
}

bool fw_outfile_regular(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool fw_outfile_same(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}
