// Open data: the page that lists every public list with its JSON and CSV, and the bulk download of them all.

#include <ctime>
#include <mutex>

#include "core/days.hpp"
#include "modules/dashboards/dashboards_routes.hpp"
#include "web/open_data_dump.hpp"

namespace dashboards {

using nlohmann::json;

namespace {

constexpr std::string_view kDumpPath = "/open-data/khetane-open-data.zip";

// The dump, made at most once a day: the first request of a new day (UTC) makes it again.
struct KeptDump {
  std::mutex mutex;
  std::string day;
  std::string bytes;
};

std::string Today() { return core::IsoDay(std::time(nullptr)); }

}  // namespace

void AddOpenDataPages(kernel::Routes& routes, Views views) {
  const web::App& app = routes.app();
  routes.Get(
      "/open-data", core::Access::Anyone(),
      [views, &app](http::Request& request) {
        const web::Reader reader = views.site.ReaderOf(request);
        json lists = json::array();
        for (const std::string& path : web::PublicListPaths(app.router())) {
          lists.push_back({{"path", path}, {"csv", path + "?format=csv"}});
        }
        return views.site.Page(request, reader.Translate("Open data"), "dashboards/open_data",
                               {{"lists", lists}, {"dump_url", kDumpPath}});
      },
      http::Kept::kForVisitors);
  auto kept = std::make_shared<KeptDump>();
  routes.Get(std::string(kDumpPath), core::Access::Anyone(), [views, &app, kept](http::Request& request) {
    std::lock_guard lock(kept->mutex);
    if (kept->day != Today() || kept->bytes.empty()) {
      auto bytes = web::MakeOpenDataDump(
          app.router(), [&app](http::Request& inner) { return app.Handle(inner); }, views.site.share_directory(),
          app.options().public_url);
      if (!bytes) return views.site.Fail(request, bytes.error());
      kept->bytes = std::move(*bytes);
      kept->day = Today();
    }
    http::Response response = web::Site::Download(kept->bytes, "application/zip", "khetane-open-data.zip");
    response.SetHeader("Cache-Control", "public, max-age=3600");
    return response;
  });
}

}  // namespace dashboards
