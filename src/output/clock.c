/*
 * clock.c - capture times as text (clock.h).  Times are printed to the
 * microsecond, as the rest of the output does.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "output/clock.h"
#include "output/fmt.h"

bool fw_tfmt_parse(const char *s, enum fw_tfmt *out)
{
	static const struct { const char *name; enum fw_tfmt f; } names[] = {
		{ "r", FW_T_REL }, { "a", FW_T_ABS }, { "ad", FW_T_ABS_DATE }, { "u", FW_T_UTC },
		{ "ud", FW_T_UTC_DATE }, { "e", FW_T_EPOCH }, { "d", FW_T_DELTA },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].f;
			return true;
		}
	return false;
}

_Static_assert(FW_CLOCK_LEN >= FW_OUT_SEC_US_LEN, "fw_clock_fmt writes fw_out_sec_us");

/* Seconds and microseconds of a signed ns count, the sign apart. */
static void split(int64_t ns, const char **sign, uint64_t *sec, uint64_t *us)
{
	uint64_t a = ns < 0 ? (uint64_t)0 - (uint64_t)ns : (uint64_t)ns;

	*sign = ns < 0 ? "-" : "";
	*sec = a / 1000000000u;
	*us = a % 1000000000u / 1000u;
}

static char *civil(char buf[FW_CLOCK_LEN], int64_t ns, bool utc, bool date, char sep, bool zulu)
{
	int64_t sec = ns / 1000000000, frac = ns % 1000000000;
	struct tm tm;
	time_t t;
	size_t n;

	if (frac < 0) {
		frac += 1000000000;
		sec--;
	}
	t = (time_t)sec;
	if (!(utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm))) {
		snprintf(buf, FW_CLOCK_LEN, "%" PRId64, sec);
		return buf;
	}
	n = date ? strftime(buf, FW_CLOCK_LEN, sep == 'T' ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S", &tm)
		 : strftime(buf, FW_CLOCK_LEN, "%H:%M:%S", &tm);
	snprintf(buf + n, FW_CLOCK_LEN - n, ".%06" PRId64 "%s", frac / 1000, zulu ? "Z" : "");
	return buf;
}

char *fw_clock_fmt(char buf[FW_CLOCK_LEN], enum fw_tfmt f, int64_t ns, int64_t ref, int64_t prev)
{
	const char *sign;
	uint64_t sec, us;
	int64_t d;

	switch (f) {
	case FW_T_ABS:
		return civil(buf, ns, false, false, ' ', false);
	case FW_T_ABS_DATE:
		return civil(buf, ns, false, true, ' ', false);
	case FW_T_UTC:
		return civil(buf, ns, true, false, ' ', false);
	case FW_T_UTC_DATE:
		return civil(buf, ns, true, true, ' ', false);
	case FW_T_EPOCH:
		split(ns, &sign, &sec, &us);
		return fw_out_sec_us(buf, sign, sec, us);
	case FW_T_DELTA:
	case FW_T_REL:
	default:
		if (__builtin_sub_overflow(ns, f == FW_T_DELTA ? prev : ref, &d))
			d = 0;
		split(d, &sign, &sec, &us);
		return fw_out_sec_us(buf, d < 0 ? "-" : "+", sec, us);
	}
}

char *fw_clock_rfc3339(char buf[FW_CLOCK_LEN], int64_t ns)
{
	return civil(buf, ns, true, true, 'T', true);
}
