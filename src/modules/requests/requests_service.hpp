#pragma once
// The legal clock as people use it: the deadline rules and non-working days the database holds (loaded from
// data/requests once), read by every deadline Khetane computes, and corrected by an administrator, audited. Later the
// information requests, proposals and signals of issue 15 are filed here and timed by it.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "kernel/audit_log.hpp"
#include "modules/requests/legal_clock.hpp"
#include "modules/requests/requests_store.hpp"

namespace requests {

class RequestsService {
 public:
  RequestsService(RequestsStore& store, kernel::AuditLog& audit, const core::Clock& clock)
      : store_(store), audit_(audit), clock_(clock) {}

  // Loads data/requests/deadline_rules.csv and non_working_days.csv when the database has no rules yet: whether it
  // loaded them. An error names the file, the row and the column.
  core::Result<bool> LoadReferenceData(const std::filesystem::path& directory);
  // The rules and the calendar as the database holds them now.
  Rules CurrentRules();
  Day Today() const;
  // An administrator corrects a rule (its code stays): kForbidden for anyone else, kNotFound for an unknown code,
  // kInvalidInput with every problem by field ("law", "article", "days", "months", "title_bg", "title_en",
  // "checked_on"), kConflict when the rule is no longer at `rule.version` (the one the form showed).
  core::Result<DeadlineRule> ChangeRule(const core::Actor& actor, DeadlineRule rule);

 private:
  RequestsStore& store_;
  kernel::AuditLog& audit_;
  const core::Clock& clock_;
};

// The problems of a rule as a form or the API brings it, by field.
std::vector<core::FieldProblem> RuleProblems(const DeadlineRule& rule);

}  // namespace requests
