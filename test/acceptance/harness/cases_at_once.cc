#include "cases_at_once.h"

#include <exception>
#include <thread>

namespace vers::acceptance {

void RunAtOnce(const std::string& name, const std::vector<TestCase>& cases) {
  std::vector<std::exception_ptr> failures(cases.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < cases.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        Run(name, cases[i]);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);
}

}  // namespace vers::acceptance
