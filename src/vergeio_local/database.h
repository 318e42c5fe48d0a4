// Database: the emulated tables behind one mutex. Every change is applied to
// a copy of the state, saved to DIR/state.json and only then adopted, so a
// failed save changes nothing. Errors carry Status codes: Error (422),
// NotFound (404), Conflict (409).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/mutex.h"
#include "base/status.h"
#include "vergeio_local/filter.h"
#include "vergeio_local/state.h"

namespace vers::vergeio {

class Database {
 public:
  // Loads DIR/state.json (an empty state when missing) and saves it back.
  static Result<std::unique_ptr<Database>> Open(const std::string& dir);

  // Only Open can make the key; the constructor is public for make_unique.
  class OpenKey {
    friend class Database;
    OpenKey() = default;
  };
  Database(OpenKey, std::string dir, State state)
      : dir_(std::move(dir)), state_(std::move(state)) {}
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Rows of `table` (machine_status included) that match `filter`, by key.
  Result<std::vector<Row>> List(std::string_view table, const Filter& filter,
                                std::optional<int64_t> limit) const;
  Result<Row> Get(std::string_view table, int64_t key) const;
  // Creates a row from client-written fields (see row.h); returns it.
  Result<Row> Create(std::string_view table, Fields fields);
  // Changes the given fields of a row; returns the updated row.
  Result<Row> Update(std::string_view table, int64_t key, const Fields& changes);
  Status Delete(std::string_view table, int64_t key);
  // Carries out a vm_actions request; returns the action's key.
  Result<int64_t> VmAction(int64_t vm, std::string_view action);
  // Row counts of the stored tables.
  std::map<std::string, int64_t> RowCounts() const;

  // Hidden fields: per table, fields the API acts as if the table lacked (a
  // test control, as on a VergeOS version without them; not persisted).
  // Errors name an unknown table or field.
  Status SetHidden(std::map<std::string, std::vector<std::string>> hidden);
  std::map<std::string, std::vector<std::string>> Hidden() const;
  // `table` as the API shows it: without its hidden fields.
  TableSpec Visible(const TableSpec& table) const;

 private:
  // Applies `change` to a copy of the state, saves the copy and adopts it.
  template <typename Change>
  Status Commit(Change change) REQUIRES(mu_);

  mutable base::Mutex mu_;
  const std::string dir_;
  State state_ GUARDED_BY(mu_);
  std::map<std::string, std::vector<std::string>> hidden_ GUARDED_BY(mu_);
};

}  // namespace vers::vergeio
