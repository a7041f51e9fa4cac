/*
 * The output rule (capture/outfile.h): what each kind of output path
 * leads to, checked on the file system itself: contents, modes, links and
 * the entries of the directory (no temporary file left behind).
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capture/outfile.h"
#include "capture/pcapng.h"
#include "capture/writer.h"
#include "suites.h"
#include "util/err.h"

static size_t entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void assert_text(const char *path, const char *want)
{
	size_t n;
	uint8_t *b = tc_slurp(path, &n);

	ck_assert_uint_eq(n, strlen(want));
	ck_assert_mem_eq(b, want, n);
	free(b);
}

static int put(const char *path, const struct fw_out_rule *rule, const char *text, char *err,
	       size_t errlen)
{
	struct fw_outfile *o;
	int rc = fw_outfile_open(&o, path, rule, err, errlen);

	if (rc)
		return rc;
	fputs(text, fw_outfile_stream(o));
	return fw_outfile_commit(o, err, errlen);
}

START_TEST(new_file_appears_at_commit)
{
	char *dir = tc_tmpdir(), path[8192], err[512] = "";
	struct fw_outfile *o;
	struct stat st;
	mode_t old = umask(027);

	snprintf(path, sizeof(path), "%s/new.txt", dir);
	ck_assert_int_eq(fw_outfile_open(&o, path, NULL, err, sizeof(err)), 0);
	fputs("hello\n", fw_outfile_stream(o));
	ck_assert_int_eq(access(path, F_OK), -1);	/* readers never see half a file */
	ck_assert_uint_eq(entries(dir), 1);		/* the temporary file, beside it */
	ck_assert_int_eq(fw_outfile_commit(o, err, sizeof(err)), 0);
	umask(old);
	assert_text(path, "hello\n");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0640);	/* 0666 less the umask */
	ck_assert_uint_eq(entries(dir), 1);
	tc_rmtree(dir);
}
END_TEST

START_TEST(replace_keeps_old_until_commit)
{
	char *dir = tc_tmpdir(), err[512] = "";
	char *path = tc_write(dir, "x.txt", "old\n", 4);
	struct fw_outfile *o;
	struct stat st;

	ck_assert_int_eq(chmod(path, 0604), 0);
	ck_assert_int_eq(fw_outfile_open(&o, path, NULL, err, sizeof(err)), 0);
	fputs("new\n", fw_outfile_stream(o));
	fw_outfile_abort(o);
	assert_text(path, "old\n");
	ck_assert_uint_eq(entries(dir), 1);		/* abort removed only its own file */
	ck_assert_int_eq(put(path, NULL, "new\n", err, sizeof(err)), 0);
	assert_text(path, "new\n");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0604);	/* a replaced file keeps its mode */
	ck_assert_uint_eq(entries(dir), 1);
	free(path);
	tc_rmtree(dir);
}
END_TEST

START_TEST(inputs_refused)
{
	char *dir = tc_tmpdir(), err[512] = "", link_path[8192], sym[8192], want[8400];
	char *in = tc_write(dir, "in.pcap", "capture", 7);
	const char *inputs[] = { "-", "/nonexistent/file", in };
	const struct fw_out_rule rule = { inputs, 3, 0 };
	struct fw_outfile *o = NULL;

	ck_assert_int_eq(fw_outfile_open(&o, in, &rule, err, sizeof(err)), FW_EINVAL);
	ck_assert_ptr_null(o);
	snprintf(want, sizeof(want), "%s: is one of the inputs: refusing to write over it", in);
	ck_assert_str_eq(err, want);
	/* a hard link is the same file */
	snprintf(link_path, sizeof(link_path), "%s/hard.pcap", dir);
	ck_assert_int_eq(link(in, link_path), 0);
	ck_assert_int_eq(put(link_path, &rule, "x", err, sizeof(err)), FW_EINVAL);
	/* and a symbolic link to it, even when links are followed */
	snprintf(sym, sizeof(sym), "%s/sym.pcap", dir);
	ck_assert_int_eq(symlink(in, sym), 0);
	ck_assert_int_eq(put(sym, &rule, "x", err, sizeof(err)), FW_EINVAL);
	{
		const struct fw_out_rule follow = { inputs, 3, FW_OUT_FOLLOW };

		ck_assert_int_eq(put(sym, &follow, "x", err, sizeof(err)), FW_EINVAL);
	}
	assert_text(in, "capture");
	ck_assert_uint_eq(entries(dir), 3);
	ck_assert(fw_outfile_same(in, link_path));
	ck_assert(fw_outfile_same(in, sym));
	ck_assert(!fw_outfile_same(in, "/nonexistent/file"));
	ck_assert(fw_outfile_regular(in));
	ck_assert(!fw_outfile_regular(sym));
	ck_assert(!fw_outfile_regular("/dev/null"));
	free(in);
	tc_rmtree(dir);
}
END_TEST

/* An input that appears under the output's name while it is written: the rename is refused. */
START_TEST(input_checked_again_at_commit)
{
	char *dir = tc_tmpdir(), err[512] = "", path[8192];
	char *in = tc_write(dir, "in.pcap", "capture", 7);
	const char *inputs[] = { in };
	const struct fw_out_rule rule = { inputs, 1, 0 };
	struct fw_outfile *o;

	snprintf(path, sizeof(path), "%s/out.pcap", dir);
	ck_assert_int_eq(fw_outfile_open(&o, path, &rule, err, sizeof(err)), 0);
	fputs("x", fw_outfile_stream(o));
	ck_assert_int_eq(link(in, path), 0);
	ck_assert_int_eq(fw_outfile_commit(o, err, sizeof(err)), FW_EINVAL);
	assert_text(in, "capture");
	ck_assert_uint_eq(entries(dir), 2);
	free(in);
	tc_rmtree(dir);
}
END_TEST

START_TEST(symlink_not_followed)
{
	char *dir = tc_tmpdir(), err[512] = "", sym[8192], dangling[8192], want[8400];
	char *target = tc_write(dir, "target", "precious", 8);
	const struct fw_out_rule follow = { NULL, 0, FW_OUT_FOLLOW };
	struct stat st;

	snprintf(sym, sizeof(sym), "%s/out.pcap", dir);
	ck_assert_int_eq(symlink(target, sym), 0);
	ck_assert_int_eq(put(sym, NULL, "attacker's", err, sizeof(err)), FW_EINVAL);
	snprintf(want, sizeof(want), "%s: is a symbolic link: not followed", sym);
	ck_assert_str_eq(err, want);
	assert_text(target, "precious");
	ck_assert_int_eq(lstat(sym, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	/* a dangling link: its target is not created */
	snprintf(dangling, sizeof(dangling), "%s/dangling", dir);
	ck_assert_int_eq(symlink("/nonexistent-fourway-target", dangling), 0);
	ck_assert_int_eq(put(dangling, NULL, "x", err, sizeof(err)), FW_EINVAL);
	/* asked to follow: the target is replaced, the link stays a link */
	ck_assert_int_eq(put(sym, &follow, "asked", err, sizeof(err)), 0);
	assert_text(target, "asked");
	ck_assert_int_eq(lstat(sym, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_uint_eq(entries(dir), 3);
	free(target);
	tc_rmtree(dir);
}
END_TEST

START_TEST(exclusive_names)
{
	char *dir = tc_tmpdir(), err[512] = "", path[8192];
	char *old = tc_write(dir, "taken.pcap", "mine", 4);
	const struct fw_out_rule excl = { NULL, 0, FW_OUT_EXCL };
	struct fw_outfile *o;

	ck_assert_int_eq(put(old, &excl, "x", err, sizeof(err)), FW_EINVAL);
	assert_text(old, "mine");
	/* a name taken while the file is written is not replaced either */
	snprintf(path, sizeof(path), "%s/late.pcap", dir);
	ck_assert_int_eq(fw_outfile_open(&o, path, &excl, err, sizeof(err)), 0);
	fputs("ours", fw_outfile_stream(o));
	ck_assert_int_eq(symlink(old, path), 0);
	ck_assert_int_eq(fw_outfile_commit(o, err, sizeof(err)), FW_EINVAL);
	assert_text(old, "mine");
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(put(path, &excl, "ours", err, sizeof(err)), 0);
	assert_text(path, "ours");
	ck_assert_uint_eq(entries(dir), 2);
	free(old);
	tc_rmtree(dir);
}
END_TEST

/* A FIFO is written in place and never removed, not even by an abort. */
START_TEST(fifo_written_in_place)
{
	char *dir = tc_tmpdir(), err[512] = "", path[8192], buf[16];
	struct fw_outfile *o;
	struct stat st;
	int rd;

	snprintf(path, sizeof(path), "%s/pipe", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	rd = open(path, O_RDONLY | O_NONBLOCK);
	ck_assert_int_ge(rd, 0);
	ck_assert_int_eq(fw_outfile_open(&o, path, NULL, err, sizeof(err)), 0);
	fputs("through", fw_outfile_stream(o));
	fflush(fw_outfile_stream(o));
	ck_assert_int_eq(read(rd, buf, sizeof(buf)), 7);
	ck_assert_mem_eq(buf, "through", 7);
	fw_outfile_abort(o);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	close(rd);
	ck_assert_int_eq(put("/dev/null", NULL, "x", err, sizeof(err)), 0);
	ck_assert_int_eq(stat("/dev/null", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
	ck_assert_uint_eq(entries(dir), 1);
	tc_rmtree(dir);
}
END_TEST

START_TEST(captures_and_directories)
{
	char *dir = tc_tmpdir(), err[512] = "", want[8400];
	char *cap = tc_write(dir, "a.pcap", "\xd4\xc3\xb2\xa1\x02\x00", 6);
	char *gz = tc_write(dir, "b.pcap.gz", "\x1f\x8b\x08", 3);
	char *txt = tc_write(dir, "report.xml", "<old/>", 6);
	const struct fw_out_rule nc = { NULL, 0, FW_OUT_NOT_CAPTURE };

	ck_assert_int_eq(put(cap, &nc, "<xml/>", err, sizeof(err)), FW_EINVAL);
	snprintf(want, sizeof(want), "%s: is a capture file: refusing to write over it", cap);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(put(gz, &nc, "<xml/>", err, sizeof(err)), FW_EINVAL);
	ck_assert_int_eq(put(txt, &nc, "<new/>", err, sizeof(err)), 0);
	assert_text(txt, "<new/>");
	ck_assert_int_eq(put(dir, NULL, "x", err, sizeof(err)), FW_EINVAL);
	snprintf(want, sizeof(want), "%s: is a directory", dir);
	ck_assert_str_eq(err, want);
	ck_assert_uint_eq(entries(dir), 3);
	free(cap);
	free(gz);
	free(txt);
	tc_rmtree(dir);
}
END_TEST

/*
 * A file the user may not write, in a folder it may: the rename could
 * replace it, the rule refuses as open() would.  As root, the check runs
 * in a child switched to uid 65534 (root may write anything).
 */
START_TEST(read_only_file_refused)
{
	char *dir = tc_tmpdir(), err[512] = "";
	char *ro = tc_write(dir, "ro.pcap", "read only", 9);
	pid_t pid;
	int st = 0;

	ck_assert_int_eq(chmod(ro, 0444), 0);
	ck_assert_int_eq(chmod(dir, 0777), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		_exit(put(ro, NULL, "x", err, sizeof(err)) == FW_EIO ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
	assert_text(ro, "read only");
	ck_assert_uint_eq(entries(dir), 1);
	free(ro);
	tc_rmtree(dir);
}
END_TEST

/* The writers: after a failure or an abort the old file is as it was. */
START_TEST(writers_abort_keep_old)
{
	static const uint8_t pkt[] = { 0x80, 0x00, 0x00, 0x00 };
	const struct fw_pcapng_section sec = { "c", NULL, NULL, "fourway test" };
	char *dir = tc_tmpdir(), err[512] = "";
	char *old = tc_write(dir, "old.pcap", "keep me", 7);
	const char *inputs[] = { old };
	const struct fw_out_rule rule = { inputs, 1, 0 };
	struct fw_pcap_writer *w;
	struct fw_pcapng_writer *nw;

	ck_assert_int_eq(fw_pcap_writer_create(&w, old, &rule, 105, 65535, true, err, sizeof(err)),
			 FW_EINVAL);
	ck_assert_int_eq(fw_pcapng_writer_create(&nw, old, &rule, &sec, 0, err, sizeof(err)),
			 FW_EINVAL);
	ck_assert_int_eq(fw_pcap_writer_create(&w, old, NULL, 105, 65535, true, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_pcap_writer_write(w, 1, pkt, sizeof(pkt), sizeof(pkt)), 0);
	fw_pcap_writer_abort(w);
	assert_text(old, "keep me");
	ck_assert_int_eq(fw_pcapng_writer_create(&nw, old, NULL, &sec, 0, err, sizeof(err)), 0);
	fw_pcapng_writer_abort(nw);
	assert_text(old, "keep me");
	ck_assert_uint_eq(entries(dir), 1);
	ck_assert_int_eq(fw_pcap_writer_create(&w, old, NULL, 105, 65535, true, err, sizeof(err)), 0);
	ck_assert_int_eq(fw_pcap_writer_write(w, 1, pkt, sizeof(pkt), sizeof(pkt)), 0);
	ck_assert_int_eq(fw_pcap_writer_close(w), 0);
	{
		size_t n;
		uint8_t *b = tc_slurp(old, &n);

		ck_assert_uint_eq(n, 24 + 16 + sizeof(pkt));
		free(b);
	}
	ck_assert_uint_eq(entries(dir), 1);
	free(old);
	tc_rmtree(dir);
}
END_TEST

Suite *outfile_suite(void)
{
	Suite *s = suite_create("outfile");
	TCase *tc = tcase_create("outfile");

	tcase_add_test(tc, new_file_appears_at_commit);
	tcase_add_test(tc, replace_keeps_old_until_commit);
	tcase_add_test(tc, inputs_refused);
	tcase_add_test(tc, input_checked_again_at_commit);
	tcase_add_test(tc, symlink_not_followed);
	tcase_add_test(tc, exclusive_names);
	tcase_add_test(tc, fifo_written_in_place);
	tcase_add_test(tc, captures_and_directories);
	tcase_add_test(tc, writers_abort_keep_old);
	tcase_add_test(tc, read_only_file_refused);
	suite_add_tcase(s, tc);
	return s;
}
