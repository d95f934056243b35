// HTTP/1.x request heads parsed the way the fastest C parsers do it: the whole head in one call,
// into pointers and lengths, nothing classified (no method or field-name lookup), no state kept
// between calls (an incomplete head is parsed again from its start once more bytes are in).
// Checked as such parsers check: the method and the field names are token characters, the target
// and the values hold no control characters (a tab is allowed in a value), the version is
// `HTTP/1.` and a digit, and each line ends with CRLF or a bare LF; a folded line (obs-fold) is
// taken as a field without a name, and more than one space may separate the request line's parts.
//
// Stops are found sixteen bytes a compare with SSE2 (part of every x86-64), a byte at a time
// elsewhere and in the last fifteen bytes of the buffer.
#include "CPeers.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// RFC 9110's tchar: ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA.
static const uint8_t token_byte[256] = {
    ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['*'] = 1, ['+'] = 1,
    ['-'] = 1, ['.'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['|'] = 1, ['~'] = 1,
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
    ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

// The first byte from `p` that is below `floor`, or DEL; a tab does not stop when `tab_ok`.
// `end` when there is none.
static inline const uint8_t *next_stop(const uint8_t *p, const uint8_t *end, uint8_t floor, int tab_ok) {
#if defined(__SSE2__)
    const __m128i highest_low = _mm_set1_epi8((char)(floor - 1));
    const __m128i del = _mm_set1_epi8(0x7f);
    const __m128i tab = _mm_set1_epi8('\t');
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, highest_low), x), _mm_cmpeq_epi8(x, del));
        if (tab_ok) stop = _mm_andnot_si128(_mm_cmpeq_epi8(x, tab), stop);
        unsigned mask = (unsigned)_mm_movemask_epi8(stop);
        if (mask != 0) return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    for (; p < end; p++) {
        uint8_t c = *p;
        if ((c < floor && !(tab_ok && c == '\t')) || c == 0x7f) return p;
    }
    return end;
}

// After a line's content at `p`: CRLF or a bare LF. 1 with `*next` after it; 0 when the buffer
// ends first; -1 when something else is there.
static inline int line_end(const uint8_t *p, const uint8_t *end, const uint8_t **next) {
    if (p == end) return 0;
    if (*p == '\n') {
        *next = p + 1;
        return 1;
    }
    if (*p != '\r') return -1;
    if (p + 1 == end) return 0;
    if (p[1] != '\n') return -1;
    *next = p + 2;
    return 1;
}

// Parses the request head at the start of [p, end). The head's length; 0 when it is not complete;
// -1 when it is malformed or has more than CPEERS_HTTP_MAX_HEADERS fields.
long cpeers_http_request(const uint8_t *p, size_t count, cpeers_http_head *head) {
    const uint8_t *start = p, *end = p + count, *next;
    int ended;
    // One empty line before the request line is skipped, as servers do.
    if (p < end && (*p == '\r' || *p == '\n')) {
        ended = line_end(p, end, &next);
        if (ended <= 0) return ended;
        p = next;
    }
    // Method: one or more token bytes, then a space.
    head->method.at = p;
    while (p < end && token_byte[*p]) p++;
    if (p == end) return 0;
    if (*p != ' ' || p == head->method.at) return -1;
    head->method.length = (size_t)(p - head->method.at);
    // Target: up to the next space, no control bytes (spaces around it are skipped).
    while (++p < end && *p == ' ') {}
    head->target.at = p;
    p = next_stop(p, end, 0x21, 0);
    if (p == end) return 0;
    if (*p != ' ' || p == head->target.at) return -1;
    head->target.length = (size_t)(p - head->target.at);
    // Version.
    while (++p < end && *p == ' ') {}
    if (end - p < 8) {
        return memcmp(p, "HTTP/1.", (size_t)(end - p) < 7 ? (size_t)(end - p) : 7) == 0 ? 0 : -1;
    }
    if (memcmp(p, "HTTP/1.", 7) != 0 || p[7] < '0' || p[7] > '9') return -1;
    head->minor_version = p[7] - '0';
    ended = line_end(p + 8, end, &next);
    if (ended <= 0) return ended;
    p = next;
    // Fields, until the empty line.
    size_t fields = 0;
    for (;;) {
        if (p == end) return 0;
        if (*p == '\r' || *p == '\n') {
            ended = line_end(p, end, &next);
            if (ended <= 0) return ended;
            head->header_count = fields;
            return (long)(next - start);
        }
        if (fields == CPEERS_HTTP_MAX_HEADERS) return -1;
        cpeers_http_field *field = &head->headers[fields];
        field->name.at = p;
        if (fields > 0 && (*p == ' ' || *p == '\t')) {
            // A folded line (obs-fold): more of the previous value, given whole as a field without a name.
            field->name.length = 0;
        } else {
            while (p < end && token_byte[*p]) p++;
            if (p == end) return 0;
            if (*p != ':' || p == field->name.at) return -1;
            field->name.length = (size_t)(p - field->name.at);
            for (p++; p < end && (*p == ' ' || *p == '\t'); p++) {}
        }
        field->value.at = p;
        p = next_stop(p, end, 0x20, 1);
        if (p == end) return 0;
        const uint8_t *last = p;
        while (last > field->value.at && (last[-1] == ' ' || last[-1] == '\t')) last--;
        field->value.length = (size_t)(last - field->value.at);
        ended = line_end(p, end, &next);
        if (ended <= 0) return ended;
        p = next;
        fields++;
    }
}

// What a server reads of a parsed head: the lengths of its parts (the sum keeps the optimizer
// from dropping the parse).
static inline uint64_t head_weight(const cpeers_http_head *head) {
    uint64_t sum = head->method.length + head->target.length + (uint64_t)head->minor_version + head->header_count;
    for (size_t i = 0; i < head->header_count; i++) sum += head->headers[i].name.length + head->headers[i].value.length;
    return sum;
}

size_t cpeers_http_heads(const uint8_t *bytes, size_t count, uint64_t *weight) {
    size_t offset = 0, heads = 0;
    uint64_t total = 0;
    cpeers_http_head head;
    while (offset < count) {
        long length = cpeers_http_request(bytes + offset, count - offset, &head);
        if (length <= 0) break;
        total += head_weight(&head);
        offset += (size_t)length;
        heads++;
    }
    *weight = total;
    return heads;
}

size_t cpeers_http_framer(const uint8_t *bytes, size_t count, size_t chunk, uint64_t *weight) {
    size_t capacity = chunk + 65536, start = 0, end = 0, heads = 0;
    uint64_t total = 0;
    uint8_t *buffer = malloc(capacity);
    if (buffer == NULL) return 0;
    cpeers_http_head head;
    for (size_t offset = 0; offset < count;) {
        size_t n = count - offset < chunk ? count - offset : chunk;
        if (end + n > capacity) {
            memmove(buffer, buffer + start, end - start);
            end -= start;
            start = 0;
            if (end + n > capacity) {
                capacity = 2 * (end + n);
                uint8_t *grown = realloc(buffer, capacity);
                if (grown == NULL) break;
                buffer = grown;
            }
        }
        memcpy(buffer + end, bytes + offset, n);
        end += n;
        offset += n;
        for (;;) {
            long length = cpeers_http_request(buffer + start, end - start, &head);
            if (length == 0) break;
            if (length < 0) goto done;
            total += head_weight(&head);
            start += (size_t)length;
            heads++;
        }
    }
done:
    free(buffer);
    *weight = total;
    return heads;
}
