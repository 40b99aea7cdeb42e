#pragma once
// What comes on a body's next agenda by itself, from modules the meetings module does not know: when a meeting is
// scheduled, every source names the items its body should discuss (the programmes module: the open problems of the
// projects of the programme whose partner network the body is), each linking to the page it discusses.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kernel {

struct AgendaProposal {
  std::string title;  // "Русе: a partner school withdrew"
  std::string link;   // the page it discusses: "/programmes/problems/12"
};

class AgendaSources {
 public:
  using Source = std::function<std::vector<AgendaProposal>(std::int64_t body_id)>;

  void Add(Source source) { sources_.push_back(std::move(source)); }

  std::vector<AgendaProposal> For(std::int64_t body_id) const {
    std::vector<AgendaProposal> proposals;
    for (const Source& source : sources_) {
      for (AgendaProposal& proposal : source(body_id)) proposals.push_back(std::move(proposal));
    }
    return proposals;
  }

 private:
  std::vector<Source> sources_;
};

}  // namespace kernel
