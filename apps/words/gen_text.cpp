// gen_text.cpp: courier-words-gen BYTES [SEED] writes BYTES bytes of invented, deterministic
// prose to stdout: sentences of words drawn from a Zipf distribution (s = 1) over a vocabulary
// of 30,000 made-up words (a few with UTF-8 letters), capitalised, punctuated, in lines of about
// 70 characters. The same BYTES and SEED give the same text on every machine: it uses its own
// random generator and no floating point beyond IEEE double arithmetic.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// SplitMix64 is a small, fast, fully specified random generator (std's distributions are not
// the same on every standard library, so they are not used).
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // below() is uniform in [0, n).
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  // unit() is uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

constexpr std::array<const char*, 40> kSyllables = {
    "ka", "lo", "mi", "ne", "ru", "sa", "to",        "vi",        "be", "do",
    "fa", "gu", "ha", "je", "ko", "la", "mo",        "nu",        "pe", "ri",
    "si", "ta", "ve", "zo", "an", "el", "in",        "or",        "um", "es",
    "th", "ch", "st", "qu", "wa", "yo", "r\xC3\xA9", "\xC3\xB8l", "xi", "br"};

// word() spells number `i` (from 1) in bijective base 40, one syllable per digit: every number
// gets its own word, and small (frequent) numbers get short words.
std::string word(std::uint64_t i) {
  std::string w;
  while (i > 0) {
    --i;
    w.insert(0, kSyllables[i % kSyllables.size()]);
    i /= kSyllables.size();
  }
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: courier-words-gen BYTES [SEED]\n");
    return 2;
  }
  const std::uint64_t bytes = std::strtoull(argv[1], nullptr, 10);
  SplitMix64 random(argc == 3 ? std::strtoull(argv[2], nullptr, 10) : 1);

  constexpr std::size_t kVocabulary = 30000;
  std::vector<std::string> words(kVocabulary);
  std::vector<double> cdf(kVocabulary);
  double sum = 0;
  for (std::size_t r = 0; r < kVocabulary; ++r) {
    words[r] = word(r + 1);
    sum += 1.0 / static_cast<double>(r + 1);
    cdf[r] = sum;
  }
  for (double& c : cdf) c /= sum;

  std::string out;
  out.reserve(1 << 20);
  std::uint64_t written = 0;
  std::size_t line = 0;
  bool sentence_start = true;
  while (written < bytes) {
    const auto at = std::lower_bound(cdf.begin(), cdf.end(), random.unit());
    std::string w = words[std::min<std::size_t>(at - cdf.begin(), kVocabulary - 1)];
    if (sentence_start) w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    sentence_start = false;
    out += w;
    line += w.size();
    const std::uint64_t end = random.below(100);
    if (end < 7) {
      out += '.';
      sentence_start = true;
    } else if (end < 12) {
      out += ',';
    } else if (end == 12) {
      out += '?';
      sentence_start = true;
    }
    if (line > 70) {
      out += '\n';
      line = 0;
    } else {
      out += ' ';
      ++line;
    }
    if (out.size() >= (1 << 20) || written + out.size() >= bytes) {
      const std::size_t n =
          static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), bytes - written));
      if (std::fwrite(out.data(), 1, n, stdout) != n) return 1;
      written += n;
      out.clear();
    }
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}
