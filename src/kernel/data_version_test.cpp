#include "kernel/data_version.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "db/migrator.hpp"
#include "support/test_database.hpp"

namespace {

class DataVersionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db::Migrate(*database_,
                {{"kernel", std::filesystem::path(KHETANE_SOURCE_DIR_FOR_KERNEL) / "src/kernel/migrations"}});
  }
  test_support::TestDatabase database_;
};

TEST_F(DataVersionTest, AChangeMovesTheVersionOnAtOnceInTheProcessThatMadeIt) {
  kernel::DataVersion version(*database_);
  const std::int64_t before = version.Current();
  version.Changed();
  EXPECT_GT(version.Current(), before);
}

TEST_F(DataVersionTest, AChangeMadeByAnotherProcessIsSeenWithinTheRecheckTime) {
  kernel::DataVersion server(*database_, std::chrono::milliseconds(50));
  kernel::DataVersion command(*database_);  // `khetane import plan`, or a second server over the same database
  const std::int64_t before = server.Current();
  command.Changed();
  std::this_thread::sleep_for(std::chrono::milliseconds(80));
  EXPECT_GT(server.Current(), before);
}

TEST_F(DataVersionTest, ADatabaseThatCannotBeReadLeavesTheLastVersionStanding) {
  kernel::DataVersion version(*database_, std::chrono::milliseconds(0));
  version.Changed();
  const std::int64_t known = version.Current();
  database_->Acquire()->ExecuteScript("DROP TABLE data_version");
  EXPECT_EQ(version.Current(), known);
  version.Changed();  // logged, not thrown
  EXPECT_EQ(version.Current(), known);
}

}  // namespace
