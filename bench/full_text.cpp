// What full-text analysis costs (core::IndexTerms, core::ParseFullTextQuery): a practice's text of 2,000 characters
// in each language indexed, a query of three words parsed, the reading of each Hunspell dictionary, the first text of
// a thread, and two threads indexing Czech at once (they share one Hunspell behind a lock). Reports medians of RUNS
// passes: the processor time of one thread, and wall time where threads work at once.
//
//   cmake --preset release && cmake --build build/release --target full_text_bench
//   build/release/full_text_bench [RUNS]

#include "core/full_text.hpp"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/text.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Practice {
  const char* language;
  const char* text;
};

// One good practice, told in each language; repeated and cut to 2,000 characters.
const Practice kPractices[] = {
    {"bg",
     "Общината на Лом създаде през 2024 година програма за приобщаващо образование, която свързва училищата, "
     "детските градини и родителите. Всяко училище определи учител-наставник, който посещава семействата на децата, "
     "отпаднали от образователната система, и им помага да се върнат в класната стая. Общинският съвет отпусна "
     "средства за безплатен транспорт и за топъл обяд, а местните читалища предложиха занимания след часовете. "
     "Резултатите бяха наблюдавани всеки месец: броят на отсъствията намаля с една трета, а двадесет и седем деца се "
     "записаха отново. Практиката беше приета и от съседните общини, които споделиха своите наблюдения на обща "
     "среща. "},
    {"en",
     "In 2024 the municipality of Lom started a programme of inclusive education that brings together its schools, "
     "kindergartens and parents. Every school named a mentor teacher who visits the families of children who had "
     "left education and helps them return to the classroom. The municipal council funded free transport and a hot "
     "lunch, and the local community centres offered activities after lessons. The results were monitored every "
     "month: absences fell by a third, and twenty-seven children enrolled again. The practice was taken up by the "
     "neighbouring municipalities, which shared their observations at a joint meeting. "},
    {"cs",
     "Obec Lom zahájila v roce 2024 program inkluzivního vzdělávání, který propojuje školy, mateřské školy a rodiče. "
     "Každá škola určila učitele mentora, který navštěvuje rodiny dětí, jež opustily vzdělávací systém, a pomáhá "
     "jim vrátit se do třídy. Obecní zastupitelstvo uvolnilo prostředky na bezplatnou dopravu a teplý oběd a místní "
     "kulturní střediska nabídla činnosti po vyučování. Výsledky se sledovaly každý měsíc: počet absencí klesl o "
     "třetinu a dvacet sedm dětí se znovu zapsalo. Praxi převzaly i sousední obce, které se o svá pozorování "
     "podělily na společném setkání. "},
    {"nl",
     "In 2024 begon de gemeente Lom een programma voor inclusief onderwijs dat haar scholen, kleuterscholen en "
     "ouders samenbrengt. Elke school wees een mentor aan die de gezinnen bezoekt van kinderen die het onderwijs "
     "hadden verlaten, en hen helpt terug te keren naar de klas. De gemeenteraad betaalde gratis vervoer en een warme "
     "lunch, en de buurthuizen boden activiteiten na de lessen aan. De resultaten werden elke maand gevolgd: het "
     "verzuim daalde met een derde, en zevenentwintig kinderen schreven zich opnieuw in. De praktijk werd overgenomen "
     "door de naburige gemeenten, die hun waarnemingen deelden op een gezamenlijke bijeenkomst. "},
};

constexpr std::size_t kCharacters = 2'000;

std::string TwoThousandCharacters(const char* text) {
  std::string long_text;
  while (core::CountCharacters(long_text) < kCharacters) long_text += text;
  std::size_t characters = 0;
  for (std::size_t at = 0; at < long_text.size(); ++at) {
    const bool starts_a_character = (static_cast<unsigned char>(long_text[at]) & 0xC0) != 0x80;
    if (starts_a_character && characters++ == kCharacters) return long_text.substr(0, at);
  }
  return long_text;
}

std::size_t WordsIn(const std::string& terms) {
  std::istringstream words(terms);
  std::size_t count = 0;
  for (std::string word; words >> word;) ++count;
  return count;
}

// The processor time of this thread, in microseconds: on a machine others share, less disturbed than wall time.
double ThreadMicroseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

double WallMicroseconds() { return std::chrono::duration<double, std::micro>(Clock::now().time_since_epoch()).count(); }

template <typename Work>
double Median(int runs, double (*now)(), Work&& work) {
  std::vector<double> each;
  for (int run = 0; run < runs; ++run) {
    const double start = now();
    work();
    each.push_back(now() - start);
  }
  std::sort(each.begin(), each.end());
  return each[each.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;

  const auto load_start = Clock::now();
  const auto stemmers = core::TheFullTextAnalyser().Stemmers();
  std::printf("every dictionary read: %.0f ms\n",
              std::chrono::duration<double, std::milli>(Clock::now() - load_start).count());
  std::printf("%s\n", core::DescribeFullTextStemmers(stemmers).c_str());
  for (const core::FullTextStemmer& stemmer : stemmers) {
    std::printf("  %s: %s, %.1f ms\n", stemmer.language.c_str(), stemmer.method.c_str(),
                static_cast<double>(stemmer.load_time.count()) / 1000.0);
  }

  double first = 0;
  std::thread([&] {
    const auto start = Clock::now();
    core::IndexTerms("Škola", "cs");
    first = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }).join();
  std::printf("first text of a thread (ICU's word breaks and transliterator, Snowball): %.1f ms\n", first);

  for (const Practice& practice : kPractices) {
    const std::string text = TwoThousandCharacters(practice.text);
    std::size_t terms = 0;
    const double index =
        Median(runs, ThreadMicroseconds, [&] { terms = WordsIn(core::IndexTerms(text, practice.language)); });
    const double words_only = Median(runs, ThreadMicroseconds, [&] { core::IndexTerms(text, "xx"); });
    std::printf("%s: %zu characters (%zu bytes), %zu terms: index %.0f µs (words only, no stemmer: %.0f µs)\n",
                practice.language, core::CountCharacters(text), text.size(), terms, index, words_only);
  }

  for (const char* typed :
       {"good school practices", "добри училищни практики", "dobré školní praxe", "goede school praktijken"}) {
    std::size_t alternatives = 0;
    const double parse = Median(runs * 10, ThreadMicroseconds, [&] {
      alternatives = 0;
      for (const auto& word : core::ParseFullTextQuery(typed).words) alternatives += word.alternatives.size();
    });
    std::printf("query \"%s\": %zu alternatives, parsed in %.0f µs\n", typed, alternatives, parse);
  }

  // Threads at once on Czech, the slowest dictionary: one shared Hunspell behind its lock (what the server does),
  // against a dictionary for each thread (a second analyser, as a copy per thread would be).
  const std::string czech = TwoThousandCharacters(kPractices[2].text);
  const core::FullTextAnalyser second;
  second.Stemmers();
  constexpr int kTexts = 40;
  struct Way {
    const char* name;
    int threads;
    bool own_dictionary;
  };
  for (const Way way : {Way{"1 thread", 1, false}, Way{"2 threads, one shared dictionary", 2, false},
                        Way{"2 threads, a dictionary each", 2, true}}) {
    const double wall = Median(std::max(3, runs / 4), WallMicroseconds, [&] {
      std::vector<std::thread> workers;
      for (int t = 0; t < way.threads; ++t) {
        const core::FullTextAnalyser& analyser = way.own_dictionary && t == 1 ? second : core::TheFullTextAnalyser();
        workers.emplace_back([&analyser, &czech] {
          for (int i = 0; i < kTexts; ++i) analyser.IndexTerms(czech, "cs");
        });
      }
      for (std::thread& worker : workers) worker.join();
    });
    std::printf("%-34s %d Czech texts each: %.1f ms, %.0f µs a text\n", way.name, kTexts, wall / 1000.0,
                wall / (way.threads * kTexts));
  }

  // What a reader waits for while another thread indexes Czech texts: the query's lookups queue behind its words'.
  std::vector<double> waits;
  bool indexing = true;
  std::thread indexer([&] {
    for (int i = 0; i < kTexts; ++i) core::IndexTerms(czech, "cs");
    __atomic_store_n(&indexing, false, __ATOMIC_RELEASE);
  });
  while (__atomic_load_n(&indexing, __ATOMIC_ACQUIRE)) {
    const auto start = Clock::now();
    core::ParseFullTextQuery("dobré školní praxe");
    waits.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  indexer.join();
  std::sort(waits.begin(), waits.end());
  std::printf(
      "query \"dobré školní praxe\" while Czech texts are indexed: %zu queries, median %.0f µs, p99 %.0f µs, "
      "max %.0f µs\n",
      waits.size(), waits[waits.size() / 2], waits[waits.size() * 99 / 100], waits.back());
  return 0;
}
