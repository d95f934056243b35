import PacketFraming
import Testing
