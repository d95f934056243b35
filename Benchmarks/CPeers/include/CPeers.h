// The physical-limit line of the benchmarks: what plain C does over the same bytes. No framing
// state, no ownership, no limits checked: one contiguous stream, walked once.
#ifndef CPEERS_H
#define CPEERS_H

#include <stddef.h>
#include <stdint.h>

/// Walks a stream of `header`-byte (1, 2 or 4) big-endian length-prefixed frames. Returns the
/// number of whole frames; `*payload_bytes` gets the sum of their payload lengths.
size_t cpeers_length_scan(const uint8_t *bytes, size_t count, int header, uint64_t *payload_bytes);

/// Splits a stream into lines ending with `delimiter` (the delimiter kept) with memchr; with
/// `line_length` > 0 a longer line is cut into pieces of at most `line_length` bytes, as Erlang's
/// line_length does. Returns the number of lines (pieces); `*line_bytes` gets their total length.
size_t cpeers_memchr_lines(const uint8_t *bytes, size_t count, uint8_t delimiter, size_t line_length,
                           uint64_t *line_bytes);

/// A minimal line framer in C, fed `chunk` bytes at a time as from socket reads: each chunk is
/// copied into one growing buffer, only the bytes not searched yet are searched (a byte loop for
/// a few, memchr beyond), each line is counted as delivered, and consumed bytes are dropped by
/// moving the rest to the front when the buffer is full. The floor a framer's per-call cost
/// sits on: with `chunk` 1 it shows what feeding one byte per call costs even in C. Returns the
/// number of lines; `*line_bytes` gets their total length.
size_t cpeers_line_framer(const uint8_t *bytes, size_t count, size_t chunk, uint8_t delimiter,
                          uint64_t *line_bytes);

/// Writes `frames` frames of a `header`-byte big-endian length and `payload_count` bytes of
/// `payload` into `out` (room for frames * (header + payload_count) bytes). Returns bytes written.
size_t cpeers_encode(uint8_t *out, const uint8_t *payload, size_t payload_count, size_t frames, int header);

/// CRC-32 (IEEE, as zlib and erlang:crc32/1), to check that two programs framed the same bytes.
uint32_t cpeers_crc32(const uint8_t *bytes, size_t count);

#endif
