/* --help and --version. The full reference is hardexec(1). */
#include "version.h"
#include "config.h"
#include "options.h"
#include "platform/platform.h"

#include <stdio.h>

void print_help(void)
{
	fputs("usage: hardexec [OPTIONS] [--] PROGRAM [ARG...]\n"
	      "\n"
	      "Harden, decide from the policy whether PROGRAM may run with exactly these\n"
	      "arguments, scrub the environment, close inherited descriptors, then execveat\n"
	      "PROGRAM in place. No shell. A PROGRAM without '/' is searched in the secure\n"
	      "path only.\n"
	      "\n"
	      "  --policy FILE           policy file (default: " HARDEXEC_SYSTEM_POLICY "\n"
	      "                          when it exists, else the embedded default)\n"
	      "  --allow PATH            also allow PATH, with any arguments (repeatable)\n"
	      "  --allow-risky PATH      like --allow, even for a shell, interpreter or runner\n"
	      "  --check                 decide without running (no PROGRAM: validate the policy)\n"
	      "  --explain               print the decision as JSON, do not run\n"
	      "  --env-clear             start the target with an empty environment\n"
	      "  --keep-env NAME|PFX*    in a cleared environment, keep this variable (repeatable)\n"
	      "  --setenv NAME=VALUE     set a variable, even a dangerous one (repeatable)\n"
	      "  --unsetenv NAME|PFX*    remove a variable (repeatable)\n"
	      "  --argv0 NAME            argv[0] for the target (default: PROGRAM as written;\n"
	      "                          under a rule, named as one of the rule's paths)\n"
	      "  --secure-path DIR:...   where bare names are searched (default:\n"
	      "                          " DEFAULT_SECURE_PATH ")\n"
	      "  --keep-fd N             pass descriptor N (>= 3) to the target (repeatable)\n"
	      "  --rlimit NAME=SOFT[:HARD]  resource limit, e.g. nofile=1024 (repeatable)\n"
	      "  --umask MODE            file creation mask, e.g. 0077\n"
	      "  --chdir DIR             working directory of the target\n"
	      "  --pdeathsig SIGNAL      signal the target gets when its parent exits\n"
	      "  --no-new-privs yes|no   no_new_privs (default yes)\n"
	      "  --user U --group G      run as this user and group (names or numbers)\n"
	      "  --groups G,G|none       supplementary groups (default with --user/--group: none)\n"
	      "  --caps none|CAP,...     capabilities the target keeps (default: none)\n"
	      "  --seccomp default|strict|none  system call filter (default: default; strict:\n"
	      "                          deny all but the calls ordinary programs need)\n"
	      "  --seccomp-deny LIST     also deny these calls or @groups (strict: take them out\n"
	      "                          of the allowlist)\n"
	      "  --seccomp-allow LIST    take these calls or @groups out of the profile (strict:\n"
	      "                          add them to the allowlist)\n"
	      "  --seccomp-abi ABI       also allow calls of this ABI: i386, x32 (x86_64), arm\n"
	      "                          (aarch64); repeatable; calls of other ABIs fail like\n"
	      "                          denied ones (EPERM; killed with kill or log)\n"
	      "  --seccomp-action errno|kill|log  what a denied call does (default: errno)\n"
	      "  --landlock-ro PATH      Landlock: read only beneath PATH (repeatable; with any\n"
	      "                          --landlock-ro/-rw/-exec, other file access is denied)\n"
	      "  --landlock-rw PATH      read, write, create and remove beneath PATH (repeatable)\n"
	      "  --landlock-exec PATH    read and execute beneath PATH (repeatable); the target,\n"
	      "                          its loader and libraries must be covered\n"
	      "  --landlock-connect PORT, --landlock-bind PORT  allowed TCP ports (repeatable)\n"
	      "  --landlock-scope signals,abstract-unix  no signals/abstract sockets outside\n"
	      "  --landlock required|best-effort|off  when the kernel lacks a right (default:\n"
	      "                          required: exit 71)\n"
	      "  --nodump required|best-effort|off  keep the target non-dumpable after exec:\n"
	      "                          by the exec itself when hardexec may change its\n"
	      "                          uids, else a ptrace helper (default required:\n"
	      "                          exit 5 when it cannot)\n"
	      "  -h, --help              show this summary\n"
	      "  -V, --version           show the version and build features\n"
	      "\n"
	      "Exit status: the target's own once it runs; otherwise 5/6/7 self-hardening or nodump\n"
	      "failed, "
	      "64 usage, 71 confinement step failed, 77 denied, 78 policy error,\n"
	      "126 cannot execute, 127 not found. See hardexec(1) and hardexec.conf(5).\n",
	      stdout);
}

void print_version(void)
{
	printf("hardexec %s\n", HARDEXEC_VERSION);
	printf("libseccomp: %s\n", HAVE_SECCOMP ? LIBSECCOMP_BUILD_VERSION : "disabled");
	printf("libcap: %s\n", HAVE_LIBCAP ? LIBCAP_BUILD_VERSION : "disabled");
	printf("static: %s\n", HARDEXEC_STATIC ? "yes" : "no");
	printf("platform: %s\n", platform_name);
}
