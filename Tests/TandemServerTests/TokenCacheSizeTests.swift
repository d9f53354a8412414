import TandemServer
import TandemServerCore
import Testing

/// `--token-cache-size` / `TANDEM_TOKEN_CACHE_SIZE`: how many tokens the cache keeps, 0 for none, nonsense refused.
struct TokenCacheSizeTests {
    func configuration(flag: String? = nil, environment: [String: String] = [:]) throws(ConfigurationProblem) -> ServerConfiguration {
        var options = ServerOptions()
        options.tokenCacheSize = flag
        return try ServerConfiguration(options: options, environment: environment)
    }

    @Test func theSizeComesFromTheFlagOverTheEnvironmentOverTheDefault() throws {
        #expect(try configuration().tokenCache == .standard)
        #expect(try configuration(environment: ["TANDEM_TOKEN_CACHE_SIZE": "500"]).tokenCache.tokens == 500)
        #expect(try configuration(flag: "7", environment: ["TANDEM_TOKEN_CACHE_SIZE": "500"]).tokenCache.tokens == 7)
        #expect(try configuration(flag: "0").tokenCache == .off)
    }

    @Test(arguments: ["-1", "many", "1.5", "10000001"])
    func aSizeThatIsNotACountIsRefused(_ size: String) {
        #expect(throws: ConfigurationProblem(
            "invalid token cache size '\(size)' (expected 0 to 10000000 tokens; 0 turns the cache off)")) {
            try configuration(flag: size)
        }
    }
}
