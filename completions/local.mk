# Installed beside the program: the bash completion (as "fourway", the name
# bash-completion loads on demand) and the README.  The Debian packaging is
# distributed so a release tarball builds the package too.
dist_noinst_DATA = completions/fourway.bash

install-data-local: install-completion
uninstall-local: uninstall-completion

install-completion:
	$(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'
	$(INSTALL_DATA) '$(srcdir)/completions/fourway.bash' '$(DESTDIR)$(bashcompletiondir)/fourway'

uninstall-completion:
	rm -f '$(DESTDIR)$(bashcompletiondir)/fourway'

doc_DATA = README.md

.PHONY: install-completion uninstall-completion

# The installation directories, expanded, as shell assignments (for tests).
print-install-dirs:
	@echo "prefix='$(prefix)' bindir='$(bindir)' datadir='$(datadir)'"
	@echo "mandir='$(mandir)' docdir='$(docdir)' bashcompletiondir='$(bashcompletiondir)'"
.PHONY: print-install-dirs
