/*
 * fail.c - a scene's first error, kept with its words: the steps, the
 * scenarios and the log writers below them all stop at it.
 */
#include <stdio.h>

#include "synth/internal.h"
#include "util/err.h"

void sc_fail(struct scene *sc, int err, const char *what)
{
	if (sc->err)
		return;
	sc->err = err;
	snprintf(sc->errbuf, sc->errlen, "%s: %s", what, fw_strerror(err));
}
