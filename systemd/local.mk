# The service: fourway-live@.service (with the path of the installed
# program), the system user it switches to (sysusers.d) and the folder its
# -w files go to (tmpfiles.d).  systemd-analyze verify checks the unit
# (tests/pkg/systemd.sh).
EXTRA_DIST += systemd/fourway-live@.service.in systemd/fourway.sysusers systemd/fourway.tmpfiles
CLEANFILES += systemd/fourway-live@.service

# bindir is only known at make time: substituted here, not by configure
systemd/fourway-live@.service: $(srcdir)/systemd/fourway-live@.service.in Makefile
	$(MKDIR_P) systemd
	sed -e 's|@bindir[@]|$(bindir)|g' '$(srcdir)/systemd/fourway-live@.service.in' >$@.tmp
	mv $@.tmp $@

if HAVE_SYSTEMD_UNIT
systemdsystemunit_DATA = systemd/fourway-live@.service
install-data-hook: install-sysusers
uninstall-hook: uninstall-sysusers
endif

install-sysusers:
	$(MKDIR_P) '$(DESTDIR)$(sysusersdir)' '$(DESTDIR)$(tmpfilesdir)'
	$(INSTALL_DATA) '$(srcdir)/systemd/fourway.sysusers' '$(DESTDIR)$(sysusersdir)/fourway.conf'
	$(INSTALL_DATA) '$(srcdir)/systemd/fourway.tmpfiles' '$(DESTDIR)$(tmpfilesdir)/fourway.conf'

uninstall-sysusers:
	rm -f '$(DESTDIR)$(sysusersdir)/fourway.conf' '$(DESTDIR)$(tmpfilesdir)/fourway.conf'

.PHONY: install-sysusers uninstall-sysusers

print-systemd-dirs:
	@echo "systemdsystemunitdir='$(systemdsystemunitdir)' sysusersdir='$(sysusersdir)' tmpfilesdir='$(tmpfilesdir)'"
.PHONY: print-systemd-dirs
