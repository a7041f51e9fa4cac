/* The corpus folder of the tests and the SKIP when it is absent (corpus.h). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus.h"

const char *tcorpus_dir(void)
{
	const char *d = getenv("FOURWAY_CORPUS");
	char manifest[4096];
	struct stat st;

	if (!d || !*d)
		d = "../shared/corpus";
	/* its MANIFEST.tsv tells the corpus from any folder of that name */
	if ((size_t)snprintf(manifest, sizeof(manifest), "%s/MANIFEST.tsv", d) >= sizeof(manifest) ||
	    stat(manifest, &st) != 0 || !S_ISREG(st.st_mode) || access(manifest, R_OK) != 0)
		return NULL;
	return d;
}

const char *tcorpus_require(const char *prog)
{
	const char *d = tcorpus_dir();
	const char *env = getenv("FOURWAY_CORPUS");

	if (d)
		return d;
	fprintf(stderr, "%s: corpus not found (FOURWAY_CORPUS=%s): skipping\n", prog,
		env && *env ? env : "(unset, ../shared/corpus)");
	exit(TCORPUS_SKIP);
}

const char *tcorpus_path(char *buf, size_t len, const char *rel)
{
	const char *d = tcorpus_dir();

	if (!d || (size_t)snprintf(buf, len, "%s/%s", d, rel) >= len)
		return NULL;
	return buf;
}
