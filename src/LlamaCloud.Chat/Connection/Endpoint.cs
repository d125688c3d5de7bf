using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// Where requests go and as whom: the base URI, the key, the organization and project, the configured headers, each
    /// with where it came from, and the proxy settings that reach it when a command names none of its own. Resolved once
    /// per command (<see cref="OptionsResolver"/>); a session remembers the endpoint it came from
    /// (<see cref="SessionOrigins"/>), never how a command sent its requests (<see cref="RequestSettings"/>).
    /// </summary>
    internal sealed class Endpoint
    {
        internal const string DefaultBaseUri = "https://api.cloud.llamaindex.ai";
        internal const string EuBaseUri = "https://api.cloud.eu.llamaindex.ai";

        internal Endpoint(Uri baseUri, string baseUriSource, ApiKey apiKey, string keySource, string? organizationId, string? projectId,
            IReadOnlyList<KeyValuePair<string, string>> customHeaders, ProxySettings proxy)
        {
            BaseUri = baseUri;
            BaseUriSource = baseUriSource;
            ApiKey = apiKey;
            KeySource = keySource;
            OrganizationId = organizationId;
            ProjectId = projectId;
            CustomHeaders = customHeaders;
            Proxy = proxy;
        }

        internal Uri BaseUri { get; }

        /// <summary>Where the base URI came from (a parameter, Connect-LlamaCloud, LLAMA_CLOUD_BASE_URL or the default).</summary>
        internal string BaseUriSource { get; }

        internal ApiKey ApiKey { get; }

        /// <summary>Where the key came from, for messages: "the -ApiKey parameter", "Connect-LlamaCloud", or the environment variable's name. Never the key.</summary>
        internal string KeySource { get; }

        internal string? OrganizationId { get; }

        internal string? ProjectId { get; }

        /// <summary>Extra headers from LLAMA_CLOUD_CUSTOM_HEADERS ("Name: value" lines).</summary>
        internal IReadOnlyList<KeyValuePair<string, string>> CustomHeaders { get; }

        /// <summary>The proxy settings a command uses when it names none: the connection's or the platform's, or for a
        /// session's origin the ones its requests went through.</summary>
        internal ProxySettings Proxy { get; }

        /// <summary>The same endpoint, reached through <paramref name="proxy"/>.</summary>
        internal Endpoint Through(ProxySettings proxy) =>
            ReferenceEquals(proxy, Proxy) ? this : new Endpoint(BaseUri, BaseUriSource, ApiKey, KeySource, OrganizationId, ProjectId, CustomHeaders, proxy);

        /// <summary>NA or EU for LlamaCloud's own base URIs; null for any other.</summary>
        internal static string? RegionOf(Uri uri)
        {
            var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            if (string.Equals(text, DefaultBaseUri, StringComparison.OrdinalIgnoreCase)) return "NA";
            if (string.Equals(text, EuBaseUri, StringComparison.OrdinalIgnoreCase)) return "EU";
            return null;
        }

        /// <summary>Parses LLAMA_CLOUD_CUSTOM_HEADERS: newline-separated <c>Name: value</c>; malformed lines and Authorization are ignored.</summary>
        internal static IReadOnlyList<KeyValuePair<string, string>> ParseCustomHeaders(string? text)
        {
            var headers = new List<KeyValuePair<string, string>>();
            if (string.IsNullOrWhiteSpace(text)) return headers;
            foreach (var line in text!.Split('\n'))
            {
                var i = line.IndexOf(':');
                if (i <= 0) continue;
                var name = line.Substring(0, i).Trim();
                if (name.Length == 0 || string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase)) continue;
                headers.Add(new KeyValuePair<string, string>(name, line.Substring(i + 1).Trim()));
            }
            return headers;
        }
    }
}
