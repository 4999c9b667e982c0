// expected.hpp: courier::Expected<T, E>, a value or the error that prevented it, and
// courier::Unexpected<E>, the wrapper that says "this is the error".
//
// Why not std::expected: Debian 12's libstdc++ 12 declares std::expected only for a compiler that
// claims complete C++20 concepts (__cpp_concepts >= 202002), which clang 14 and clang 16 do not,
// so every Courier header failed under clang and clangd. Why not an alias that is std::expected
// under g++ and this type under clang: a library built by g++ and a program built by clang must
// see one and the same type in every signature, or they disagree on layout and mangled names
// (an ABI and one-definition-rule break). So every compiler uses this type.
//
// The interface is the subset of C++23 std::expected that Courier uses, with the same meaning:
// has_value(), explicit operator bool, operator* and operator-> (unchecked), value() (throws
// BadExpectedAccess<E> when there is an error), error(), value_or() and equality. Code written
// against std::expected converts with a rename (docs/mailbox.md#results has the whole command):
//   std::expected -> courier::Expected, std::unexpected -> courier::Unexpected,
//   std::bad_expected_access -> courier::BadExpectedAccess,
//   #include <expected> -> #include "courier/expected.hpp".
#pragma once

#include <exception>
#include <memory>
#include <type_traits>
#include <utility>

namespace courier {

// Unexpected<E> carries an error into an Expected: `return courier::Unexpected(Status::closed);`.
// Thread-safety: a plain value; concurrent reads are safe, a write needs exclusive access.
template <class E>
class Unexpected {
 public:
  template <class G = E>
  requires(
      !std::is_same_v<std::remove_cvref_t<G>, Unexpected> &&
      std::is_constructible_v<
          E, G>) constexpr explicit Unexpected(G&& err) noexcept(std::is_nothrow_constructible_v<E,
                                                                                                 G>)
      : error_(std::forward<G>(err)) {}

  [[nodiscard]] constexpr E& error() & noexcept { return error_; }
  [[nodiscard]] constexpr const E& error() const& noexcept { return error_; }
  [[nodiscard]] constexpr E&& error() && noexcept { return std::move(error_); }
  [[nodiscard]] constexpr const E&& error() const&& noexcept { return std::move(error_); }

  template <class G>
  [[nodiscard]] friend constexpr bool operator==(const Unexpected& a, const Unexpected<G>& b) {
    return a.error_ == b.error();
  }

 private:
  E error_;
};

template <class E>
Unexpected(E) -> Unexpected<E>;

template <class E>
class BadExpectedAccess;

// BadExpectedAccess<void> is what value() throws, whatever the error type: catch it to handle
// every Expected at once.
template <>
class BadExpectedAccess<void> : public std::exception {
 public:
  [[nodiscard]] const char* what() const noexcept override {
    return "courier::Expected::value() called on an Expected that holds an error";
  }
};

// BadExpectedAccess<E> is what value() throws when the Expected holds an error; it carries a copy
// (or, from an rvalue Expected, the moved) error.
template <class E>
class BadExpectedAccess : public BadExpectedAccess<void> {
 public:
  explicit BadExpectedAccess(E err) noexcept(std::is_nothrow_move_constructible_v<E>)
      : error_(std::move(err)) {}

  [[nodiscard]] E& error() & noexcept { return error_; }
  [[nodiscard]] const E& error() const& noexcept { return error_; }
  [[nodiscard]] E&& error() && noexcept { return std::move(error_); }
  [[nodiscard]] const E&& error() const&& noexcept { return std::move(error_); }

 private:
  E error_;
};

template <class T, class E>
class Expected;

namespace detail {

// ExpectedUnit is what an Expected<void, E> stores as its value.
struct ExpectedUnit {
  friend constexpr bool operator==(ExpectedUnit, ExpectedUnit) noexcept { return true; }
};

// ExpectedErrorTag selects the constructor that builds the error.
struct ExpectedErrorTag {};

template <class T>
inline constexpr bool kIsUnexpected = false;
template <class E>
inline constexpr bool kIsUnexpected<Unexpected<E>> = true;

template <class T>
inline constexpr bool kIsExpected = false;
template <class T, class E>
inline constexpr bool kIsExpected<Expected<T, E>> = true;

// ExpectedStorage holds a value or an error in one union and remembers which. When both types are
// trivially copyable it is too (copied with memcpy, passed in registers), because the union's
// defaulted members are then trivial.
template <class V, class E,
          bool = std::is_trivially_copyable_v<V>&& std::is_trivially_copyable_v<E>>
class ExpectedStorage {
 protected:
  template <class... A>
  constexpr explicit ExpectedStorage(std::in_place_t,
                                     A&&... a) noexcept(std::is_nothrow_constructible_v<V, A...>)
      : value_(std::forward<A>(a)...), has_value_(true) {}
  template <class... A>
  constexpr explicit ExpectedStorage(ExpectedErrorTag,
                                     A&&... a) noexcept(std::is_nothrow_constructible_v<E, A...>)
      : error_(std::forward<A>(a)...), has_value_(false) {}

  union {
    V value_;
    E error_;
  };
  bool has_value_;
};

// This ExpectedStorage copies, moves and destroys whichever member is alive. An assignment that
// switches between value and error keeps the strong guarantee where std::expected does: when
// building the new member can throw, it is built aside first, or the old one is kept aside and
// put back.
template <class V, class E>
class ExpectedStorage<V, E, false> {
 protected:
  template <class... A>
  constexpr explicit ExpectedStorage(std::in_place_t,
                                     A&&... a) noexcept(std::is_nothrow_constructible_v<V, A...>)
      : value_(std::forward<A>(a)...), has_value_(true) {}
  template <class... A>
  constexpr explicit ExpectedStorage(ExpectedErrorTag,
                                     A&&... a) noexcept(std::is_nothrow_constructible_v<E, A...>)
      : error_(std::forward<A>(a)...), has_value_(false) {}

  constexpr ExpectedStorage(const ExpectedStorage& other) noexcept(
      std::is_nothrow_copy_constructible_v<V>&& std::is_nothrow_copy_constructible_v<E>)
      : has_value_(other.has_value_) {
    if (has_value_) {
      std::construct_at(std::addressof(value_), other.value_);
    } else {
      std::construct_at(std::addressof(error_), other.error_);
    }
  }
  constexpr ExpectedStorage(ExpectedStorage&& other) noexcept(
      std::is_nothrow_move_constructible_v<V>&& std::is_nothrow_move_constructible_v<E>)
      : has_value_(other.has_value_) {
    if (has_value_) {
      std::construct_at(std::addressof(value_), std::move(other.value_));
    } else {
      std::construct_at(std::addressof(error_), std::move(other.error_));
    }
  }
  constexpr ExpectedStorage& operator=(const ExpectedStorage& other) noexcept(
      std::is_nothrow_copy_constructible_v<V>&& std::is_nothrow_copy_assignable_v<V>&&
          std::is_nothrow_copy_constructible_v<E>&& std::is_nothrow_copy_assignable_v<E>) {
    assign(other);
    return *this;
  }
  constexpr ExpectedStorage& operator=(ExpectedStorage&& other) noexcept(
      std::is_nothrow_move_constructible_v<V>&& std::is_nothrow_move_assignable_v<V>&&
          std::is_nothrow_move_constructible_v<E>&& std::is_nothrow_move_assignable_v<E>) {
    assign(std::move(other));
    return *this;
  }
  constexpr ~ExpectedStorage() {
    if (has_value_) {
      std::destroy_at(std::addressof(value_));
    } else {
      std::destroy_at(std::addressof(error_));
    }
  }

  union {
    V value_;
    E error_;
  };
  bool has_value_;

 private:
  template <class Other>
  constexpr void assign(Other&& other) {
    if (has_value_ && other.has_value_) {
      value_ = std::forward<Other>(other).value_;
    } else if (!has_value_ && !other.has_value_) {
      error_ = std::forward<Other>(other).error_;
    } else if (has_value_) {
      replace(value_, error_, std::forward<Other>(other).error_);
    } else {
      replace(error_, value_, std::forward<Other>(other).value_);
    }
    has_value_ = other.has_value_;
  }

  // replace() ends `old`'s lifetime and starts `fresh`'s (the other union member) from `arg`. If
  // that throws, `old` is alive again, unchanged.
  template <class Old, class New, class Arg>
  static constexpr void replace(Old& old, New& fresh, Arg&& arg) {
    if constexpr (std::is_nothrow_constructible_v<New, Arg>) {
      std::destroy_at(std::addressof(old));
      std::construct_at(std::addressof(fresh), std::forward<Arg>(arg));
    } else if constexpr (std::is_nothrow_move_constructible_v<New>) {
      New built(std::forward<Arg>(arg));
      std::destroy_at(std::addressof(old));
      std::construct_at(std::addressof(fresh), std::move(built));
    } else {
      static_assert(
          std::is_nothrow_move_constructible_v<Old>,
          "assigning an Expected needs a value or error type that moves without throwing");
      Old kept(std::move(old));
      std::destroy_at(std::addressof(old));
      try {
        std::construct_at(std::addressof(fresh), std::forward<Arg>(arg));
      } catch (...) {
        std::construct_at(std::addressof(old), std::move(kept));
        throw;
      }
    }
  }
};

// ExpectedCopyGate deletes copying an Expected whose value or error cannot be copied (a move-only
// message, a permit), so that std::is_copy_constructible and friends tell the truth.
template <bool CopyConstructible, bool CopyAssignable>
struct ExpectedCopyGate {};
template <>
struct ExpectedCopyGate<true, false> {
  ExpectedCopyGate() = default;
  ExpectedCopyGate(const ExpectedCopyGate&) = default;
  ExpectedCopyGate(ExpectedCopyGate&&) = default;
  ExpectedCopyGate& operator=(const ExpectedCopyGate&) = delete;
  ExpectedCopyGate& operator=(ExpectedCopyGate&&) = default;
};
template <>
struct ExpectedCopyGate<false, false> {
  ExpectedCopyGate() = default;
  ExpectedCopyGate(const ExpectedCopyGate&) = delete;
  ExpectedCopyGate(ExpectedCopyGate&&) = default;
  ExpectedCopyGate& operator=(const ExpectedCopyGate&) = delete;
  ExpectedCopyGate& operator=(ExpectedCopyGate&&) = default;
};

template <class V, class E>
inline constexpr bool kCopyConstructible =
    std::is_copy_constructible_v<V>&& std::is_copy_constructible_v<E>;

// ExpectedBase is what Expected<T, E> and Expected<void, E> share: storage, the error side and
// the tests for which side is held.
template <class V, class E>
class ExpectedBase
    : protected ExpectedStorage<V, E>,
      private ExpectedCopyGate<kCopyConstructible<V, E>, kCopyConstructible<V, E> &&
                                                             std::is_copy_assignable_v<V> &&
                                                             std::is_copy_assignable_v<E>> {
  using Storage = ExpectedStorage<V, E>;

 public:
  using error_type = E;
  using unexpected_type = Unexpected<E>;

  template <class G>
  requires std::is_constructible_v<E, const G&>
  constexpr explicit(!std::is_convertible_v<const G&, E>)
      ExpectedBase(const Unexpected<G>& u) noexcept(std::is_nothrow_constructible_v<E, const G&>)
      : Storage(ExpectedErrorTag{}, u.error()) {}
  template <class G>
  requires std::is_constructible_v<E, G>
  constexpr explicit(!std::is_convertible_v<G, E>)
      ExpectedBase(Unexpected<G>&& u) noexcept(std::is_nothrow_constructible_v<E, G>)
      : Storage(ExpectedErrorTag{}, std::move(u).error()) {}
  template <class... A>
  requires std::is_constructible_v<V, A...>
  constexpr explicit ExpectedBase(std::in_place_t,
                                  A&&... a) noexcept(std::is_nothrow_constructible_v<V, A...>)
      : Storage(std::in_place, std::forward<A>(a)...) {}

  [[nodiscard]] constexpr bool has_value() const noexcept { return this->has_value_; }
  constexpr explicit operator bool() const noexcept { return this->has_value_; }

  // error() is the error; only when !has_value().
  [[nodiscard]] constexpr E& error() & noexcept { return this->error_; }
  [[nodiscard]] constexpr const E& error() const& noexcept { return this->error_; }
  [[nodiscard]] constexpr E&& error() && noexcept { return std::move(this->error_); }
  [[nodiscard]] constexpr const E&& error() const&& noexcept { return std::move(this->error_); }

 protected:
  // throw_error() is value()'s failure: the error travels in the exception.
  template <class Self>
  [[noreturn]] static void throw_error(Self&& self) {
    throw BadExpectedAccess<E>(std::forward<Self>(self).error_);
  }
};

}  // namespace detail

// Expected<T, E> is the result of an operation that gives a T or fails with an E: either a value
// (has_value(), *r, r.value()) or an error (r.error()), built from a T or from an Unexpected<E>.
// Thread-safety: a plain value; concurrent reads are safe, a write needs exclusive access.
template <class T, class E>
class Expected : public detail::ExpectedBase<T, E> {
  using Base = detail::ExpectedBase<T, E>;
  static_assert(!std::is_reference_v<T> && !detail::kIsUnexpected<std::remove_cv_t<T>> &&
                    !std::is_same_v<std::remove_cv_t<T>, std::in_place_t>,
                "Expected<T, E> needs T to be an object type other than Unexpected or in_place_t");

 public:
  using value_type = T;
  using Base::Base;

  constexpr Expected() noexcept(
      std::is_nothrow_default_constructible_v<T>) requires std::is_default_constructible_v<T>
      : Base(std::in_place) {}

  template <class U = T>
  requires(!std::is_same_v<std::remove_cvref_t<U>, Expected> &&
           !std::is_same_v<std::remove_cvref_t<U>, std::in_place_t> &&
           !detail::kIsUnexpected<std::remove_cvref_t<U>> &&
           std::is_constructible_v<T, U>) constexpr explicit(!std::is_convertible_v<U, T>)
      Expected(U&& value) noexcept(std::is_nothrow_constructible_v<T, U>)
      : Base(std::in_place, std::forward<U>(value)) {}

  // operator* and operator-> are the value, unchecked: only when has_value().
  [[nodiscard]] constexpr T& operator*() & noexcept { return this->value_; }
  [[nodiscard]] constexpr const T& operator*() const& noexcept { return this->value_; }
  [[nodiscard]] constexpr T&& operator*() && noexcept { return std::move(this->value_); }
  [[nodiscard]] constexpr const T&& operator*() const&& noexcept { return std::move(this->value_); }
  [[nodiscard]] constexpr T* operator->() noexcept { return std::addressof(this->value_); }
  [[nodiscard]] constexpr const T* operator->() const noexcept {
    return std::addressof(this->value_);
  }

  // value() is the value, or throws BadExpectedAccess<E> holding the error.
  [[nodiscard]] constexpr T& value() & {
    if (!this->has_value_) Base::throw_error(std::as_const(*this));
    return this->value_;
  }
  [[nodiscard]] constexpr const T& value() const& {
    if (!this->has_value_) Base::throw_error(*this);
    return this->value_;
  }
  [[nodiscard]] constexpr T&& value() && {
    if (!this->has_value_) Base::throw_error(std::move(*this));
    return std::move(this->value_);
  }
  [[nodiscard]] constexpr const T&& value() const&& {
    if (!this->has_value_) Base::throw_error(std::move(*this));
    return std::move(this->value_);
  }

  // value_or() is the value, or `fallback` converted to T when there is an error.
  template <class U>
  [[nodiscard]] constexpr T value_or(U&& fallback) const& noexcept(
      std::is_nothrow_copy_constructible_v<T>&& std::is_nothrow_convertible_v<U, T>) {
    return this->has_value_ ? this->value_ : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  [[nodiscard]] constexpr T value_or(U&& fallback) && noexcept(
      std::is_nothrow_move_constructible_v<T>&& std::is_nothrow_convertible_v<U, T>) {
    return this->has_value_ ? std::move(this->value_) : static_cast<T>(std::forward<U>(fallback));
  }

  // Two Expecteds are equal when both hold equal values or both hold equal errors.
  template <class T2, class E2>
  requires(!std::is_void_v<T2>) [[nodiscard]] friend constexpr bool operator==(
      const Expected& x, const Expected<T2, E2>& y) {
    if (x.has_value() != y.has_value()) return false;
    return x.has_value() ? *x == *y : x.error() == y.error();
  }
  // An Expected equals an Unexpected when it holds an equal error.
  template <class G>
  [[nodiscard]] friend constexpr bool operator==(const Expected& x, const Unexpected<G>& u) {
    return !x.has_value() && x.error() == u.error();
  }
  // An Expected equals a value when it holds an equal value.
  template <class U>
  requires(!detail::kIsUnexpected<U> && !detail::kIsExpected<U>) [[nodiscard]] friend constexpr bool
  operator==(const Expected& x, const U& value) {
    return x.has_value() && static_cast<bool>(*x == value);
  }
};

// Expected<void, E> is the result of an operation that gives nothing or fails with an E.
// Thread-safety: a plain value; concurrent reads are safe, a write needs exclusive access.
template <class E>
class Expected<void, E> : public detail::ExpectedBase<detail::ExpectedUnit, E> {
  using Base = detail::ExpectedBase<detail::ExpectedUnit, E>;

 public:
  using value_type = void;
  using Base::Base;

  // The default Expected<void, E> is a success.
  constexpr Expected() noexcept : Base(std::in_place) {}

  constexpr void operator*() const noexcept {}

  // value() checks for success, or throws BadExpectedAccess<E> holding the error.
  constexpr void value() const& {
    if (!this->has_value_) Base::throw_error(*this);
  }
  constexpr void value() && {
    if (!this->has_value_) Base::throw_error(std::move(*this));
  }

  // Two Expected<void> are equal when both succeeded or both hold equal errors.
  template <class E2>
  [[nodiscard]] friend constexpr bool operator==(const Expected& x, const Expected<void, E2>& y) {
    if (x.has_value() != y.has_value()) return false;
    return x.has_value() || x.error() == y.error();
  }
  template <class G>
  [[nodiscard]] friend constexpr bool operator==(const Expected& x, const Unexpected<G>& u) {
    return !x.has_value() && x.error() == u.error();
  }
};

}  // namespace courier
