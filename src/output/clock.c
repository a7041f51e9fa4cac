/*
 * clock.c - capture times as text (clock.h).  Times are printed to the
 * microsecond, as the rest of the output does.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "output/clock.h"

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

/*
 * sign, sec, '.', us in six digits, into buf: what "%s%" PRIu64 ".%06" PRIu64
 * writes, by hand, since a report writes one a row (snprintf's parsing
 * of the format was most of a row's cost).  At most 1 + 20 + 1 + 6 bytes
 * and the NUL: within FW_CLOCK_LEN.
 */
static char *sec_us(char buf[FW_CLOCK_LEN], const char *sign, uint64_t sec, uint64_t us)
{
	char digits[20];
	size_t n = 0, at = 0;

	while (*sign)
		buf[at++] = *sign++;
	do {
		digits[n++] = (char)('0' + sec % 10);
		sec /= 10;
	} while (sec);
	while (n)
		buf[at++] = digits[--n];
	buf[at++] = '.';
	for (int i = 5; i >= 0; i--) {
		buf[at + (size_t)i] = (char)('0' + us % 10);
		us /= 10;
	}
	buf[at + 6] = '\0';
	return buf;
}

_Static_assert(FW_CLOCK_LEN >= 1 + 20 + 1 + 6 + 1, "sec_us fits FW_CLOCK_LEN");

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
		return sec_us(buf, sign, sec, us);
	case FW_T_DELTA:
	case FW_T_REL:
	default:
		if (__builtin_sub_overflow(ns, f == FW_T_DELTA ? prev : ref, &d))
			d = 0;
		split(d, &sign, &sec, &us);
		return sec_us(buf, d < 0 ? "-" : "+", sec, us);
	}
}

char *fw_clock_rfc3339(char buf[FW_CLOCK_LEN], int64_t ns)
{
	return civil(buf, ns, true, true, 'T', true);
}
