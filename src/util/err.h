/*
 * err.h - the one error convention of fourway.
 *
 * Every function that can fail returns 0 on success or one of the negative
 * FW_E* codes below; predicates return bool.  A code says what kind of
 * failure happened; the message a person reads is built once, by the caller
 * that knows the context (file, frame, field), with fw_strerror() as its
 * last part.
 */
#ifndef FW_UTIL_ERR_H
#define FW_UTIL_ERR_H

#include <stddef.h>

enum fw_err {
	FW_OK = 0,
	FW_ENOMEM = -1,      /* allocation failed or a hard cap was reached */
	FW_ETRUNC = -2,      /* input ends before a field it announces */
	FW_EMALFORMED = -3,  /* a field holds a value the format forbids */
	FW_EUNSUPP = -4,     /* well-formed, but a variant we do not handle */
	FW_EIO = -5,         /* reading or writing a file failed */
	FW_EINVAL = -6,      /* a caller or user gave an invalid argument */
	FW_ENOTFOUND = -7,   /* a looked-up item does not exist */
	FW_ECRYPTO = -8,     /* the crypto library failed */
	FW_EVERIFY = -9,     /* a check (MIC, key unwrap IV, FCS) failed */
	FW_ERANGE = -10,     /* a value is outside the allowed range */
};

/* A short lower-case description of code (never NULL). */
const char *fw_strerror(int code);

/*
 * The message for a caller's err buffer: printf into err (errlen bytes),
 * nothing when err is NULL or errlen 0.  The one way every stage fills the
 * err/errlen pair its functions take.
 */
void fw_err_say(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
