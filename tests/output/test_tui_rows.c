/*
 * test_tui_rows.c - the live table's rows kept across views
 * (output/tui_rows.c) give, view after view, the order a full sort of the
 * view gives.
 *
 * Links built by hand go through 80 views: at each, some are analysed
 * again (a new copy with the view's refresh number, the old one freed
 * first, so that the copy may take its address), some leave, some come;
 * now and then the sort key or the filter changes, and once the links'
 * order of appearance is rotated (the kept order is no longer sorted: the
 * rows must notice).  After each view the rows shown, in order, must be
 * the links the filter keeps sorted by the key (the SSIDs, BSSIDs and
 * times written here, few enough values that ties are frequent), ties by
 * place in the view.  No curses: the rows are data.
 *
 * Beside them: a link's retransmission count against its definition on
 * random message lists, and the findings feed kept across views against
 * the feed a full build gives (below).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output/tui_internal.h"
#include "../common/run.h"

#define POOL 600

struct fake {
	struct fw_link *l;	/* NULL: gone */
	struct fw_msg msg;
	int ssid, bssid;	/* of small sets: ties */
	int64_t ts;
};

static struct fake pool[POOL];
static size_t n_pool;
static unsigned rnd = 12345;

static unsigned next(void)
{
	rnd = rnd * 1103515245u + 12345u;
	return (rnd >> 8) & 0xffff;
}

static void make_link(struct fake *f, uint64_t refresh)
{
	struct fw_link *l = calloc(1, sizeof(*l));

	ck_assert_ptr_nonnull(l);
	l->bssid[0] = 0x02;
	l->bssid[5] = (uint8_t)f->bssid;
	l->sta[0] = 0x02;
	l->sta[1] = 0x11;
	l->sta[4] = (uint8_t)((f - pool) >> 8);
	l->sta[5] = (uint8_t)(f - pool);
	l->has_ssid = true;
	l->ssid_len = (size_t)snprintf((char *)l->ssid, sizeof(l->ssid), "ssid-%c", 'a' + f->ssid);
	f->msg.ts_ns = f->ts;
	f->msg.type = FW_MSG_M1;
	l->msgs = &f->msg;
	l->n_msgs = 1;
	l->refresh = refresh;
	f->l = l;
}

static void new_fake(uint64_t refresh)
{
	struct fake *f = &pool[n_pool++];

	f->ssid = (int)(next() % 3);
	f->bssid = (int)(next() % 4);
	f->ts = (int64_t)(next() % 50) * 1000000000;
	make_link(f, refresh);
}

/* The reference: the view's links the filter keeps, in the order of key s, ties by place. */
static const struct fake *ref_view[POOL];
static enum tui_sort ref_sort;

static int ref_cmp(const void *a, const void *b)
{
	const struct fake *x = *(const struct fake *const *)a, *y = *(const struct fake *const *)b;
	int c = 0;

	switch (ref_sort) {
	case SORT_AGE:
		c = x->ts > y->ts ? -1 : x->ts < y->ts;
		break;
	case SORT_BSSID:
		c = (x->bssid > y->bssid) - (x->bssid < y->bssid);
		break;
	case SORT_STA:
		c = (x - pool > y - pool) - (x - pool < y - pool);
		break;
	case SORT_SSID:
		c = (x->ssid > y->ssid) - (x->ssid < y->ssid);
		break;
	default:
		break;
	}
	if (c == 0) {
		size_t i = 0, j = 0;

		while (ref_view[i] != x)
			i++;
		while (ref_view[j] != y)
			j++;
		c = (i > j) - (i < j);
	}
	return c;
}

static bool keeps(const struct fake *f, const char *filter)
{
	char b[16];

	snprintf(b, sizeof(b), "ssid-%c", 'a' + f->ssid);
	return !filter[0] || strstr(b, filter);
}

START_TEST(rows_match_a_full_sort)
{
	static const char *const filters[] = { "", "ssid-b", "ssid-", "ssid-c", "" };
	struct fw_tui *t = calloc(1, sizeof(*t));
	const struct fw_link *links[POOL];
	const struct fake *order[POOL], *want[POOL];
	size_t changed_total = 0, kept_total = 0;

	ck_assert_ptr_nonnull(t);
	for (int i = 0; i < 150; i++)
		new_fake(1);
	for (uint64_t round = 1; round <= 80; round++) {
		struct fw_view v;
		size_t n = 0, nw = 0, built0 = t->work.built;

		if (round > 1) {
			for (size_t i = 0; i < n_pool; i++) {
				struct fake *f = &pool[i];
				unsigned r = next() % 100;

				if (!f->l)
					continue;
				if (r < 10) {
					/* analysed again: the old copy freed before the new is made */
					free(f->l);
					f->ts += (int64_t)(next() % 20) * 1000000000;
					if (next() % 2)
						f->ssid = (int)(next() % 3);
					make_link(f, round);
					changed_total++;
				} else if (r < 13) {
					free(f->l);
					f->l = NULL;
				}
			}
			for (unsigned k = next() % 6; k > 0 && n_pool < POOL; k--) {
				new_fake(round);
				changed_total++;
			}
		}
		for (size_t i = 0; i < n_pool; i++)
			if (pool[i].l)
				order[n++] = &pool[i];
		if (round == 40) {
			/* the order of appearance moved: the first third last */
			const struct fake *tmp[POOL];
			size_t third = n / 3;

			memcpy(tmp, order, n * sizeof(*order));
			memcpy(order, tmp + third, (n - third) * sizeof(*order));
			memcpy(order + n - third, tmp, third * sizeof(*order));
		}
		for (size_t i = 0; i < n; i++)
			links[i] = order[i]->l;
		memset(&v, 0, sizeof(v));
		v.links = links;
		v.n_links = n;
		v.serial = round;
		ck_assert_int_eq(tui_rows_sync(t, &v), 1);
		ck_assert_int_eq(tui_rows_sync(t, &v), 0);	/* the same view: nothing */
		if (round % 7 == 0) {
			t->sort = (enum tui_sort)((t->sort + 1) % SORT_COUNT);
			if (t->sort == SORT_STATE || t->sort == SORT_FINDINGS)
				t->sort = SORT_SEEN;	/* every link here has the same state, no finding */
			tui_rows_resort(t);
		}
		if (round % 11 == 0) {
			snprintf(t->filter, sizeof(t->filter), "%s", filters[round / 11 % 5]);
			tui_rows_refilter(t);
		}
		if (round != 40 && round % 7 && round % 11)
			kept_total += n - (t->work.built - built0);
		/* the reference */
		memcpy(ref_view, order, n * sizeof(*order));
		ref_sort = t->sort;
		for (size_t i = 0; i < n; i++)
			if (keeps(order[i], t->filter))
				want[nw++] = order[i];
		qsort(want, nw, sizeof(*want), ref_cmp);
		ck_assert_msg(t->n_rows == nw, "view %d: %zu rows shown, %zu kept by the filter",
			      (int)round, t->n_rows, nw);
		for (size_t k = 0; k < nw; k++) {
			ck_assert_msg(tui_row_at(t, k)->l == want[k]->l,
				      "view %d, sort %s, filter '%s': row %zu is not the link a full sort puts there",
				      (int)round, tui_sort_name(t->sort), t->filter, k);
			ck_assert_uint_eq(tui_rows_find(t, want[k]->l->bssid, want[k]->l->sta), k);
		}
	}
	/* the point of it: most rows stood from one view to the next */
	ck_assert_msg(kept_total > 5 * changed_total, "%zu rows kept, %zu changed", kept_total,
		      changed_total);
	for (size_t i = 0; i < n_pool; i++)
		free(pool[i].l);
	tui_rows_free(t);
	free(t);
}
END_TEST

/* The count as the table always defined it: each message against every earlier one. */
static unsigned ref_retries(const struct fw_link *l)
{
	unsigned n = 0;

	for (size_t i = 0; i < l->n_msgs; i++) {
		bool again = l->msgs[i].retry;

		for (size_t j = 0; j < i && !again; j++)
			again = l->msgs[j].handshake == l->msgs[i].handshake &&
				l->msgs[j].type == l->msgs[i].type;
		n += again;
	}
	return n;
}

/*
 * Random message lists (few handshakes and types: repeats are frequent;
 * lengths on both sides of the set kept on the stack) give the count of
 * the straightforward definition.
 */
START_TEST(retries_match_the_definition)
{
	static struct fw_msg msgs[3000];
	struct fw_link l;
	unsigned total = 0;

	memset(&l, 0, sizeof(l));
	l.msgs = msgs;
	for (int round = 0; round < 300; round++) {
		size_t n = round < 250 ? next() % 90 : 200 + next() % 2800;
		unsigned nhs = 1 + next() % 12;

		memset(msgs, 0, sizeof(msgs));
		for (size_t i = 0; i < n; i++) {
			msgs[i].handshake = round % 5 == 0 ? next() * 65537u : next() % nhs;
			msgs[i].type = (enum fw_msg_type)(next() % 8);
			msgs[i].retry = next() % 9 == 0;
		}
		l.n_msgs = n;
		ck_assert_uint_eq(tui_link_retries(&l), ref_retries(&l));
		total += ref_retries(&l);
	}
	ck_assert_uint_gt(total, 0);
}
END_TEST

/*
 * The findings feed kept across views (output/tui_find.c) against the
 * feed built from nothing: links with findings by hand go through 120
 * views; at each some links are analysed again (their findings made
 * anew: the same ids and times, or new ones, or fewer), some leave, some
 * come, a few findings are on no link, and now and then the view lists
 * its findings in another order (the kept order no longer holds) or the
 * filter changes.  After each view the feed must be the findings the
 * filter keeps, newest first, ties by place in the view later first.
 */
#define FL 160
#define FPL 4

struct flink {
	struct fw_link *l;	/* NULL: gone */
	struct fw_msg msg;
	int ssid;
	size_t nf;
	struct fw_finding *f[FPL];
};

static struct flink fl[FL];
static unsigned next_id = 1;

static struct fw_finding *make_finding(const struct fw_link *l, unsigned id, int64_t ts)
{
	struct fw_finding *f = calloc(1, sizeof(*f));

	ck_assert_ptr_nonnull(f);
	if (l) {
		memcpy(f->bssid, l->bssid, 6);
		memcpy(f->sta, l->sta, 6);
	} else {
		f->bssid[0] = 0x0a;	/* no link has it */
	}
	f->id = id;
	f->ts_ns = ts;
	return f;
}

/* Link k analysed at refresh: a new copy, its findings made again (same ids or not). */
static void flink_analyse(size_t k, uint64_t refresh, bool fresh)
{
	struct flink *x = &fl[k];
	struct fw_link *l;
	unsigned how = next() % 4;
	size_t nf = fresh ? next() % (FPL + 1) : x->nf;

	free(x->l);
	l = calloc(1, sizeof(*l));
	ck_assert_ptr_nonnull(l);
	l->bssid[0] = 0x02;
	l->bssid[5] = (uint8_t)(k % 5);
	l->sta[0] = 0x02;
	l->sta[5] = (uint8_t)k;
	l->has_ssid = true;
	if (fresh || next() % 3 == 0)
		x->ssid = (int)(next() % 3);
	l->ssid_len = (size_t)snprintf((char *)l->ssid, sizeof(l->ssid), "ssid-%c", 'a' + x->ssid);
	x->msg.type = FW_MSG_M1;
	l->msgs = &x->msg;
	l->n_msgs = 1;
	l->refresh = refresh;
	x->l = l;
	if (!fresh && how == 3 && nf)
		nf--;	/* one finding less */
	for (size_t i = 0; i < FPL; i++) {
		struct fw_finding *old = x->f[i];

		x->f[i] = NULL;
		if (i < nf) {
			/* ties are frequent: a few times only */
			unsigned id = !fresh && old && how != 1 ? old->id : next_id++;
			int64_t ts = !fresh && old && how != 2 ? old->ts_ns :
				     (int64_t)(next() % 40) * 1000000000;

			x->f[i] = make_finding(l, id, ts);
		}
		free(old);
	}
	x->nf = nf;
}

static const struct fw_finding *const *ref_fx;

static int ref_feed_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int64_t x = ref_fx[i]->ts_ns, y = ref_fx[j]->ts_ns;

	if (x != y)
		return x > y ? -1 : 1;
	return i > j ? -1 : i < j;
}

START_TEST(feed_matches_a_full_build)
{
	static const char *const filters[] = { "", "ssid-a", "", "ssid-c" };
	struct fw_tui *t = calloc(1, sizeof(*t));
	struct fw_finding *loose[3];
	const struct fw_link *links[FL];
	const struct fw_finding *fx[FL * FPL + 3];
	size_t want[FL * FPL + 3], fed_sync = 0, listed = 0;

	ck_assert_ptr_nonnull(t);
	rnd = 777;
	for (size_t k = 0; k < FL; k++)
		if (k < FL * 3 / 4)
			flink_analyse(k, 1, true);
	for (int i = 0; i < 3; i++)
		loose[i] = make_finding(NULL, next_id++, (int64_t)(next() % 40) * 1000000000);
	for (uint64_t round = 1; round <= 120; round++) {
		struct fw_view v;
		size_t n = 0, nfx = 0, nw = 0, fed0 = t->work.fed;
		bool moved = round % 17 == 0, refilter = round % 13 == 0;

		if (round > 1)
			for (size_t k = 0; k < FL; k++) {
				unsigned r = next() % 100;

				if (!fl[k].l && r < 3) {
					flink_analyse(k, round, true);	/* comes */
				} else if (fl[k].l && r < 8) {
					flink_analyse(k, round, false);	/* analysed again */
				} else if (fl[k].l && r < 10) {
					for (size_t i = 0; i < FPL; i++) {	/* leaves */
						free(fl[k].f[i]);
						fl[k].f[i] = NULL;
					}
					free(fl[k].l);
					fl[k].l = NULL;
					fl[k].nf = 0;
				}
			}
		for (size_t k = 0; k < FL; k++)
			if (fl[k].l) {
				links[n++] = fl[k].l;
				for (size_t i = 0; i < fl[k].nf; i++)
					fx[nfx++] = fl[k].f[i];
			}
		for (int i = 0; i < 3; i++)
			fx[nfx++] = loose[i];
		if (moved)	/* the findings listed in another order: the last half first */
			for (size_t i = 0; i < nfx / 2; i++) {
				const struct fw_finding *x = fx[i];

				fx[i] = fx[nfx - 1 - i];
				fx[nfx - 1 - i] = x;
			}
		memset(&v, 0, sizeof(v));
		v.links = links;
		v.n_links = n;
		v.findings = fx;
		v.n_findings = nfx;
		v.serial = round;
		tui_rows_sync(t, &v);
		ck_assert_int_eq(tui_feed_sync(t, &v), 0);
		if (round > 1 && !moved)
			fed_sync += t->work.fed - fed0;
		if (refilter) {
			snprintf(t->filter, sizeof(t->filter), "%s", filters[round / 13 % 4]);
			tui_rows_refilter(t);
			ck_assert_int_eq(tui_feed_build(t, &v), 0);
		}
		/* the reference: the findings on a link the filter keeps (all without one) */
		for (size_t i = 0; i < nfx; i++) {
			bool keep = !t->filter[0];

			for (size_t k = 0; k < FL && !keep; k++)
				keep = fl[k].l && fw_mac_eq(fl[k].l->bssid, fx[i]->bssid) &&
				       fw_mac_eq(fl[k].l->sta, fx[i]->sta) &&
				       strstr((const char *)fl[k].l->ssid, t->filter);
			if (keep)
				want[nw++] = i;
		}
		ref_fx = fx;
		qsort(want, nw, sizeof(*want), ref_feed_cmp);
		ck_assert_msg(t->n_feed == nw, "view %d: %zu entries, %zu findings listed",
			      (int)round, t->n_feed, nw);
		for (size_t k = 0; k < nw; k++)
			ck_assert_msg(t->feed[k] == want[k],
				      "view %d, filter '%s': entry %zu is not the finding a full build puts there",
				      (int)round, t->filter, k);
		if (round > 1 && !moved)
			listed += nw;
	}
	/* the point of it: most entries stood from one view to the next */
	ck_assert_msg(5 * fed_sync < listed, "%zu entries sorted in, %zu listed", fed_sync, listed);
	for (size_t k = 0; k < FL; k++) {
		for (size_t i = 0; i < FPL; i++)
			free(fl[k].f[i]);
		free(fl[k].l);
	}
	for (int i = 0; i < 3; i++)
		free(loose[i]);
	tui_rows_free(t);
	tui_find_free(t);
	free(t);
}
END_TEST

static Suite *tui_rows_suite(void)
{
	Suite *s = suite_create("tui_rows");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, rows_match_a_full_sort);
	tcase_add_test(tc, retries_match_the_definition);
	tcase_add_test(tc, feed_matches_a_full_build);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tcommon_run(tui_rows_suite(), NULL);
}
