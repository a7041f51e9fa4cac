check_PROGRAMS += tests/handshake/test_handshake
TESTS += tests/handshake/test_handshake tests/handshake/orphans.sh
EXTRA_DIST += tests/handshake/orphans.sh
tests_handshake_test_handshake_SOURCES = tests/handshake/test_handshake.c \
	tests/handshake/test_core.c tests/handshake/builder.c tests/handshake/builder.h \
	tests/handshake/test_radius.c tests/handshake/test_causal.c tests/handshake/test_keys.c \
	tests/handshake/suites.h \
	$(NULL)
tests_handshake_test_handshake_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS)
tests_handshake_test_handshake_LDADD = tests/common/libtcommon.a libfwhandshake.a libfwkeys.a libfwcrypto.a \
	libfwdecode.a libfwutil.a $(CHECK_LIBS) $(CRYPTO_LIBS)

# Which protected frames are decrypted: the rule on a synthesized link, the
# give-up of a direction no key opens and the events that end it, and
# no EAPOL-Key message of captures/ lost to it.
check_PROGRAMS += tests/handshake/test_decrypt
TESTS += tests/handshake/test_decrypt
tests_handshake_test_decrypt_SOURCES = tests/handshake/test_decrypt.c
tests_handshake_test_decrypt_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS) $(PCAP_CFLAGS)
tests_handshake_test_decrypt_LDADD = tests/common/libtcommon.a libfwdrive.a libfwhandshake.a libfwkeys.a libfwsynth.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) \
	$(CRYPTO_LIBS)

# Findings form chains: ids (stable over refreshes), caused_by, sorted evidence with
# roles, on real captures and hand-built exchanges.
check_PROGRAMS += tests/handshake/test_chain
TESTS += tests/handshake/test_chain
tests_handshake_test_chain_SOURCES = tests/handshake/test_chain.c tests/handshake/builder.c \
	tests/handshake/builder.h \
	$(NULL)
tests_handshake_test_chain_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS) $(PCAP_CFLAGS)
tests_handshake_test_chain_LDADD = tests/common/libtcommon.a libfwhandshake.a libfwkeys.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) \
	$(CRYPTO_LIBS)

# One air, several sniffers: a capture seen again as a second file or
# interface gives what it gives alone (handshake/sightings.c, ack.c).
check_PROGRAMS += tests/handshake/test_sightings
TESTS += tests/handshake/test_sightings
tests_handshake_test_sightings_SOURCES = tests/handshake/test_sightings.c
tests_handshake_test_sightings_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PCAP_CFLAGS)
tests_handshake_test_sightings_LDADD = tests/common/libtcommon.a libfwhandshake.a libfwkeys.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) \
	$(CRYPTO_LIBS)

# The model of both sides' keys on synthesized links: who held which key
# when each protected frame went out, STALE_PTK, PMF, KEY_REINSTALL only
# for the same key.
check_PROGRAMS += tests/handshake/test_keymodel
TESTS += tests/handshake/test_keymodel
tests_handshake_test_keymodel_SOURCES = tests/handshake/test_keymodel.c
tests_handshake_test_keymodel_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS) $(PCAP_CFLAGS)
tests_handshake_test_keymodel_LDADD = tests/common/libtcommon.a libfwhandshake.a libfwkeys.a libfwsynth.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) \
	$(CRYPTO_LIBS)

# The per-message searches of a keyed link grow with the link, not with
# its square (walkidx.h): their work counted at N and 2N handshakes, and
# the same answers as the walks over the whole link.
check_PROGRAMS += tests/handshake/test_walks
TESTS += tests/handshake/test_walks
tests_handshake_test_walks_SOURCES = tests/handshake/test_walks.c tests/handshake/builder.c \
	tests/handshake/builder.h
tests_handshake_test_walks_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS)
tests_handshake_test_walks_LDADD = tests/common/libtcommon.a libfwhandshake.a libfwkeys.a libfwcrypto.a \
	libfwdecode.a libfwutil.a $(CHECK_LIBS) $(CRYPTO_LIBS)

# A beacon that says nothing new: the refreshed view and the end are those
# of a core fed the same frames afresh, over captures with beacons added
# whose kept elements stay or change; a link is analysed again only when
# they change; RSNE_MISMATCH cites the latest beacon with the RSNE.
check_PROGRAMS += tests/handshake/test_beacons
TESTS += tests/handshake/test_beacons
tests_handshake_test_beacons_SOURCES = tests/handshake/test_beacons.c
tests_handshake_test_beacons_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PCAP_CFLAGS)
tests_handshake_test_beacons_LDADD = tests/common/libtcommon.a libfwhandshake.a libfwkeys.a libfwcapture.a \
	libfwcrypto.a libfwdecode.a libfwutil.a $(CHECK_LIBS) $(PCAP_LIBS) $(ZLIB_LIBS) \
	$(CRYPTO_LIBS)

# What the feed keeps to spend less per frame and per handshake gives the
# same answers: the ACK window's airtime by a multiplier per rate, each MIC
# checked once per PTK, a link's ACK bits per source.
check_PROGRAMS += tests/handshake/test_feedpath
TESTS += tests/handshake/test_feedpath
tests_handshake_test_feedpath_SOURCES = tests/handshake/test_feedpath.c tests/handshake/builder.c \
	tests/handshake/builder.h
tests_handshake_test_feedpath_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(CRYPTO_CFLAGS)
tests_handshake_test_feedpath_LDADD = tests/common/libtcommon.a libfwhandshake.a libfwkeys.a libfwcrypto.a \
	libfwdecode.a libfwutil.a $(CHECK_LIBS) $(CRYPTO_LIBS)
