using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>Everything one command needs to talk to LlamaCloud, resolved once from parameters, connection and environment.</summary>
    internal sealed class LlamaCloudOptions
    {
        internal const string DefaultBaseUri = "https://api.cloud.llamaindex.ai";
        internal const string EuBaseUri = "https://api.cloud.eu.llamaindex.ai";

        /// <summary>NA or EU for LlamaCloud's own base URIs; null for any other.</summary>
        internal static string? RegionOf(Uri uri)
        {
            var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
            if (string.Equals(text, DefaultBaseUri, StringComparison.OrdinalIgnoreCase)) return "NA";
            if (string.Equals(text, EuBaseUri, StringComparison.OrdinalIgnoreCase)) return "EU";
            return null;
        }

        internal LlamaCloudOptions(Uri baseUri, ApiKey apiKey)
        {
            BaseUri = baseUri;
            ApiKey = apiKey;
        }

        internal Uri BaseUri { get; }
        internal ApiKey ApiKey { get; }
        /// <summary>Where the key came from, for messages: "the -ApiKey parameter", "Connect-LlamaCloud", or the environment variable's name. Never the key.</summary>
        internal string KeySource { get; set; } = "the -ApiKey parameter";
        /// <summary>Where the base URI came from (a parameter, Connect-LlamaCloud, LLAMA_CLOUD_BASE_URL or the default).</summary>
        internal string BaseUriSource { get; set; } = "the default";
        internal string? OrganizationId { get; set; }
        internal string? ProjectId { get; set; }
        /// <summary>Per attempt: until the response headers arrive, then the longest pause allowed between body reads.</summary>
        internal TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
        internal int MaximumRetryCount { get; set; } = 2;
        internal bool AllowUnencryptedAuthentication { get; set; }
        /// <summary>-Proxy/-NoProxy (the command's, else the connection's), else the platform's settings.</summary>
        internal ProxySettings Proxy { get; set; } = ProxySettings.Platform;
        internal string UserAgent { get; set; } = "LlamaCloud.Chat";
        /// <summary>Extra headers from LLAMA_CLOUD_CUSTOM_HEADERS ("Name: value" lines).</summary>
        internal List<KeyValuePair<string, string>> CustomHeaders { get; private set; } = new List<KeyValuePair<string, string>>();

        /// <summary>A copy: the same endpoint and identity, for another command to apply its own settings to.</summary>
        internal LlamaCloudOptions Clone()
        {
            var copy = (LlamaCloudOptions)MemberwiseClone();
            copy.CustomHeaders = new List<KeyValuePair<string, string>>(CustomHeaders);
            return copy;
        }

        /// <summary>Parses LLAMA_CLOUD_CUSTOM_HEADERS: newline-separated <c>Name: value</c>; malformed lines are ignored.</summary>
        internal void AddCustomHeaders(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return;
            foreach (var line in text!.Split('\n'))
            {
                var i = line.IndexOf(':');
                if (i <= 0) continue;
                var name = line.Substring(0, i).Trim();
                if (name.Length == 0 || string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase)) continue;
                CustomHeaders.Add(new KeyValuePair<string, string>(name, line.Substring(i + 1).Trim()));
            }
        }

        /// <summary>True when the key may be sent: https, a loopback host reached directly or through a loopback proxy,
        /// or the user's explicit permission. (Plain http through a proxy elsewhere puts the key on the network.)</summary>
        internal bool MaySendKey =>
            BaseUri.Scheme == Uri.UriSchemeHttps || AllowUnencryptedAuthentication
            || (BaseUri.IsLoopback && (Proxy.ProxyFor(BaseUri) is not { } proxy || proxy.IsLoopback));

        /// <summary>Where the key would travel in clear text, for the refusal message.</summary>
        internal string PlainTextHop =>
            Messages.PlainTextHop(BaseUri.Host, BaseUri.IsLoopback && Proxy.ProxyFor(BaseUri) is { } proxy && !proxy.IsLoopback ? ProxySettings.Display(proxy) : null);
    }
}
