// text_reader.cpp: opening, reading and cutting the text.
#include "text_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "word_scan.hpp"

namespace courier::apps::words {

namespace {

[[noreturn]] void fail(const std::string& path, const char* doing, int error) {
  std::string what = "text_reader: cannot ";
  what += doing;
  what += " \"";
  what += path;
  what += "\": ";
  what += std::strerror(error);
  throw std::runtime_error(what);
}

}  // namespace

std::vector<config::ParamError> TextReader::Params::check() const {
  if (path.empty()) return {{"/path", "expected the path of a file, found \"\""}};
  return {};
}

TextReader::TextReader(const Params& params, const Outputs& outputs)
    : path_(params.path),
      chunk_bytes_(static_cast<std::size_t>(params.chunk_bytes)),
      out_(outputs[chunks]),
      // As many buffers as can be in flight in a default topology; more are simply freed.
      buffers_(std::make_shared<Recycler<std::string>>(32)) {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) fail(path_, "open", errno);
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || S_ISDIR(st.st_mode)) {
    const int error = S_ISDIR(st.st_mode) ? EISDIR : errno;
    ::close(fd_);
    fd_ = -1;
    fail(path_, "read", error);
  }
}

TextReader::~TextReader() {
  if (fd_ >= 0) ::close(fd_);
}

void TextReader::on_start(Context& ctx) {
  (void)ctx.self<ReadNext>().send(ReadNext{});
}

bool TextReader::fill(std::string& text, std::size_t n) {
  const std::size_t had = text.size();
  std::size_t got = 0;
  int error = 0;
  // Read straight into the string, without zeroing the room first.
  text.resize_and_overwrite(had + n, [&](char* p, std::size_t) {
    while (got < n) {
      const ssize_t r = ::read(fd_, p + had + got, n - got);
      if (r == 0) break;
      if (r < 0) {
        if (errno == EINTR) continue;
        error = errno;
        break;
      }
      got += static_cast<std::size_t>(r);
    }
    return had + got;
  });
  if (error != 0) fail(path_, "read", error);
  return got > 0;
}

void TextReader::on_message(ReadNext next, Context& ctx) {
  (void)next;
  std::string text = buffers_->take();
  text.append(carry_);
  carry_.clear();
  for (;;) {
    const std::size_t scanned = text.size();
    if (!fill(text, chunk_bytes_)) {
      // End of file: what is left is whole words.
      if (!text.empty()) (void)out_.send(Chunk{std::move(text), buffers_});
      ctx.stop();
      return;
    }
    // The carried bytes are one cut word: only the new bytes can hold a separator.
    const std::size_t cut = last_separator(std::string_view(text).substr(scanned)) + (scanned);
    if (cut > scanned) {
      carry_.assign(text, cut);
      text.resize(cut);
      break;
    }
  }
  (void)out_.send(Chunk{std::move(text), buffers_});
  (void)ctx.self<ReadNext>().send(ReadNext{});
}

}  // namespace courier::apps::words
