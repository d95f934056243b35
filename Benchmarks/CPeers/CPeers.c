#include "CPeers.h"

#include <stdlib.h>
#include <string.h>

size_t cpeers_length_scan(const uint8_t *bytes, size_t count, int header, uint64_t *payload_bytes) {
    size_t offset = 0, frames = 0;
    uint64_t total = 0;
    while (count - offset >= (size_t)header) {
        const uint8_t *p = bytes + offset;
        size_t length;
        switch (header) {
        case 1: length = p[0]; break;
        case 2: length = ((size_t)p[0] << 8) | p[1]; break;
        default: length = ((size_t)p[0] << 24) | ((size_t)p[1] << 16) | ((size_t)p[2] << 8) | p[3]; break;
        }
        if (count - offset - (size_t)header < length) break;
        offset += (size_t)header + length;
        total += length;
        frames++;
    }
    *payload_bytes = total;
    return frames;
}

size_t cpeers_memchr_lines(const uint8_t *bytes, size_t count, uint8_t delimiter, size_t line_length,
                           uint64_t *line_bytes) {
    size_t offset = 0, lines = 0;
    uint64_t total = 0;
    while (offset < count) {
        size_t window = count - offset;
        if (line_length > 0 && window > line_length) window = line_length;
        const uint8_t *found = memchr(bytes + offset, delimiter, window);
        size_t length;
        if (found) {
            length = (size_t)(found - (bytes + offset)) + 1;
        } else if (line_length > 0 && window == line_length) {
            length = line_length;
        } else {
            break;
        }
        offset += length;
        total += length;
        lines++;
    }
    *line_bytes = total;
    return lines;
}

size_t cpeers_line_framer(const uint8_t *bytes, size_t count, size_t chunk, uint8_t delimiter,
                          uint64_t *line_bytes) {
    size_t capacity = chunk + 65536, start = 0, end = 0, scanned = 0, lines = 0;
    uint64_t total = 0;
    uint8_t *buffer = malloc(capacity);
    if (buffer == NULL) return 0;
    for (size_t offset = 0; offset < count;) {
        size_t n = count - offset < chunk ? count - offset : chunk;
        if (end + n > capacity) {
            memmove(buffer, buffer + start, end - start);
            end -= start;
            scanned -= start;
            start = 0;
            if (end + n > capacity) {
                capacity = 2 * (end + n);
                uint8_t *grown = realloc(buffer, capacity);
                if (grown == NULL) break;
                buffer = grown;
            }
        }
        if (n <= 8) {
            for (size_t i = 0; i < n; i++) buffer[end + i] = bytes[offset + i];
        } else {
            memcpy(buffer + end, bytes + offset, n);
        }
        end += n;
        offset += n;
        for (;;) {
            const uint8_t *found = NULL;
            if (end - scanned <= 8) {
                for (size_t i = scanned; i < end; i++) {
                    if (buffer[i] == delimiter) {
                        found = buffer + i;
                        break;
                    }
                }
            } else {
                found = memchr(buffer + scanned, delimiter, end - scanned);
            }
            if (found == NULL) {
                scanned = end;
                break;
            }
            size_t length = (size_t)(found - (buffer + start)) + 1;
            total += length;
            lines++;
            start += length;
            scanned = start;
        }
    }
    free(buffer);
    *line_bytes = total;
    return lines;
}

size_t cpeers_encode(uint8_t *out, const uint8_t *payload, size_t payload_count, size_t frames, int header) {
    uint8_t *p = out;
    for (size_t i = 0; i < frames; i++) {
        switch (header) {
        case 1: p[0] = (uint8_t)payload_count; break;
        case 2: p[0] = (uint8_t)(payload_count >> 8); p[1] = (uint8_t)payload_count; break;
        default:
            p[0] = (uint8_t)(payload_count >> 24); p[1] = (uint8_t)(payload_count >> 16);
            p[2] = (uint8_t)(payload_count >> 8); p[3] = (uint8_t)payload_count;
            break;
        }
        p += header;
        memcpy(p, payload, payload_count);
        p += payload_count;
    }
    return (size_t)(p - out);
}

uint32_t cpeers_crc32(const uint8_t *bytes, size_t count) {
    static uint32_t table[256];
    static int ready = 0;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = 1;
    }
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < count; i++) crc = table[(crc ^ bytes[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}
