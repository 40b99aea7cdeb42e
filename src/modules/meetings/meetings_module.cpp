#include "modules/meetings/meetings_module.hpp"

#include "modules/meetings/meeting_demo.hpp"
#include "modules/meetings/meetings_routes.hpp"
#include "modules/meetings/meetings_service.hpp"
#include "modules/meetings/meetings_store.hpp"
#include "modules/requests/filings_service.hpp"

namespace meetings {

void Register(kernel::Module& module) {
  module.Name("meetings");
  module.Provide([](kernel::ModuleContext& context) {
    auto& store = context.services.Keep<MeetingsStore>(context.database);
    context.services.Make<MeetingsService>(
        store, context.services.Get<requests::FilingsService>(), context.services.Get<kernel::AuditLog>(),
        context.services.Get<core::Clock>(), context.services.Get<kernel::AgendaSources>(), context.options.public_url);
  });
  module.Seed([](kernel::SeedContext& context) {
    return LoadDemoMeetings(context.services.Get<MeetingsService>(), context.log);
  });
  module.DeclareRoutes([](kernel::Routes& routes, kernel::Services& services, const web::Site& site) {
    auto& service = services.Get<MeetingsService>();
    AddMeetingsApi(routes, site, service);
    AddMeetingPages(routes, site, service);
    services.Get<kernel::DiscussedSections>().Add(MeetingsDiscussingThePage(site, service));
    services.Get<kernel::Home>().Add(MeetingsOnTheHome(site, service));
  });
  module.Navigation("Meetings", "/meetings");
  module.Audit("meeting_body_created", "Body that meets set up");
  module.Audit("meeting_scheduled", "Meeting scheduled");
  module.Audit("meeting_changed", "Meeting or its minutes changed");
  module.Audit("meeting_agenda_changed", "Item put on a meeting's agenda");
  module.Audit("meeting_decision_recorded", "Decision of a meeting recorded");
  module.Audit("meeting_follow_up_changed", "Follow-up action agreed or moved on");
  module.Audit("meeting_attendance_recorded", "Attendance of a meeting recorded");
  module.Audit("calendar_address_made", "Personal calendar address made");
}

}  // namespace meetings
