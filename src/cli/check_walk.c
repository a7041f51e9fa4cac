/*
 * check_walk.c - the captures under the paths given to `fourway check`
 * (check_walk.h).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/check_walk.h"
#include "util/err.h"

static char *join(const char *dir, const char *name)
{
	size_t nd = strlen(dir), nn = strlen(name);
	char *p = malloc(nd + nn + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, nd);
	if (nd && dir[nd - 1] != '/')
		p[nd++] = '/';
	memcpy(p + nd, name, nn + 1);
	return p;
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n > k && memcmp(s + n - k, suffix, k) == 0;
}

/* *.pcap, *.pcapng, *.cap, and the same with .gz. */
static bool capture_name(const char *name)
{
	static const char *const ext[] = { ".pcap", ".pcapng", ".cap" };
	size_t n = strlen(name);

	if (ends_with(name, n, ".gz"))
		n -= 3;
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (ends_with(name, n, ext[i]))
			return true;
	return false;
}

/* Takes path and error (both malloc'd; error may be NULL). */
static int add_entry(struct fw_check_list *l, char *path, char *error)
{
	struct fw_check_entry *ne = NULL;
	int rc = l->n >= FW_CHECK_MAX_CAPTURES ? FW_ERANGE : FW_ENOMEM;

	if (path && l->n < FW_CHECK_MAX_CAPTURES)
		ne = realloc(l->e, (l->n + 1) * sizeof(*ne));
	if (!ne) {
		free(path);
		free(error);
		return rc;
	}
	l->e = ne;
	l->e[l->n].path = path;
	l->e[l->n].error = error;
	l->n++;
	return 0;
}

static int add_error(struct fw_check_list *l, const char *path, const char *what)
{
	char b[1024];

	snprintf(b, sizeof(b), "%s: %s", path, what);
	return add_entry(l, strdup(path), strdup(b));
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folders from the top down to the one being read: a link back to one of them is a loop. */
struct fw_walk_up {
	dev_t dev;
	ino_t ino;
	const struct fw_walk_up *up;
};

static bool on_path(const struct fw_walk_up *up, const struct stat *st)
{
	for (; up; up = up->up)
		if (up->dev == st->st_dev && up->ino == st->st_ino)
			return true;
	return false;
}

static int walk(struct fw_check_list *l, const char *dir, int depth, const struct fw_walk_up *up);

/* The entries of dir, sorted, so the order of the report does not depend on the file system. */
static int walk_names(struct fw_check_list *l, const char *dir, char **names, size_t n,
		      int depth, const struct fw_walk_up *up)
{
	int rc = 0;

	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *p = join(dir, names[i]);
		struct stat st;

		if (!p)
			rc = FW_ENOMEM;
		else if (stat(p, &st) != 0)
			free(p);	/* a dangling link: nothing to check */
		else if (S_ISDIR(st.st_mode) && on_path(up, &st))
			free(p);	/* a link to a folder above: a loop, not more captures */
		else if (S_ISDIR(st.st_mode)) {
			rc = walk(l, p, depth + 1, up);
			free(p);
		} else if (S_ISREG(st.st_mode) && capture_name(names[i])) {
			rc = add_entry(l, p, NULL);
		} else {
			free(p);
		}
	}
	return rc;
}

static int walk(struct fw_check_list *l, const char *dir, int depth, const struct fw_walk_up *up)
{
	char **names = NULL, **nn;
	struct fw_walk_up here = { 0, 0, up };
	struct stat st;
	size_t n = 0;
	struct dirent *d;
	DIR *dh;
	int rc = 0;

	if (depth > FW_CHECK_MAX_DEPTH)
		return add_error(l, dir, "folders nested too deeply");
	if (stat(dir, &st) == 0) {
		here.dev = st.st_dev;
		here.ino = st.st_ino;
	}
	dh = opendir(dir);
	if (!dh)
		return add_error(l, dir, strerror(errno));
	while ((d = readdir(dh)) != NULL) {
		if (d->d_name[0] == '.')
			continue;	/* ".", "..", and hidden entries */
		nn = realloc(names, (n + 1) * sizeof(*nn));
		if (!nn || !(nn[n] = strdup(d->d_name))) {
			names = nn ? nn : names;
			rc = FW_ENOMEM;
			break;
		}
		names = nn;
		n++;
	}
	closedir(dh);
	if (rc == 0)
		rc = walk_names(l, dir, names, n, depth, &here);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int fw_check_list_add(struct fw_check_list *l, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return walk(l, path, 0, NULL);
	return add_entry(l, strdup(path), NULL);
}

void fw_check_list_fini(struct fw_check_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->e[i].path);
		free(l->e[i].error);
	}
	free(l->e);
	l->e = NULL;
	l->n = 0;
}
