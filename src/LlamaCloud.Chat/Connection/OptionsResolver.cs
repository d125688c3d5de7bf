using System;
using System.Collections;
using System.Management.Automation;
using System.Security;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// Resolves the connection settings: parameter, then Connect-LlamaCloud's connection, then environment
    /// variables (LLAMA_CLOUD_API_KEY, LLAMA_PARSE_API_KEY, LLAMA_CLOUD_BASE_URL, LLAMA_CLOUD_CUSTOM_HEADERS), then the default.
    /// Each resolved setting remembers where it came from, so an error can name the source (never the key).
    /// </summary>
    internal static class OptionsResolver
    {
        internal const string ParameterSource = "the -ApiKey parameter";
        internal const string ConnectionSource = "Connect-LlamaCloud";
        internal const string ApiKeyVariable = "LLAMA_CLOUD_API_KEY";
        internal const string ParseKeyVariable = "LLAMA_PARSE_API_KEY";
        internal const string BaseUrlVariable = "LLAMA_CLOUD_BASE_URL";

        internal static LlamaCloudOptions Resolve(SecureString? apiKey, string? baseUri, string? organizationId, string? projectId) =>
            Resolve(apiKey, baseUri, organizationId, projectId, LlamaCloudConnection.Current);

        /// <summary>The settings with <paramref name="connection"/> in the connection's place (Connect-LlamaCloud -Validate checks one before keeping it).</summary>
        internal static LlamaCloudOptions Resolve(SecureString? apiKey, string? baseUri, string? organizationId, string? projectId, LlamaCloudConnection? connection)
        {
            var (key, keySource) = ResolveKey(apiKey, connection);
            if (key == null)
                throw new LlamaCloudException(
                    Messages.ApiKeyMissing(ApiKeyVariable),
                    ErrorIds.ApiKeyMissing, ErrorCategory.AuthenticationError);
            var (baseText, baseSource) = ResolveBaseUri(baseUri, connection);
            var options = new LlamaCloudOptions(ParseBaseUri(baseText, baseSource), key)
            {
                OrganizationId = organizationId ?? connection?.OrganizationId,
                ProjectId = projectId ?? connection?.ProjectId,
                Proxy = ResolveProxy(connection),
                KeySource = keySource!,
                BaseUriSource = baseSource,
            };
            options.AddCustomHeaders(Environment.GetEnvironmentVariable("LLAMA_CLOUD_CUSTOM_HEADERS"));
            return options;
        }

        /// <summary>The proxy a command that names none uses: the connection's, else the platform's settings.</summary>
        internal static ProxySettings ResolveProxy(LlamaCloudConnection? connection) => connection?.ProxySettings ?? ProxySettings.Platform;

        /// <summary>The key and its source: parameter, then connection, then LLAMA_CLOUD_API_KEY, then LLAMA_PARSE_API_KEY.</summary>
        internal static (ApiKey? Key, string? Source) ResolveKey(SecureString? parameter, LlamaCloudConnection? connection)
        {
            if (ApiKey.From(parameter) is { } p) return (p, ParameterSource);
            if (ApiKey.From(connection?.ApiKey) is { } c) return (c, ConnectionSource);
            if (ApiKey.From(Environment.GetEnvironmentVariable(ApiKeyVariable)) is { } e) return (e, Messages.EnvironmentVariableSource(ApiKeyVariable));
            if (ApiKey.From(Environment.GetEnvironmentVariable(ParseKeyVariable)) is { } f) return (f, Messages.EnvironmentVariableSource(ParseKeyVariable));
            return (null, null);
        }

        /// <summary>The base URI text and its source: parameter, then connection, then LLAMA_CLOUD_BASE_URL, then the default.</summary>
        internal static (string Text, string Source) ResolveBaseUri(string? parameter, LlamaCloudConnection? connection)
        {
            if (parameter != null) return (parameter, "-BaseUri");
            if (connection?.BaseUri is { } given) return (given.ToString(), connection.BaseUriSource ?? ConnectionSource);
            if (NonEmpty(Environment.GetEnvironmentVariable(BaseUrlVariable)) is { } env) return (env, Messages.EnvironmentVariableSource(BaseUrlVariable));
            return (LlamaCloudOptions.DefaultBaseUri, "the default");
        }

        /// <summary>An absolute http(s) URI without query, fragment or credentials; anything else is a setup error.</summary>
        internal static Uri ParseBaseUri(string text, string source = "-BaseUri")
        {
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new LlamaCloudException(
                    Messages.InvalidBaseUri(UriText.MaskUserInfo(text), source, LlamaCloudOptions.DefaultBaseUri),
                    ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument);
            }
            return uri;
        }

        private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
    }
}
