// Tests of courier::Expected and courier::Unexpected: the std::expected subset Courier uses, with a
// trivial, a non-trivial and a move-only value and error type, its copy/move traits, and the
// lifetime of what it holds across assignments.
#include "courier/expected.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace {

using courier::BadExpectedAccess;
using courier::Expected;
using courier::Unexpected;

// Each case gives a value type and an error type, a way to make distinct instances of both, and
// a way to compare them by content (a unique_ptr compares by what it points to).
struct TrivialCase {
  using Value = int;
  using Error = long;
  static Value value(int n) { return n; }
  static Error error(int n) { return n; }
  static int read(const Value& v) { return v; }
  static long read_error(const Error& e) { return e; }
};
struct NonTrivialCase {
  using Value = std::string;
  using Error = std::string;
  static Value value(int n) { return "value number " + std::to_string(n) + " on the heap"; }
  static Error error(int n) { return "error number " + std::to_string(n) + " on the heap"; }
  static std::string read(const Value& v) { return v; }
  static std::string read_error(const Error& e) { return e; }
};
struct MoveOnlyCase {
  using Value = std::unique_ptr<int>;
  using Error = std::unique_ptr<std::string>;
  static Value value(int n) { return std::make_unique<int>(n); }
  static Error error(int n) { return std::make_unique<std::string>(std::to_string(n)); }
  static int read(const Value& v) { return *v; }
  static std::string read_error(const Error& e) { return *e; }
};

template <class Case>
class ExpectedTest : public ::testing::Test {};
using Cases = ::testing::Types<TrivialCase, NonTrivialCase, MoveOnlyCase>;
TYPED_TEST_SUITE(ExpectedTest, Cases);

TYPED_TEST(ExpectedTest, HoldsAValue) {
  using C = TypeParam;
  Expected<typename C::Value, typename C::Error> r = C::value(1);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(C::read(*r), C::read(C::value(1)));
  if constexpr (std::is_copy_constructible_v<typename C::Error>) {  // it may throw a copy of it
    EXPECT_EQ(C::read(std::as_const(r).value()), C::read(C::value(1)));
  }
  EXPECT_EQ(C::read(std::move(r).value()), C::read(C::value(1)));
}

TYPED_TEST(ExpectedTest, HoldsAnError) {
  using C = TypeParam;
  Expected<typename C::Value, typename C::Error> r = Unexpected(C::error(2));
  ASSERT_FALSE(r.has_value());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(C::read_error(r.error()), C::read_error(C::error(2)));
  typename C::Error taken = std::move(r).error();
  EXPECT_EQ(C::read_error(taken), C::read_error(C::error(2)));
}

TYPED_TEST(ExpectedTest, MovesKeepTheSide) {
  using C = TypeParam;
  using R = Expected<typename C::Value, typename C::Error>;
  R value = C::value(3);
  R moved_value(std::move(value));
  ASSERT_TRUE(moved_value.has_value());
  EXPECT_EQ(C::read(*moved_value), C::read(C::value(3)));
  R error = Unexpected(C::error(4));
  R moved_error(std::move(error));
  ASSERT_FALSE(moved_error.has_value());
  EXPECT_EQ(C::read_error(moved_error.error()), C::read_error(C::error(4)));
}

// Every pair of sides a move assignment can switch between, target first.
TYPED_TEST(ExpectedTest, MoveAssignmentSwitchesSides) {
  using C = TypeParam;
  using R = Expected<typename C::Value, typename C::Error>;
  for (const bool from_value : {true, false}) {
    for (const bool to_value : {true, false}) {
      R target = from_value ? R(C::value(5)) : R(Unexpected(C::error(5)));
      R source = to_value ? R(C::value(6)) : R(Unexpected(C::error(6)));
      target = std::move(source);
      ASSERT_EQ(target.has_value(), to_value);
      if (to_value) {
        EXPECT_EQ(C::read(*target), C::read(C::value(6)));
      } else {
        EXPECT_EQ(C::read_error(target.error()), C::read_error(C::error(6)));
      }
    }
  }
}

TYPED_TEST(ExpectedTest, ValueThrowsTheError) {
  using C = TypeParam;
  Expected<typename C::Value, typename C::Error> r = Unexpected(C::error(7));
  try {
    (void)std::move(r).value();
    FAIL() << "value() of an error returned";
  } catch (const BadExpectedAccess<typename C::Error>& e) {
    EXPECT_EQ(C::read_error(e.error()), C::read_error(C::error(7)));
  }
}

TEST(Expected, ValueOfAnErrorIsCatchableWithoutItsType) {
  const Expected<int, std::string> r = Unexpected(std::string("gone"));
  EXPECT_THROW((void)r.value(), BadExpectedAccess<void>);
  try {
    (void)r.value();
  } catch (const BadExpectedAccess<std::string>& e) {
    EXPECT_EQ(e.error(), "gone");  // a copy: r keeps its error
    EXPECT_EQ(r.error(), "gone");
  }
}

TEST(Expected, OperatorArrowReachesTheValue) {
  Expected<std::string, int> r = std::string("abc");
  EXPECT_EQ(r->size(), 3u);
  r->push_back('d');
  EXPECT_EQ(*r, "abcd");
}

TEST(Expected, ValueOrFallsBackOnlyOnError) {
  const Expected<std::string, int> value = std::string("kept");
  const Expected<std::string, int> error = Unexpected(1);
  EXPECT_EQ(value.value_or("fallback"), "kept");
  EXPECT_EQ(error.value_or("fallback"), "fallback");
}

TEST(Expected, ValueOrMovesAMoveOnlyValue) {
  Expected<std::unique_ptr<int>, int> r = std::make_unique<int>(8);
  std::unique_ptr<int> taken = std::move(r).value_or(nullptr);
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(*taken, 8);
}

TEST(Expected, EqualityComparesTheHeldSide) {
  using R = Expected<int, std::string>;
  EXPECT_EQ(R(1), R(1));
  EXPECT_NE(R(1), R(2));
  EXPECT_NE(R(1), R(Unexpected(std::string("1"))));
  EXPECT_EQ(R(Unexpected(std::string("e"))), R(Unexpected(std::string("e"))));
  EXPECT_TRUE(R(1) == 1);
  EXPECT_FALSE(R(Unexpected(std::string("e"))) == 1);
  EXPECT_TRUE(R(Unexpected(std::string("e"))) == Unexpected(std::string("e")));
  EXPECT_FALSE(R(1) == Unexpected(std::string("e")));
  EXPECT_TRUE(Unexpected(3) == Unexpected(3L));
}

TEST(Expected, VoidIsASuccessOrAnError) {
  using R = Expected<void, std::string>;
  R ok;
  EXPECT_TRUE(ok.has_value());
  EXPECT_NO_THROW(ok.value());
  R failed = Unexpected(std::string("no"));
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), "no");
  EXPECT_THROW(failed.value(), BadExpectedAccess<std::string>);
  EXPECT_EQ(ok, R());
  EXPECT_NE(ok, failed);
  EXPECT_EQ(failed, R(Unexpected(std::string("no"))));
  ok = failed;
  EXPECT_EQ(ok.error(), "no");
  failed = R();
  EXPECT_TRUE(failed.has_value());
}

TEST(Expected, VoidWithAMoveOnlyError) {
  using R = Expected<void, std::unique_ptr<int>>;
  R failed = Unexpected(std::make_unique<int>(9));
  R moved = std::move(failed);
  ASSERT_FALSE(moved.has_value());
  EXPECT_EQ(*moved.error(), 9);
  static_assert(!std::is_copy_constructible_v<R> && std::is_nothrow_move_constructible_v<R>);
}

TEST(Expected, UnexpectedDeducesItsErrorType) {
  static_assert(std::is_same_v<decltype(Unexpected(1)), Unexpected<int>>);
  static_assert(std::is_same_v<decltype(Unexpected("text")), Unexpected<const char*>>);
  const Expected<int, std::string> r = Unexpected("converted");
  EXPECT_EQ(r.error(), "converted");
}

// The traits that decide how an Expected is passed and stored follow those of T and E.
TEST(Expected, TraitsFollowTheHeldTypes) {
  static_assert(std::is_trivially_copyable_v<Expected<int, long>>);
  static_assert(std::is_trivially_copyable_v<Expected<void, int>>);
  static_assert(!std::is_trivially_copyable_v<Expected<std::string, int>>);
  static_assert(std::is_nothrow_move_constructible_v<Expected<std::string, std::string>>);
  static_assert(std::is_copy_constructible_v<Expected<std::string, std::string>>);
  static_assert(!std::is_copy_constructible_v<Expected<std::unique_ptr<int>, int>>);
  static_assert(!std::is_copy_assignable_v<Expected<int, std::unique_ptr<int>>>);
  static_assert(std::is_move_assignable_v<Expected<std::unique_ptr<int>, int>>);
  static_assert(!std::is_convertible_v<Expected<int, int>, bool>, "operator bool is explicit");
  static_assert(noexcept(*std::declval<Expected<std::string, int>&>()));
  static_assert(!noexcept(std::declval<Expected<std::string, int>&>().value()));
  SUCCEED();
}

TEST(Expected, UsableInConstantExpressions) {
  constexpr Expected<int, int> value = 5;
  constexpr Expected<int, int> error = Unexpected(6);
  static_assert(value.value() == 5 && *value == 5 && value.value_or(0) == 5);
  static_assert(!error.has_value() && error.error() == 6 && error.value_or(0) == 0);
  SUCCEED();
}

// Counted counts the live instances of both kinds, so that a test sees every construction matched
// by exactly one destruction. Its copy throws on request; its move may throw unless
// kNothrowMove, so an assignment that switches into a Counted<false> must keep the old content
// when building it fails.
inline int live_counted = 0;
inline bool counted_copy_throws = false;
template <bool kNothrowMove>
struct Counted {
  int id;
  explicit Counted(int n) : id(n) { ++live_counted; }
  Counted(const Counted& other) : id(other.id) {
    if (counted_copy_throws) throw std::runtime_error("copy refused");
    ++live_counted;
  }
  Counted(Counted&& other) noexcept(kNothrowMove) : id(other.id) { ++live_counted; }
  Counted& operator=(const Counted&) = default;
  Counted& operator=(Counted&&) = default;
  ~Counted() { --live_counted; }
};

TEST(Expected, EveryHeldObjectIsDestroyedOnce) {
  live_counted = 0;
  {
    using R = Expected<Counted<false>, Counted<true>>;
    R a = Counted<false>(1);
    R b = Unexpected(Counted<true>(2));
    R c = a;
    a = b;
    b = c;
    c = std::move(a);
    EXPECT_EQ(live_counted, 3);
  }
  EXPECT_EQ(live_counted, 0);
}

// Switching from an error to a value whose copy throws keeps the error: the strong guarantee
// std::expected gives when one side moves without throwing.
TEST(Expected, AFailedSwitchKeepsTheOldSide) {
  using R = Expected<Counted<false>, std::string>;
  const R value = Counted<false>(3);
  R target = Unexpected(std::string("before"));
  counted_copy_throws = true;
  EXPECT_THROW(target = value, std::runtime_error);
  counted_copy_throws = false;
  ASSERT_FALSE(target.has_value());
  EXPECT_EQ(target.error(), "before");
  target = value;
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->id, 3);
}

}  // namespace
