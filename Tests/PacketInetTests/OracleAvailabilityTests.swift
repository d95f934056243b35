import TestSupport
import Testing

@Suite struct OracleAvailabilityTests {
    @Test func erlangIsInstalledWhenCIRequiresIt() {
        if ErlangOracle.available { return }
        if ErlangOracle.required {
            Issue.record("CI is set but erl/escript are missing: the inet differential tests cannot run")
        } else {
            print(
                """
                WARNING: Erlang/OTP (erl, escript) is not installed: the PacketInet differential \
                tests against real OTP 25 are SKIPPED. Install it with: apt-get install -y erlang-base
                """)
        }
    }
}
