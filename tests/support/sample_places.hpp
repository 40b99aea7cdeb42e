#pragma once
// The few places that tests of other modules name, without loading the whole EKATTE reference data:
// the oblasts Монтана and Благоевград with the municipalities Лом (MON24) and Благоевград (BLG03).

#include "db/database.hpp"
#include "db/migrator.hpp"

namespace test_support {

// Adds the sample places to a database whose places migrations are applied.
inline void InsertSamplePlaces(db::Database& database) {
  auto connection = database.Acquire();
  connection->Execute(
      "INSERT INTO oblasts (code, ekatte, name_bg, name_en, nuts2, nuts3, search_key) VALUES "
      "('MON', '48489', 'Монтана', 'Montana', 'BG31', 'BG312', 'montana'), "
      "('BLG', '03928', 'Благоевград', 'Blagoevgrad', 'BG41', 'BG413', 'blagoevgrad')");
  connection->Execute(
      "INSERT INTO municipalities (code, oblast_code, ekatte, name_bg, name_en, nuts3, search_key) VALUES "
      "('MON24', 'MON', '44238', 'Лом', 'Lom', 'BG312', 'lom'), "
      "('BLG03', 'BLG', '04279', 'Благоевград', 'Blagoevgrad', 'BG413', 'blagoevgrad')");
}

// Applies the places and accounts migrations to `database` and adds the sample places.
inline void MigrateWithSamplePlaces(db::Database& database) {
  db::Migrate(database, {{"places", "src/modules/places/migrations"}, {"accounts", "src/modules/accounts/migrations"}});
  InsertSamplePlaces(database);
}

// The same with the policies module's tables (they refer to places and users).
inline void MigrateWithSamplePlacesAndPolicies(db::Database& database) {
  db::Migrate(database, {{"places", "src/modules/places/migrations"},
                         {"accounts", "src/modules/accounts/migrations"},
                         {"policies", "src/modules/policies/migrations"}});
  InsertSamplePlaces(database);
}

}  // namespace test_support
