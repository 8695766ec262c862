//! The command line: exit codes, errors and outputs of each command.
