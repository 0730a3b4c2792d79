// Whole-process wall time of a command, start to exit: posix_spawn, waitpid, a steady clock
// around both. Timing with `date +%s%N` in the shell adds the date processes' own start and
// exit (about 1,5 ms here: /bin/true measured 3,0 ms that way against 1,2 ms this way).
//
// usage: evalreport-bench-process RUNS COMMAND [ARGS...]
// prints: min_ms median_ms max_ms   (stdout and stderr of COMMAND go to /dev/null)
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

extern char** environ;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: evalreport-bench-process RUNS COMMAND [ARGS...]\n");
        return 64;
    }
    const int runs = std::atoi(argv[1]);
    if (runs < 1) {
        std::fprintf(stderr, "evalreport-bench-process: RUNS must be a positive number\n");
        return 64;
    }
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        auto start = std::chrono::steady_clock::now();
        pid_t pid = 0;
        if (posix_spawnp(&pid, argv[2], &quiet, nullptr, argv + 2, environ) != 0) {
            std::perror("evalreport-bench-process: cannot start the command");
            return 1;
        }
        int status = 0;
        waitpid(pid, &status, 0);
        auto end = std::chrono::steady_clock::now();
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "evalreport-bench-process: the command failed (status %d)\n", status);
            return 1;
        }
        ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%.1f %.1f %.1f\n", ms.front(), ms[ms.size() / 2], ms.back());
    return 0;
}
