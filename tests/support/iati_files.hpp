#pragma once
// The IATI schema as Khetane ships it (data/iati) and the conformance files of the shared data, for the programmes
// module's tests, which run from the repository's root.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "modules/programmes/iati_activities.hpp"

namespace test_support {

inline const std::filesystem::path kIatiShared = "../shared/data/iati";

inline const programmes::IatiActivitiesSchema& IatiSchema() {
  static const programmes::IatiActivitiesSchema schema("data/iati/iati-activities-schema.xsd");
  return schema;
}

inline std::string FileContents(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// Every .xml file under the folders of kIatiShared, sorted.
inline std::vector<std::filesystem::path> IatiFilesUnder(const std::vector<std::filesystem::path>& folders) {
  std::vector<std::filesystem::path> files;
  for (const std::filesystem::path& folder : folders) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(kIatiShared / folder)) {
      if (entry.is_regular_file() && entry.path().extension() == ".xml") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The activity files the conformance suite says the schema passes, and those it fails.
inline std::vector<std::filesystem::path> IatiFilesThatShouldPass() {
  return IatiFilesUnder({"tests/should-pass/iati-activities", "tests/activity-tests/should-pass"});
}
inline std::vector<std::filesystem::path> IatiFilesThatShouldFail() {
  return IatiFilesUnder({"tests/should-fail/iati-activities", "tests/activity-tests/should-fail"});
}

}  // namespace test_support
