noinst_LIBRARIES += libfwhandshake.a
libfwhandshake_a_SOURCES = \
	src/handshake/core.c src/handshake/core.h \
	src/handshake/model.h src/handshake/internal.h \
	src/handshake/finding.c src/handshake/finding.h \
	src/handshake/findings.c src/handshake/detectors.c \
	src/handshake/net.c src/handshake/link.c \
	src/handshake/lru.c src/handshake/tks.c src/handshake/link_akm.c src/handshake/elem.c \
	src/handshake/msgmore.c \
	src/handshake/mgmt.c src/handshake/eapol.c \
	src/handshake/classify.c \
	src/handshake/keydata.c src/handshake/keydata.h \
	src/handshake/verify.c \
	src/handshake/keyexport.c \
	src/handshake/outcome.c \
	src/handshake/byhs.c \
	src/handshake/walkidx.c src/handshake/walkidx.h \
	src/handshake/feedidx.c src/handshake/feedidx.h \
	src/handshake/reason.c \
	src/handshake/detect_mic.c \
	src/handshake/detect_pmkid.c \
	src/handshake/detect_rsne.c \
	src/handshake/detect_replay.c \
	src/handshake/detect_anonce.c \
	src/handshake/detect_timeout.c \
	src/handshake/ack.c src/handshake/ack.h \
	src/handshake/sightings.c \
	src/handshake/decrypt.c \
	src/handshake/giveup.c \
	src/handshake/radius.c \
	src/handshake/detect_ack.c \
	src/handshake/detect_install.c \
	src/handshake/detect_m1.c \
	src/handshake/detect_group.c \
	src/handshake/detect_reinstall.c \
	src/handshake/detect_nonce.c \
	src/handshake/detect_order.c \
	src/handshake/detect_slow.c \
	src/handshake/detect_late.c \
	src/handshake/detect_lossy.c \
	src/handshake/detect_trailing.c \
	src/handshake/chain.c \
	src/handshake/keymodel.c \
	src/handshake/detect_stale.c \
	src/handshake/detect_pmf.c \
	src/handshake/agree.c \
	src/handshake/pmkid.c \
	src/handshake/detect_keywrong.c \
	src/handshake/detect_m2_rejected.c \
	src/handshake/detect_logs.c src/handshake/logfind.h \
	$(NULL)
libfwhandshake_a_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS)
