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

/// A part of a parsed HTTP head: where it starts in the buffer and how long it is.
typedef struct {
    const uint8_t *at;
    size_t length;
} cpeers_span;

typedef struct {
    cpeers_span name, value;
} cpeers_http_field;

enum { CPEERS_HTTP_MAX_HEADERS = 64 };

/// An HTTP/1.x request head as pointer-and-length parsers give it (nothing classified).
typedef struct {
    cpeers_span method, target;
    int minor_version;
    size_t header_count;
    cpeers_http_field headers[CPEERS_HTTP_MAX_HEADERS];
} cpeers_http_head;

/// Parses the request head at the start of `bytes` into `head` (see `HTTPHeads.c`): the head's
/// length in bytes, 0 when it is not complete yet, -1 when it is malformed.
long cpeers_http_request(const uint8_t *bytes, size_t count, cpeers_http_head *head);

/// Parses request heads one after another over the whole stream in place. Returns the number of
/// heads; `*weight` gets the sum of the lengths of their parts (what a server reads).
size_t cpeers_http_heads(const uint8_t *bytes, size_t count, uint64_t *weight);

/// The same fed `chunk` bytes at a time as from socket reads: each chunk copied into one buffer
/// (chunk + 64 KiB, the unfinished head moved to the front when the chunk does not fit), then every
/// complete head parsed; an incomplete one is parsed again from its start after the next chunk.
size_t cpeers_http_framer(const uint8_t *bytes, size_t count, size_t chunk, uint64_t *weight);

#endif
