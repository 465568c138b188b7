/*
 * Environment variables hardexec always removes: each one makes a program
 * load or run code it did not choose. The reference with a source per row
 * is ../shared/reference/dangerous-env.tsv, widened with the code-loading
 * rows of ../shared/reference/env-risk-survey.tsv (plugin paths,
 * toolchain wrappers, helper-program options); the classes follow them.
 *
 * Removed in both modes, and --keep-env cannot keep them; only an explicit
 * --setenv (the operator's own value) puts one back.
 *
 * Deliberately NOT here (the "redirect" class: ordinary setups rely on
 * them): PATH, HOME, XDG_CONFIG_HOME, TMPDIR, *_proxy, SSL_CERT_FILE/DIR,
 * CURL_CA_BUNDLE, REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, GIT_WORK_TREE,
 * TERMINFO, TERMINFO_DIRS, TERMCAP, TERMPATH, KRB5CCNAME and the other KRB5_*
 * locations (not KRB5_CONFIG*, above). They change where a
 * program reads files, and some of those files are configuration that names
 * commands (HOME or XDG_CONFIG_HOME pick git's global config and its
 * core.fsmonitor; ssh's ProxyCommand): whoever sets them and can write such a
 * file chooses code. They are inherited in the default mode (documented) and
 * absent in --env-clear mode unless kept by name.
 * Names are matched byte for byte, case-sensitively, as the loader and libc
 * read them; the second table's patterns without regard to ASCII case, for
 * a program that reads them so (npm: npm_config_*, NPM_CONFIG_*, nPm_config_*
 * alike).
 */
#include "env_table.h"

const struct env_danger env_danger_table[] = {
	/* Dynamic loaders: preload, audit, search paths (ld.so(8), dyld(1)). */
	{ "LD_*", "loader" },
	{ "DYLD_*", "loader" },
	{ "_RLD*", "loader" },
	{ "LDR_*", "loader" },
	{ "LIBPATH", "loader" },
	{ "SHLIB_PATH", "loader" },
	{ "NIX_LD*", "loader" },          /* nix-ld: the real interpreter and libraries */

	/* libc: modules, tunables and files read from a chosen place
	 * (glibc sysdeps/generic/unsecvars.h; CVE-2023-4911 for GLIBC_TUNABLES). */
	{ "GCONV_PATH", "libc" },
	{ "GETCONF_DIR", "libc" },
	{ "GLIBC_TUNABLES", "libc" },
	{ "MALLOC_*", "libc" },
	{ "LOCPATH", "libc" },
	{ "NLSPATH", "libc" },
	{ "HOSTALIASES", "libc" },
	{ "RES_OPTIONS", "libc" },
	{ "LOCALDOMAIN", "libc" },
	{ "RESOLV_HOST_CONF", "libc" },
	{ "NIS_PATH", "libc" },
	{ "TZDIR", "libc" },
	{ "PATH_LOCALE", "libc" },
	{ "MUSL_LOCPATH", "libc" },

	/* Interpreters: module paths, startup code, option injection (python(1),
	 * perlrun(1), ruby(1), node(1), the JVM, lua(1), tclsh(1), PHP, R, .NET). */
	{ "PYTHON*", "interpreter" },
	{ "PERL5*", "interpreter" },
	{ "PERLLIB", "interpreter" },
	{ "PERLIO_DEBUG", "interpreter" },
	{ "PERL_USE_UNSAFE_INC", "interpreter" },
	{ "RUBYLIB", "interpreter" },
	{ "RUBYOPT", "interpreter" },
	{ "RUBYPATH", "interpreter" },
	{ "NODE_OPTIONS", "interpreter" },
	{ "NODE_PATH", "interpreter" },
	{ "NODE_REPL_EXTERNAL_MODULE", "interpreter" },
	{ "JAVA_TOOL_OPTIONS", "interpreter" },
	{ "_JAVA_OPTIONS", "interpreter" },
	{ "JDK_JAVA_OPTIONS", "interpreter" },
	{ "CLASSPATH", "interpreter" },
	{ "LUA_INIT*", "interpreter" },
	{ "LUA_PATH*", "interpreter" },
	{ "LUA_CPATH*", "interpreter" },
	{ "TCLLIBPATH", "interpreter" },
	{ "TCL_LIBRARY", "interpreter" },  /* its init.tcl runs at start */
	{ "TK_LIBRARY", "interpreter" },   /* and tk.tcl */
	{ "PHPRC", "interpreter" },
	{ "PHP_INI_SCAN_DIR", "interpreter" },
	{ "R_PROFILE*", "interpreter" },
	{ "R_ENVIRON*", "interpreter" },
	{ "DOTNET_*", "interpreter" },
	{ "JAVA_OPTS", "interpreter" },
	{ "ELECTRON_RUN_AS_NODE", "interpreter" },
	{ "AWKPATH", "interpreter" },
	{ "AWKLIBPATH", "interpreter" },
	{ "CORECLR_*", "interpreter" },
	{ "COR_PROFILER*", "interpreter" },
	{ "COR_ENABLE_PROFILING", "interpreter" },

	/* Shells: startup files, exported functions, parsing and tracing
	 * (bash(1), dash(1), zsh(1); Shellshock, CVE-2014-6271). */
	{ "BASH_ENV", "shell" },
	{ "ENV", "shell" },
	{ "BASH_FUNC_*", "shell" },
	{ "SHELLOPTS", "shell" },
	{ "BASHOPTS", "shell" },
	{ "PS4", "shell" },
	{ "IFS", "shell" },
	{ "CDPATH", "shell" },
	{ "GLOBIGNORE", "shell" },
	{ "FPATH", "shell" },
	{ "ZDOTDIR", "shell" },
	{ "PROMPT_COMMAND", "shell" },
	{ "BASH_XTRACEFD", "shell" },
	{ "NULLCMD", "shell" },
	{ "READNULLCMD", "shell" },
	{ "TMPPREFIX", "shell" },
	{ "BASH_LOADABLES_PATH", "shell" },
	{ "PS1", "shell" },
	{ "PS0", "shell" },
	{ "PS2", "shell" },
	{ "INPUTRC", "shell" },
	{ "SHELL", "shell" },

	/* Version control: commands git and hg run for us (git(1) ENVIRONMENT,
	 * git-config(1) GIT_CONFIG_COUNT/KEY/VALUE can set core.sshCommand). */
	{ "GIT_SSH", "vcs" },
	{ "GIT_SSH_COMMAND", "vcs" },
	{ "GIT_EXTERNAL_DIFF", "vcs" },
	{ "GIT_PAGER", "vcs" },
	{ "GIT_EDITOR", "vcs" },
	{ "GIT_SEQUENCE_EDITOR", "vcs" },
	{ "GIT_ASKPASS", "vcs" },
	{ "GIT_EXEC_PATH", "vcs" },
	{ "GIT_TEMPLATE_DIR", "vcs" },
	{ "GIT_PROXY_COMMAND", "vcs" },
	{ "GIT_ALLOW_PROTOCOL", "vcs" },   /* ext:: runs a command */
	{ "GIT_PROTOCOL_FROM_USER", "vcs" },
	{ "GIT_CONFIG*", "vcs" },
	/* a repository of the caller's choosing: its config names commands
	 * (core.fsmonitor, diff and filter drivers) and its hooks run */
	{ "GIT_DIR", "vcs" },
	{ "GIT_COMMON_DIR", "vcs" },
	{ "HGRCPATH", "vcs" },
	{ "HGEDITOR", "vcs" },
	{ "HGMERGE", "vcs" },
	{ "SVN_EDITOR", "vcs" },
	{ "CVSEDITOR", "vcs" },

	/* Helper programs other programs start by name (man(1), less(1),
	 * systemctl(1), ssh(1), sudo(8)): a value is a command line to run. */
	{ "PAGER", "helper" },
	{ "MANPAGER", "helper" },
	{ "MANOPT", "helper" },         /* man -P PAGER, man -p ... */
	{ "MANROFFOPT", "helper" },     /* -U: groff's unsafe mode runs .sy */
	{ "SYSTEMD_PAGER", "helper" },
	{ "DPKG_PAGER", "helper" },
	{ "PSQL_PAGER", "helper" },
	{ "EDITOR", "helper" },
	{ "VISUAL", "helper" },
	{ "SYSTEMD_EDITOR", "helper" },
	{ "BROWSER", "helper" },
	{ "SSH_ASKPASS", "helper" },
	{ "SUDO_ASKPASS", "helper" },
	{ "LESSOPEN", "helper" },
	{ "LESSCLOSE", "helper" },
	{ "LESSEDIT", "helper" },
	{ "LESSKEY", "helper" },
	{ "LESSKEYIN", "helper" },
	{ "LESSKEYIN_SYSTEM", "helper" },
	{ "LESSKEY_CONTENT", "helper" },   /* less 643 and later: key bindings, incl. shell */
	{ "LESS", "helper" },
	{ "SYSTEMD_LESS", "helper" },
	{ "SYSTEMD_PAGERSECURE", "helper" },
	{ "SUDO_EDITOR", "helper" },
	{ "SSH_ASKPASS_REQUIRE", "helper" },
	{ "VIMINIT", "helper" },
	{ "EXINIT", "helper" },
	{ "VIMRUNTIME", "helper" },
	{ "CURL_HOME", "helper" },
	{ "WGETRC", "helper" },
	{ "SYSTEM_WGETRC", "helper" },  /* a wgetrc names use_askpass, a program */
	{ "TAR_OPTIONS", "helper" },
	{ "RSYNC_RSH", "helper" },
	{ "CVS_RSH", "helper" },
	{ "SVN_SSH", "helper" },
	/* the helpers ssh, ssh-add and ssh-agent start for security keys and PKCS#11 */
	{ "SSH_SK_HELPER", "helper" },
	{ "SSH_PKCS11_HELPER", "helper" },
	{ "SSH_SK_PROVIDER", "helper" },   /* a library ssh-add, ssh-keygen and ssh load */
	{ "RIPGREP_CONFIG_PATH", "helper" },

	/* Plugin and module paths: libraries load shared objects from here
	 * (GIO, GTK, GStreamer, Qt, the Vulkan and GL loaders). */
	{ "GIO_EXTRA_MODULES", "plugin" },
	{ "GIO_MODULE_DIR", "plugin" },
	{ "GTK_MODULES", "plugin" },
	{ "GTK3_MODULES", "plugin" },
	{ "GTK_PATH", "plugin" },
	{ "GTK_EXE_PREFIX", "plugin" },
	/* the loaders cache names the .so files gdk-pixbuf loads (gdk-pixbuf-query-loaders(1)) */
	{ "GDK_PIXBUF_MODULE_FILE", "plugin" },
	{ "GDK_PIXBUF_MODULEDIR", "plugin" },
	{ "GST_PLUGIN_PATH*", "plugin" },
	{ "GST_PLUGIN_SYSTEM_PATH*", "plugin" },
	{ "GST_PLUGIN_SCANNER*", "plugin" },
	{ "QT_PLUGIN_PATH", "plugin" },
	{ "QT_QPA_PLATFORM_PLUGIN_PATH", "plugin" },
	{ "VK_*", "plugin" },
	{ "__EGL_VENDOR_LIBRARY_*", "plugin" },
	{ "LIBGL_DRIVERS_PATH", "plugin" },
	{ "GBM_BACKENDS_PATH", "plugin" },

	/* Toolchains: programs compilers and build tools run for us (gcc(1)
	 * COMPILER_PATH, GCC_EXEC_PREFIX; cargo wrappers; go -toolexec via
	 * GOFLAGS; make(1) MAKEFLAGS, MAKEFILES; npm and pip configuration). */
	{ "COMPILER_PATH", "toolchain" },
	{ "GCC_EXEC_PREFIX", "toolchain" },
	{ "CC", "toolchain" },
	{ "CXX", "toolchain" },
	{ "RUSTC", "toolchain" },
	{ "RUSTDOC", "toolchain" },
	{ "RUSTC_WRAPPER", "toolchain" },
	{ "RUSTC_WORKSPACE_WRAPPER", "toolchain" },
	{ "RUSTFLAGS", "toolchain" },
	{ "CARGO_*", "toolchain" },
	{ "GOFLAGS", "toolchain" },
	{ "GOTOOLCHAIN", "toolchain" },
	{ "GOENV", "toolchain" },          /* a go env file can set GOFLAGS=-toolexec */
	{ "GOROOT", "toolchain" },
	{ "CGO_*", "toolchain" },          /* CGO_CFLAGS=-fplugin=... */
	{ "LIBRARY_PATH", "toolchain" },
	{ "CPATH", "toolchain" },
	{ "C_INCLUDE_PATH", "toolchain" },
	{ "CPLUS_INCLUDE_PATH", "toolchain" },
	{ "MAKEFLAGS", "toolchain" },
	{ "GNUMAKEFLAGS", "toolchain" },   /* read like MAKEFLAGS: SHELL=PROGRAM */
	{ "MAKEFILES", "toolchain" },
	/* the variables make's built-in rules put into commands ("Variables Used by Implicit
	 * Rules" in the GNU make manual; LD by convention): an inherited value wins over
	 * make's default and goes into a shell command line, so RM=PROGRAM runs PROGRAM at
	 * "make clean" and TARGET_ARCH=';cmd;' runs cmd. A Makefile's own variables do the
	 * same, which no list covers: make for an untrusted caller needs env = clear. */
	{ "AR", "toolchain" },
	{ "ARFLAGS", "toolchain" },        /* ar --plugin=FILE loads FILE */
	{ "AS", "toolchain" },
	{ "CO", "toolchain" },
	{ "CPP", "toolchain" },
	{ "CTANGLE", "toolchain" },
	{ "CWEAVE", "toolchain" },
	{ "FC", "toolchain" },
	{ "GET", "toolchain" },
	{ "LD", "toolchain" },
	{ "LEX", "toolchain" },
	{ "LINT", "toolchain" },
	{ "M2C", "toolchain" },
	{ "MAKEINFO", "toolchain" },
	{ "PC", "toolchain" },
	{ "RM", "toolchain" },
	{ "TANGLE", "toolchain" },
	{ "TEX", "toolchain" },
	{ "TEXI2DVI", "toolchain" },
	{ "WEAVE", "toolchain" },
	{ "YACC", "toolchain" },
	{ "ASFLAGS", "toolchain" },
	{ "COFLAGS", "toolchain" },
	{ "GFLAGS", "toolchain" },
	{ "LDLIBS", "toolchain" },
	{ "LFLAGS", "toolchain" },
	{ "LINTFLAGS", "toolchain" },
	{ "LOADLIBES", "toolchain" },
	{ "MAKE", "toolchain" },           /* $(MAKE) in a recipe */
	{ "OUTPUT_OPTION", "toolchain" },
	{ "PFLAGS", "toolchain" },
	{ "RFLAGS", "toolchain" },
	{ "TARGET_ARCH", "toolchain" },
	{ "YFLAGS", "toolchain" },
	{ "PIP_*", "toolchain" },
	/* compiler flags: -fplugin=FILE, -B DIR (gcc(1)) run code the build did not choose,
	 * as CGO_CFLAGS does for go */
	{ "CFLAGS", "toolchain" },
	{ "CXXFLAGS", "toolchain" },
	{ "CPPFLAGS", "toolchain" },
	{ "LDFLAGS", "toolchain" },
	{ "FFLAGS", "toolchain" },
	{ "FCFLAGS", "toolchain" },
	{ "OBJCFLAGS", "toolchain" },
	{ "CMAKE_*", "toolchain" },     /* CMAKE_TOOLCHAIN_FILE, *_COMPILER_LAUNCHER: cmake code */
	{ "MAVEN_OPTS", "toolchain" },  /* JVM options: -XX:OnOutOfMemoryError=CMD */
	{ "GRADLE_OPTS", "toolchain" },
	{ "ANT_OPTS", "toolchain" },
	{ "SBT_OPTS", "toolchain" },
	{ "JAVA_HOME", "toolchain" },   /* mvn, gradle and others run $JAVA_HOME/bin/java */
	{ "RUSTUP_TOOLCHAIN", "toolchain" },

	/* TLS libraries that load code or leak keys (openssl-env(7)). */
	{ "OPENSSL_CONF", "tls" },
	{ "OPENSSL_CONF_INCLUDE", "tls" },
	/* krb5.conf can load plugin modules ([plugins] module = name:path) */
	{ "KRB5_CONFIG*", "tls" },
	{ "KRB5_KDC_PROFILE", "tls" },
	{ "OPENSSL_ENGINES", "tls" },
	{ "OPENSSL_MODULES", "tls" },
	{ "SSLKEYLOGFILE", "tls" },

	/* Configuration files that name commands to run (credential helpers, agents). */
	{ "GNUPGHOME", "config" },       /* gpg.conf: agent-program, photo-viewer */
	{ "KUBECONFIG", "config" },      /* users[].exec.command */
	{ "AWS_CONFIG_FILE", "config" }, /* credential_process */
};

const size_t env_danger_count = sizeof(env_danger_table) / sizeof(env_danger_table[0]);

const struct env_danger env_danger_any_case[] = {
	{ "NPM_CONFIG_*", "toolchain" },   /* npm matches its prefix in any case */
};

const size_t env_danger_any_case_count =
	sizeof(env_danger_any_case) / sizeof(env_danger_any_case[0]);
