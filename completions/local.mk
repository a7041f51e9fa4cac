# Installed beside the program: the bash completion (as "fourway", the name
# bash-completion loads on demand), the zsh one (as "_fourway", in the
# folder of $fpath Debian's zsh reserves for packages) and the README.  The Debian packaging is
# distributed so a release tarball builds the package too.
dist_noinst_DATA = completions/fourway.bash completions/_fourway
zshcompletiondir = $(datadir)/zsh/vendor-completions

install-data-local: install-completion
uninstall-local: uninstall-completion

install-completion:
	$(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'
	$(INSTALL_DATA) '$(srcdir)/completions/fourway.bash' '$(DESTDIR)$(bashcompletiondir)/fourway'
	$(MKDIR_P) '$(DESTDIR)$(zshcompletiondir)'
	$(INSTALL_DATA) '$(srcdir)/completions/_fourway' '$(DESTDIR)$(zshcompletiondir)/_fourway'

uninstall-completion:
	rm -f '$(DESTDIR)$(bashcompletiondir)/fourway'
	rm -f '$(DESTDIR)$(zshcompletiondir)/_fourway'

doc_DATA = README.md

.PHONY: install-completion uninstall-completion

# The installation directories, expanded, as shell assignments (for tests).
print-install-dirs:
	@echo "prefix='$(prefix)' bindir='$(bindir)' datadir='$(datadir)'"
	@echo "mandir='$(mandir)' docdir='$(docdir)' bashcompletiondir='$(bashcompletiondir)'"
	@echo "zshcompletiondir='$(zshcompletiondir)'"
.PHONY: print-install-dirs
