/* --help and --version text. */
#ifndef HARDEXEC_VERSION_H
#define HARDEXEC_VERSION_H

/* Print the option summary on stdout. */
void print_help(void);

/* Print the version and what this build can enforce on stdout. */
void print_version(void);

#endif
