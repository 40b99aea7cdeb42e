#pragma once
// The real khetane binary, serving on a free loopback port, for tests that go through HTTP.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"

namespace test_support {

inline int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

struct ProcessResult {
  int exit_code = -1;
  std::string output;  // standard output and standard error together
};

// Runs the binary to its end and collects what it printed.
inline ProcessResult RunKhetane(const std::vector<std::string>& arguments) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], 1);
    ::dup2(pipe_fds[1], 2);
    ::close(pipe_fds[0]);
    std::vector<char*> argv{const_cast<char*>(KHETANE_BINARY_PATH)};
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    ::execv(KHETANE_BINARY_PATH, argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  ProcessResult result;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0)
    result.output.append(buffer, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// `khetane user add EMAIL --password-file … ARGUMENTS…` against `database`, as an administrator would run it.
inline ProcessResult AddUser(const std::string& database, const std::string& email, const std::string& password,
                             const std::vector<std::string>& arguments = {}) {
  const std::string password_file =
      (std::filesystem::temp_directory_path() / ("khetane-password-" + std::to_string(::getpid()))).string();
  std::ofstream(password_file) << password << "\n";
  std::vector<std::string> command = {"user", "add", email, "--database", database, "--password-file", password_file};
  command.insert(command.end(), arguments.begin(), arguments.end());
  ProcessResult result = RunKhetane(command);
  std::filesystem::remove(password_file);
  return result;
}

class ServerProcess {
 public:
  ServerProcess(const std::string& database, const std::vector<std::string>& extra_arguments = {}) : port_(FreePort()) {
    std::vector<std::string> arguments = {"serve",  "--quiet",  "--database",
                                          database, "--listen", "127.0.0.1:" + std::to_string(port_)};
    arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      const int null_fd = ::open("/dev/null", O_WRONLY);
      ::dup2(null_fd, 1);
      std::vector<char*> argv{const_cast<char*>(KHETANE_BINARY_PATH)};
      for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
      argv.push_back(nullptr);
      ::execv(KHETANE_BINARY_PATH, argv.data());
      ::_exit(127);
    }
    // The first start migrates and loads the reference data: allow for a slow sanitizer build.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
      try {
        if (Get(port_, "/healthz").status == 200) return;
      } catch (const std::exception&) {
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("khetane serve exited before it listened");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("khetane serve did not answer /healthz in time");
  }

  ~ServerProcess() {
    if (pid_ > 0) Stop();
  }

  // SIGTERM, then waits; returns the exit code.
  int Stop() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  int port() const { return port_; }
  pid_t pid() const { return pid_; }

 private:
  int port_;
  pid_t pid_ = -1;
};

}  // namespace test_support
