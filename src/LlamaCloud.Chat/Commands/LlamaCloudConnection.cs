using System;
using System.Security;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The connection Connect-LlamaCloud keeps for the PowerShell session (process-wide: one per runspace host).
    /// Precedence everywhere: parameter, then this connection, then environment variables, then the default.
    /// </summary>
    public sealed class LlamaCloudConnection
    {
        internal static LlamaCloudConnection? Current { get; set; }

        internal LlamaCloudConnection(Uri baseUri, SecureString apiKey, string? organizationId, string? projectId, string? region)
        {
            BaseUri = baseUri;
            ApiKey = apiKey;
            OrganizationId = organizationId;
            ProjectId = projectId;
            Region = region;
        }

        /// <summary>The API's base URI.</summary>
        public Uri BaseUri { get; }
        /// <summary>The region name when chosen by -Region (NA or EU).</summary>
        public string? Region { get; }
        /// <summary>The organization id sent with every request, if any.</summary>
        public string? OrganizationId { get; }
        /// <summary>The project id sent with every request, if any.</summary>
        public string? ProjectId { get; }
        internal SecureString ApiKey { get; }

        /// <summary>Always masked: the key is never shown.</summary>
        public string ApiKeyHint => "********";

        /// <inheritdoc />
        public override string ToString() => BaseUri.ToString();
    }
}
