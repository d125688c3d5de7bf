using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// The connection Connect-LlamaCloud keeps for the PowerShell session (its runspace).
    /// Precedence everywhere: parameter, then this connection, then environment variables, then the default.
    /// </summary>
    public sealed class LlamaCloudConnection
    {
        // One connection per runspace: ForEach-Object -Parallel, jobs and hosted runspaces in one process each
        // keep their own, so one tenant's key never serves another's commands.
        private static readonly ConditionalWeakTable<Runspace, LlamaCloudConnection> PerRunspace =
            new ConditionalWeakTable<Runspace, LlamaCloudConnection>();
        private static readonly object Gate = new object();

        internal static LlamaCloudConnection? Current
        {
            get
            {
                var rs = Runspace.DefaultRunspace;
                if (rs == null) return null;
                lock (Gate) return PerRunspace.TryGetValue(rs, out var c) ? c : null;
            }
            set
            {
                var rs = Runspace.DefaultRunspace;
                if (rs == null) return;
                lock (Gate)
                {
                    PerRunspace.Remove(rs);
                    if (value != null) PerRunspace.Add(rs, value);
                }
            }
        }

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

        /// <summary>The proxy every command of this connection uses, unless it names its own; null for the platform's settings or -NoProxy.</summary>
        public Uri? Proxy => ProxySettings.Address;

        /// <summary>True when Connect-LlamaCloud was given -NoProxy.</summary>
        public bool NoProxy => ProxySettings.Mode == ProxyMode.None;

        /// <summary>-Proxy, -ProxyCredential, -ProxyUseDefaultCredentials, -NoProxy as given to Connect-LlamaCloud.</summary>
        internal ProxySettings ProxySettings { get; set; } = ProxySettings.Platform;

        /// <summary>Always masked: the key is never shown.</summary>
        public string ApiKeyHint => "********";

        /// <inheritdoc />
        public override string ToString() => BaseUri.ToString();
    }
}
