using System;
using System.Collections;
using System.Management.Automation;
using System.Security;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// Resolves the connection settings: parameter, then Connect-LlamaCloud's connection, then environment
    /// variables (LLAMA_CLOUD_API_KEY, LLAMA_PARSE_API_KEY, LLAMA_CLOUD_BASE_URL, LLAMA_CLOUD_CUSTOM_HEADERS), then the default.
    /// </summary>
    internal static class OptionsResolver
    {
        internal static LlamaCloudOptions Resolve(SecureString? apiKey, string? baseUri, string? organizationId, string? projectId)
        {
            var connection = LlamaCloudConnection.Current;
            var key = ResolveKey(apiKey, connection)
                ?? throw new LlamaCloudException(
                    "No LlamaCloud API key. Pass -ApiKey, run Connect-LlamaCloud, or set the LLAMA_CLOUD_API_KEY environment variable.",
                    ErrorIds.ApiKeyMissing, ErrorCategory.AuthenticationError);
            var baseText = baseUri ?? connection?.BaseUri.ToString() ?? NonEmpty(Environment.GetEnvironmentVariable("LLAMA_CLOUD_BASE_URL")) ?? LlamaCloudOptions.DefaultBaseUri;
            var options = new LlamaCloudOptions(ParseBaseUri(baseText), key)
            {
                OrganizationId = organizationId ?? connection?.OrganizationId,
                ProjectId = projectId ?? connection?.ProjectId,
                Proxy = connection?.ProxySettings ?? ProxySettings.Platform,
            };
            options.AddCustomHeaders(Environment.GetEnvironmentVariable("LLAMA_CLOUD_CUSTOM_HEADERS"));
            return options;
        }

        /// <summary>The key: parameter, then connection, then LLAMA_CLOUD_API_KEY, then LLAMA_PARSE_API_KEY.</summary>
        private static ApiKey? ResolveKey(SecureString? parameter, LlamaCloudConnection? connection) =>
            ApiKey.From(parameter)
            ?? ApiKey.From(connection?.ApiKey)
            ?? ApiKey.From(Environment.GetEnvironmentVariable("LLAMA_CLOUD_API_KEY"))
            ?? ApiKey.From(Environment.GetEnvironmentVariable("LLAMA_PARSE_API_KEY"));

        /// <summary>An absolute http(s) URI without query, fragment or credentials; anything else is a setup error.</summary>
        internal static Uri ParseBaseUri(string text)
        {
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new LlamaCloudException(
                    $"'{text}' is not a valid LlamaCloud base URI: expected an absolute http(s) URI without query or credentials, e.g. {LlamaCloudOptions.DefaultBaseUri}.",
                    ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument);
            }
            return uri;
        }

        /// <summary>For argument completers: the connection parameters the user has typed so far.</summary>
        internal static LlamaCloudOptions? TryResolve(IDictionary fakeBoundParameters)
        {
            try
            {
                var key = PSValue.Unwrap(fakeBoundParameters["ApiKey"]);
                var secure = key as SecureString ?? (key is string s ? SecureStringTransformationAttribute.ToSecureString(s) : null);
                var options = Resolve(secure, PSValue.AsString(fakeBoundParameters["BaseUri"]),
                    PSValue.AsString(fakeBoundParameters["OrganizationId"]), PSValue.AsString(fakeBoundParameters["ProjectId"]));
                options.Proxy = ProxyResolver.FromBoundParameters(fakeBoundParameters, options.Proxy);
                return options;
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
    }
}
