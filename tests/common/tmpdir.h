/* Scratch folders of the C tests: made under $TMPDIR (or /tmp), removed with their files. */
#ifndef FW_TESTS_COMMON_TMPDIR_H
#define FW_TESTS_COMMON_TMPDIR_H

/* A fresh folder PREFIXXXXXXX, malloc'd; asserts it could be made. */
char *tcommon_tmpdir(const char *prefix);
/* Removes the files of dir (one level), dir itself, and frees the string. */
void tcommon_rmtree(char *dir);
#endif
