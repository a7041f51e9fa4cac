# The hwsim test bed: real hostapd and wpa_supplicant handshakes in a VM
# (make check-vm), and the tests over the captures it made, which need no
# VM and run in every make check (captures.sh; messy.sh: captures/messy/
# against its KNOWN-GAPS list).
#
# fw-medium runs inside the VM (the air, with loss and delay), fw-flood
# there too (a station keeping the channel busy); fw-tunrt
# makes a radiotap interface out of a TUN device on any Linux host.
check_PROGRAMS += tests/vm/fw-medium tests/vm/fw-flood tests/vm/fw-tunrt tests/vm/test_medium
tests_vm_fw_medium_SOURCES = tests/vm/medium.c tests/vm/medium_frame.c tests/vm/medium.h $(NULL)
tests_vm_fw_medium_LDADD = libfwutil.a
tests_vm_fw_flood_SOURCES = tests/vm/flood.c
tests_vm_test_medium_SOURCES = tests/vm/test_medium.c tests/vm/medium_frame.c tests/vm/medium.h
tests_vm_test_medium_LDADD = libfwutil.a
tests_vm_fw_tunrt_SOURCES = tests/vm/tunrt.c $(NULL)
tests_vm_fw_tunrt_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
tests_vm_fw_tunrt_LDADD = $(PCAP_LIBS)

TESTS += tests/vm/test_medium tests/vm/captures.sh tests/vm/tunrt.sh tests/vm/messy.sh
vm_scripts = tests/vm/check-vm.sh tests/vm/verify.sh tests/vm/kernel.sh \
	tests/vm/mkinitramfs.sh tests/vm/stage-fourway.sh tests/vm/boot.sh \
	tests/vm/guest-init.sh tests/vm/guest-run.sh tests/vm/lib.sh \
	tests/vm/harvest.sh tests/vm/certs.sh \
	$(NULL)
EXTRA_DIST += tests/vm/captures.sh tests/vm/tunrt.sh tests/vm/messy.sh $(vm_scripts) tests/vm/scenarios
CLEANFILES += tests/vm/check-vm.log

# The VM stage: exit 77 of check-vm.sh (no qemu, no kernel package) is a
# skip, said loudly, not a failure.  The log keeps "# PASS:"/"# FAIL:"
# lines like the test harness's, for bootstrap.sh's summary.
check-vm: fourway$(EXEEXT) tests/vm/fw-medium$(EXEEXT) tests/vm/fw-flood$(EXEEXT)
	@rc=0; \
	top_srcdir='$(top_srcdir)' top_builddir='$(top_builddir)' \
		$(SHELL) $(top_srcdir)/tests/vm/check-vm.sh >tests/vm/check-vm.log 2>&1 || rc=$$?; \
	cat tests/vm/check-vm.log; \
	if test $$rc -eq 77; then echo "SKIP: check-vm"; exit 0; fi; \
	exit $$rc
.PHONY: check-vm
