#include <stdarg.h>
#include <stdio.h>
#include "util/err.h"

const char *fw_strerror(int code)
{
	switch (code) {
	case FW_OK: return "success";
	case FW_ENOMEM: return "out of memory";
	case FW_ETRUNC: return "truncated";
	case FW_EMALFORMED: return "malformed";
	case FW_EUNSUPP: return "unsupported";
	case FW_EIO: return "input/output error";
	case FW_EINVAL: return "invalid argument";
	case FW_ENOTFOUND: return "not found";
	case FW_ECRYPTO: return "crypto library error";
	case FW_EVERIFY: return "verification failed";
	case FW_ERANGE: return "out of range";
	}
	return "unknown error";
}

void fw_err_say(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}
