// Clang thread-safety annotations (https://clang.llvm.org/docs/ThreadSafetyAnalysis.html),
// checked when the project is built with clang and -Wthread-safety (the
// "thread-safety" step of scripts/test.sh); empty for other compilers.
//
// Mark each member that a mutex protects with GUARDED_BY(mu_), each private
// helper that expects the lock held with REQUIRES(mu_), and each public
// method that takes the lock itself with EXCLUDES(mu_). The mutex must be a
// base::Mutex (base/mutex.h): libstdc++'s std::mutex carries no annotations.
#pragma once

// Abseil's legacy header (absl/base/internal/thread_annotations.h, which
// gRPC includes) defines some of the same unprefixed names, with the same
// meaning; where one translation unit sees both (a unity build,
// cmake/unity.cmake), ours replace them rather than collide.
#undef CAPABILITY
#undef SCOPED_CAPABILITY
#undef GUARDED_BY
#undef PT_GUARDED_BY
#undef REQUIRES
#undef EXCLUDES
#undef ACQUIRE
#undef RELEASE
#undef TRY_ACQUIRE
#undef RETURN_CAPABILITY
#undef NO_THREAD_SAFETY_ANALYSIS

#if defined(__clang__)
#define VERS_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define VERS_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) VERS_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY VERS_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) VERS_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) VERS_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) VERS_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) VERS_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) VERS_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) VERS_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) VERS_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define RETURN_CAPABILITY(x) VERS_THREAD_ANNOTATION(lock_returned(x))
#define NO_THREAD_SAFETY_ANALYSIS VERS_THREAD_ANNOTATION(no_thread_safety_analysis)
