// The system zlib (Debian's zlib1g-dev, pkg-config name `zlib`), for PacketCorpus.
#ifndef PACKET_FRAMING_CZLIB_SHIM_H
#define PACKET_FRAMING_CZLIB_SHIM_H
#include <zlib.h>
#endif
