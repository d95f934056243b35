print("packetcat: coming")
