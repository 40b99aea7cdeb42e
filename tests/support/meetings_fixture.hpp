#pragma once
// The meetings module on the policies' fixture (Лом and Благоевград), with what it stands on: the information
// requests and their legal clock, organisations and indicators; the clock at 5 December 2026 12:00 UTC.

#include <gtest/gtest.h>

#include "db/migrator.hpp"
#include "modules/accounts/organisation_store.hpp"
#include "modules/indicators/indicators_store.hpp"
#include "modules/meetings/meetings_service.hpp"
#include "support/policies_fixture.hpp"

namespace test_support {

class MeetingsFixture : public PoliciesFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(PoliciesFixture::SetUp());
    db::Migrate(*database_, {{"places", "src/modules/places/migrations"},
                             {"accounts", "src/modules/accounts/migrations"},
                             {"policies", "src/modules/policies/migrations"},
                             {"indicators", "src/modules/indicators/migrations"},
                             {"requests", "src/modules/requests/migrations"},
                             {"meetings", "src/modules/meetings/migrations"}});
    ASSERT_TRUE(*legal_clock_.LoadReferenceData("data/requests"));
  }

  core::FixedClock fixed_clock_{1'796'472'000};  // 2026-12-05 12:00 UTC
  accounts::OrganisationStore organisation_store_{*database_};
  accounts::OrganisationService organisations_{organisation_store_, accounts_, audit_, fixed_clock_, *database_};
  indicators::IndicatorsStore indicator_store_{*database_};
  indicators::IndicatorsService indicators_{indicator_store_, places_, service_, audit_, fixed_clock_, 5};
  requests::RequestsStore legal_clock_store_{*database_};
  requests::RequestsService legal_clock_{legal_clock_store_, audit_, fixed_clock_};
  requests::FilingsStore filings_store_{*database_};
  requests::FilingsService filings_{filings_store_, legal_clock_, places_, organisations_,
                                    indicators_,    outbox_,      audit_,  fixed_clock_};
  meetings::MeetingsStore store_m_{*database_};
  kernel::AgendaSources agenda_sources_;
  meetings::MeetingsService meetings_{store_m_,     filings_,        audit_,
                                      fixed_clock_, agenda_sources_, "https://khetane.example.org"};
};

}  // namespace test_support
