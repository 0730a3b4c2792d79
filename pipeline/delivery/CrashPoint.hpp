#pragma once
// Test hook for the crash-safety tests: EVALREPORT_TEST_CRASH=<point>[:<n>] kills the process
// with SIGKILL the n-th time (default 1st) it passes `point`, exactly where a power cut or
// kill -9 could strike. Points: after-render (a PDF and its row written), before-data
// ("sending" committed, DATA not yet sent), after-data (the server accepted the message, the
// outbox not yet told). Without the variable this is one getenv per call.
namespace delivery {

void crashPoint(const char* point);

}  // namespace delivery
