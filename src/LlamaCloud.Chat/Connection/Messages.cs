namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// What the connection layer says to the user: every message about the key, the base URI and the proxy settings,
    /// built here so that the words live in one place (docs/architecture.md). Never a key, only where it came from.
    /// </summary>
    internal static class Messages
    {
        /// <summary>No key from a parameter, the connection or the environment.</summary>
        internal static string ApiKeyMissing(string variable) =>
            $"No LlamaCloud API key. Pass -ApiKey, run Connect-LlamaCloud, or set the {variable} environment variable.";

        /// <summary>A key that an HTTP header cannot carry (spaces, line breaks, non-ASCII).</summary>
        internal static string ApiKeyUnsendable(string source) =>
            $"The API key from {source} contains spaces, line breaks or non-ASCII characters, so it cannot be sent. Check how it was read (e.g. a trailing newline from a file).";

        /// <summary>Where a key or base URI came from when an environment variable gave it ("the LLAMA_CLOUD_API_KEY environment variable").</summary>
        internal static string EnvironmentVariableSource(string variable) => $"the {variable} environment variable";

        /// <summary>A base URI that is not an absolute http(s) URI without query or credentials.</summary>
        internal static string InvalidBaseUri(string maskedText, string source, string example) =>
            $"'{maskedText}' (from {source}) is not a valid LlamaCloud base URI: expected an absolute http(s) URI without query or credentials, e.g. {example}.";

        /// <summary>Where the key would travel in clear text: the host, and the proxy when one far away carries it.</summary>
        internal static string PlainTextHop(string host, string? proxy) =>
            proxy != null ? $"'{host}' through the proxy {proxy}" : $"'{host}'";

        /// <summary>-NoProxy together with a proxy or proxy credentials.</summary>
        internal static string NoProxyCombined() =>
            "-NoProxy cannot be combined with -Proxy, -ProxyCredential or -ProxyUseDefaultCredentials.";

        /// <summary>Both proxy credential switches given.</summary>
        internal static string ProxyCredentialsBoth() =>
            "-ProxyCredential and -ProxyUseDefaultCredentials cannot be used together: choose one.";

        /// <summary>Proxy credentials without a proxy on the command or the connection.</summary>
        internal static string ProxyCredentialsWithoutProxy() =>
            "-ProxyCredential and -ProxyUseDefaultCredentials need -Proxy (on the command or on Connect-LlamaCloud).";

        /// <summary>A -Proxy that is not an absolute http(s) URI.</summary>
        internal static string InvalidProxy(string proxy) =>
            $"'{proxy}' is not a valid proxy: expected an absolute http(s) URI such as http://proxy.contoso.com:8080.";

        /// <summary>A -Proxy URI with user info in it.</summary>
        internal static string ProxyUriHasCredentials() =>
            "The proxy URI contains credentials: pass them with -ProxyCredential instead.";
    }
}
