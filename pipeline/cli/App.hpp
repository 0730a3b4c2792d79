#pragma once

namespace cli {

// evalreport <command> [options]: parses options with getopt_long and runs the command.
// Errors print as one line "evalreport: file:line:col: problem; fix" on stderr.
int run(int argc, char** argv);

}  // namespace cli
