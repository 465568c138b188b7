/*
 * Risky binaries: programs that can run other programs or arbitrary code,
 * so an argument rule cannot contain them. They are denied unless the
 * matching rule says "risky = yes" or the operator passes --allow-risky.
 * Matched with fnmatch(3) on the basename of the canonical path, so
 * /bin/sh -> dash is a shell and python3 -> python3.11 an interpreter.
 */
#include "risky_table.h"

#include <stddef.h>

/* Shells: they run any command they are given (sh(1), bash(1)). */
static const char *const risky_shell[] = {
	"sh", "bash", "dash", "ash", "zsh", "ksh", "ksh93", "mksh", "pdksh", "csh", "tcsh", "fish",
	"yash", "posh", "rbash", "sash", "elvish", "rc", "es", "nu", "pwsh", "xonsh", NULL
};

/* Interpreters, with version suffixes (python3.11, perl5.36.0, lua5.4): they run any program
 * text, from arguments or files. awk, m4, dc, sqlite3, mysql and psql can run commands too. */
static const char *const risky_interpreter[] = {
	"python", "python[0-9]*", "pypy*", "perl", "perl[0-9]*", "ruby", "ruby[0-9]*", "irb*",
	"lua", "lua[0-9]*", "luajit*", "node", "nodejs", "deno", "bun", "php", "php[0-9]*",
	"tclsh*", "wish*", "expect", "R", "Rscript", "julia", "guile*", "clisp", "sbcl", "ghci",
	"ghc", "octave*", "java", "jshell", "jjs", "jrunscript", "dotnet", "awk", "gawk", "mawk",
	"nawk", "original-awk", "m4", "dc", "gnuplot", "slsh", "sqlite3", "mysql", "psql", "rexx", "regina",
	"ocaml*", "swipl", "gforth*", "pike*", "racket", "csi", "gst", "erl", "escript",
	"elixir", "iex", "runghc", "runhaskell", "kotlin*", "scala", "scala-cli", "groovy*",
	"clojure", "jython", "raku", "rakudo", "perl6", "janet", "hy", NULL
};

/* Command runners: their arguments name another program to run, which would escape the
 * argument rules. */
static const char *const risky_command_runner[] = {
	"env", "xargs", "find", "nice", "nohup", "timeout", "stdbuf", "setsid", "chroot", "unshare",
	"nsenter", "setpriv", "capsh", "sudo", "su", "doas", "pkexec", "busybox", "runuser",
	"ionice", "taskset", "chrt", "flock", "watch", "script", "time", "systemd-run", "setarch",
	"linux32", "linux64", "start-stop-daemon", "run-parts", "sg", "newgrp", "parallel",
	"cpulimit", "softlimit", "setlock", "multitime", "pexec", "aa-exec", "choom", "logsave",
	"torsocks", "torify", "rlwrap", "ksu", "prlimit", "runcon", "uclampset", "systemd-cat",
	"systemd-inhibit", "dbus-run-session", "bwrap", "numactl", "toybox", "minijail0", "chpst",
	"xdg-open", "gio", "sudoedit", "msgexec", "bear", "gprofng", "*-gprofng", "gp-*", "*-gp-*",
	"systemd-socket-activate", "nix-shell", "nix", "direnv", "luit",
	/* scriptlive replays a typescript's input through a shell; git-shell runs
	 * ~/git-shell-commands; gtk-launch starts a desktop entry's Exec= line;
	 * cobcrun loads a module (-M FILE, COB_LIBRARY_PATH); gpg-agent --daemon
	 * runs a command; login -f, sulogin and switch_root start a shell or init;
	 * run-mailcap (see, edit, compose) runs mailcap entries */
	"scriptlive", "git-shell", "gtk-launch", "cobcrun", "gpg-agent", "login", "sulogin",
	"switch_root", "run-mailcap",
	/* mount runs mount.TYPE helpers, and mount.fuse runs "TYPE#ARG" through a shell
	 * (mount -t fuse 'sh#-c' CMD); cgexec, faketime (with its preload), dbus-launch,
	 * systemd-nspawn and xterm -e start the program they are given (review, 2026-11-24) */
	"mount", "mount.fuse", "mount.fuse3", "cgexec", "faketime", "dbus-launch",
	"systemd-nspawn", "xterm", NULL
};

/* Debuggers and tracers: they run, attach to and rewrite other programs. */
static const char *const risky_debugger[] = {
	"gdb", "gdb-*", "gdbserver", "lldb*", "strace", "ltrace", "valgrind*", "perf", "bpftrace",
	"trace-cmd", "rr", "uftrace", NULL
};

/* The dynamic loader runs any file named in its arguments (ld.so(8)), bypassing the path
 * rule. */
static const char *const risky_dynamic_loader[] = {
	"ld.so", "ld-linux*", "ld-*.so*", "ld64.so*", NULL
};

/* Pagers and editors with shell escapes (!cmd, :shell, M-x shell), and programs that start
 * one on a terminal (journalctl and the other systemd tools through less; coredumpctl debug
 * runs gdb; dmesg -H). */
static const char *const risky_pager_or_editor[] = {
	"less", "more", "most", "pg", "man", "vi", "vim", "vim.*", "nvim", "view", "ex", "rvim",
	"rview", "nano", "pico", "emacs", "emacs-*", "ed", "red", "joe", "mg", "jed", "ne", "micro",
	"mcedit", "journalctl", "coredumpctl", "timedatectl", "hostnamectl", "localectl",
	"networkctl", "resolvectl", "machinectl", "homectl", "userdbctl", "portablectl",
	"systemd-analyze", "bootctl", "dmesg", "systemd-cgls", "systemd-delta", "vipw", "vigr",
	"cscope", "mandoc", "mman", "mc", "w3m", "lynx", NULL
};

/* Build tools and compilers: a build file or compiler plugin is a program. */
static const char *const risky_build_tool[] = {
	"make", "gmake", "bmake", "cmake", "ninja", "meson", "scons", "gcc", "gcc-[0-9]*", "*-gcc",
	"*-gcc-[0-9]*", "cc", "*-cc", "c89", "c99", "c++", "g++", "g++-[0-9]*", "*-g++",
	"*-g++-[0-9]*", "cpp", "cpp-[0-9]*", "*-cpp", "*-cpp-[0-9]*", "ld", "ld.*", "*-ld", "*-ld.*",
	"clang", "clang-[0-9]*", "clang++*", "tcc", "cargo", "rustc", "gfortran*", "*-gfortran*",
	"f77", "f95", "g77", "gnat*", "*-gnat*", "gccgo*", "*-gccgo*", "gdc*", "*-gdc*", "ldc2",
	"dmd", "fpc", "*-fpc*", "instantfpc", "ifpc*", "zig",
	"nim", "mix", "rebar3", "lein", "sbt", "dune", "opam", "stack", "qmake*", "waf", "xmake",
	"ctest", "cpack", "cppcheck",
	"rustup", "go", "mvn", "gradle", "ant", "bazel*", "autoconf", "autoreconf", "autoheader",
	"latex", "pdflatex", "pdftex", "tex", "latexmk", "lualatex", "luatex", "luahbtex",
	"xelatex", "xetex", "mpost",
	/* lto-dump takes GCC's options, -fplugin= too; terraform runs local-exec provisioners;
	 * pkgdata runs the commands of its -O file; fppkg builds and runs fpmake; javac runs
	 * annotation processors (review, 2026-11-24) */
	"lto-dump", "lto-dump-[0-9]*", "*-lto-dump", "*-lto-dump-[0-9]*", "terraform", "pkgdata",
	"fppkg", "javac", NULL
};

/* Package managers run maintainer scripts and install code. */
static const char *const risky_package_manager[] = {
	"apt", "apt-get", "aptitude", "dpkg", "rpm", "rpmdb", "rpmquery", "rpmverify", "yum", "dnf",
	"zypper", "pacman", "apk", "opkg", "snap", "flatpak", "pip", "pip[0-9]*", "pipx", "npm",
	"npx", "pnpm", "yarn", "gem", "bundle", "bundler", "cpan", "cpanm", "composer", "cabal",
	"uv", "brew", "apt-*", "dpkg-*", "pkcon", NULL
};

/* Programs with an option that names a program to run or a library to load: sort
 * --compress-program, nm/ar/ranlib and their gcc- and target-prefixed forms --plugin,
 * gpgtar --gpg-program, gpgsm --agent-program,
 * sdiff/diff3 --diff-program, install --strip-program, patch (runs ed), ssh-keygen -D
 * (loads a library), gpg (photo viewers, exec-path), gpg-connect-agent --exec, groff and
 * troff -U (.sy requests), D-Bus clients whose bus address may be unixexec: (dbus-send
 * --address, systemd-stdio-bridge --bus-path) or that can ask systemd to start units
 * (gdbus), xrdb -cpp, rpcgen -Y, tc exec bpf ... run, mkfs and fsck -t (run
 * mkfs.TYPE, fsck.TYPE, a relative path for a TYPE with a '/'), iptables
 * --modprobe, modprobe -C (a configuration's install commands), and those below. */
static const char *const risky_command_option[] = {
	"sort", "sdiff", "diff3", "install", "patch", "ssh-keygen", "gpg", "gpg2", "mkfs", "fsck",
	"iptables", "ip6tables", "iptables-*", "ip6tables-*", "xtables-*", "modprobe", "kmod",
	"gpg-connect-agent", "groff", "troff", "gtroff", "dbus-send", "dbus-monitor", "gdbus",
	"systemd-stdio-bridge", "xrdb", "rpcgen", "tc", "nm", "ar", "ranlib", "*-nm", "*-ar",
	"*-ranlib", "*-nm-[0-9]*", "*-ar-[0-9]*", "*-ranlib-[0-9]*", "gpgtar", "gpgsm",
	/* curl --engine and osslsigncode -pkcs11engine load a library; ldconfig and iconvconfig
	 * write the caches every program's libraries and gconv modules come from; Xvfb and Xorg
	 * pass -xkbdir to a shell unquoted; slattach -c runs a command; gs (%pipe%) and svn
	 * (tunnels in its config) run commands (review, 2026-11-24) */
	"curl", "osslsigncode", "ldconfig", "iconvconfig", "Xvfb", "Xorg", "X", "slattach", "gs",
	"svn", NULL
};

/* hardexec itself: a nested launcher would apply its own, different rules. */
static const char *const risky_hardexec[] = {
	"hardexec", NULL
};

/* Other programs with a documented way to run commands or a shell (GTFOBins functions
 * "shell" and "command", snapshot 2026-04-20, ../shared/reference/gtfobins-functions.tsv),
 * not already in a class above. */
static const char *const risky_shell_escape[] = {
	"acr", "agetty", "ansible-playbook", "ansible-test", "aoss", "arch-nspawn", "aria2c",
	"asterisk", "at", "bconsole", "borg", "busctl", "cdist", "certbot", "check_by_ssh",
	"check_ssl_cert", "cobc", "code", "codex", "cpio", "crash", "crontab", "csvtool", "ctr",
	"debugfs", "dhclient", "distcc", "dmsetup", "dnsmasq", "docker", "dvips", "easyrsa",
	"enscript", "fail2ban-client", "fastfetch", "firejail", "forge", "ftp", "fzf", "genie",
	"ginsh", "git", "scalar", "grc", "gtester", "hg", "hping3", "iftop", "ip", "ispell", "jtag",
	"kubectl", "lftp", "loginctl", "logrotate", "lxd", "mail", "minicom", "mosh-server",
	"msgfilter", "nc", "ncdu", "ncftp", "neofetch", "nmap", "nroff", "opencode", "openssl",
	"openvpn", "openvt", "perlbug", "pic", "pidstat", "pkg", "plymouth", "podman", "procmail",
	"psftp", "puppet", "ranger", "restic", "rsync", "rsyslogd", "rtorrent", "runscript",
	"scanmem", "scp", "screen", "scrot", "sed", "service", "sftp", "smbclient", "socat",
	"socket", "split", "ssh", "ssh-agent", "sshfs", "sshpass", "sshuttle", "sysctl",
	"systemctl", "tar", "task", "tasksh", "tcpdump", "tdbtool", "telnet", "tmate", "tmux",
	"top", "virsh", "wg-quick", "wget", "xdg-user-dir", "xdotool", "yt-dlp", "zathura", "zic",
	"zip", NULL
};

const struct risky_class risky_classes[] = {
	{ "shell", risky_shell },
	{ "interpreter", risky_interpreter },
	{ "command runner", risky_command_runner },
	{ "debugger", risky_debugger },
	{ "dynamic loader", risky_dynamic_loader },
	{ "pager or editor", risky_pager_or_editor },
	{ "build tool", risky_build_tool },
	{ "package manager", risky_package_manager },
	{ "command option", risky_command_option },
	{ "hardexec", risky_hardexec },
	{ "shell escape", risky_shell_escape },
	{ NULL, NULL },
};
