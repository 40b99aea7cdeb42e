#include "kernel/data_version.hpp"

#include <spdlog/spdlog.h>

namespace kernel {

namespace {

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Versions only grow: a reading that raced with a change made here must not take the version back.
void StoreMax(std::atomic<std::int64_t>& version, std::int64_t value) {
  std::int64_t seen = version.load(std::memory_order_acquire);
  while (seen < value && !version.compare_exchange_weak(seen, value, std::memory_order_acq_rel)) {
  }
}

}  // namespace

std::int64_t DataVersion::Current() {
  const std::int64_t now = Now();
  if (now - read_at_.load(std::memory_order_relaxed) < std::chrono::nanoseconds(recheck_).count()) {
    return version_.load(std::memory_order_acquire);
  }
  // One thread reads; the others go on with the version as it was a moment ago.
  std::unique_lock lock(reading_, std::try_to_lock);
  if (!lock.owns_lock()) return version_.load(std::memory_order_acquire);
  try {
    auto connection = database_.Acquire();
    const auto row = connection->QueryOne("SELECT version FROM data_version WHERE scope = 'site'");
    if (row) StoreMax(version_, row->Int(0));
  } catch (const std::exception& error) {
    spdlog::warn("cannot read the data version: {}", error.what());
  }
  read_at_.store(now, std::memory_order_relaxed);
  return version_.load(std::memory_order_acquire);
}

void DataVersion::Changed() noexcept {
  try {
    auto connection = database_.Acquire();
    const auto row =
        connection->QueryOne("UPDATE data_version SET version = version + 1 WHERE scope = 'site' RETURNING version");
    if (row) StoreMax(version_, row->Int(0));
    read_at_.store(Now(), std::memory_order_relaxed);
  } catch (const std::exception& error) {
    spdlog::warn("cannot move the data version on: {}", error.what());
  }
}

}  // namespace kernel
