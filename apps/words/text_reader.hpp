// text_reader.hpp: the pipeline's source: a file read in chunks.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "courier/config/params.hpp"
#include "courier/config/registry.hpp"
#include "messages.hpp"

namespace courier::apps::words {

// TextReader streams the file `path` to its port "chunks", `chunk_bytes` at a time, each chunk
// cut after its last separator (the rest starts the next chunk), so memory holds a few chunks,
// never the file. A word longer than a chunk makes that chunk longer. At end of file it stops
// itself, which ends the pipeline once every chunk is handled. The file is opened by the
// constructor, so a missing or unreadable file fails the launch with a clear message.
// Thread-safety: an actor; its methods run one at a time.
class TextReader final : public Actor<ReadNext> {
 public:
  struct Params {
    std::string path;
    std::int64_t chunk_bytes = 256 * 1024;
    static constexpr auto fields = config::fields(
        config::param("path", &Params::path, "a missing or unreadable file fails the launch")
            .required(),
        config::param("chunk_bytes", &Params::chunk_bytes, "chunks end at a separator")
            .within(1, std::int64_t{1} << 30));
    // check() refuses an empty path, which the declaration cannot.
    [[nodiscard]] std::vector<config::ParamError> check() const;
  };
  static constexpr auto chunks = port<Chunk>("chunks");
  static constexpr auto ports = courier::ports(chunks);

  TextReader(const Params& params, const Outputs& outputs);
  ~TextReader() override;
  TextReader(const TextReader&) = delete;
  TextReader& operator=(const TextReader&) = delete;

  void on_start(Context& ctx) override;
  void on_message(ReadNext next, Context& ctx) override;

 private:
  // fill() appends up to `n` bytes of the file to `text`; false at end of file.
  bool fill(std::string& text, std::size_t n);

  std::string path_;
  std::size_t chunk_bytes_;
  Output<Chunk> out_;
  int fd_ = -1;
  std::string carry_;  // the start of a word cut by the last read
  std::shared_ptr<Recycler<std::string>> buffers_;
};

}  // namespace courier::apps::words
