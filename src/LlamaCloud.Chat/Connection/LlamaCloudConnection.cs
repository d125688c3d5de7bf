using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;

namespace LlamaCloud.Chat.Connection
{
    /// <summary>
    /// What Connect-LlamaCloud was given, kept for the PowerShell session (its runspace). Only what was given: a
    /// setting it was not given (the base URI without -Region or -BaseUri, a proxy) stays unset here, so the
    /// environment variables and defaults still apply to it. Precedence everywhere: parameter, then this
    /// connection, then environment variables, then the default. Scripts see it as <c>LlamaCloudConnectionInfo</c> (Commands).
    /// </summary>
    internal sealed class LlamaCloudConnection
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

        internal LlamaCloudConnection(SecureString apiKey, Uri? baseUri, string? baseUriSource, string? organizationId, string? projectId, ProxySettings proxy)
        {
            ApiKey = apiKey;
            BaseUri = baseUri;
            BaseUriSource = baseUriSource;
            OrganizationId = organizationId;
            ProjectId = projectId;
            ProxySettings = proxy;
        }

        internal SecureString ApiKey { get; }

        /// <summary>The base URI given as -Region or -BaseUri; null when neither was given.</summary>
        internal Uri? BaseUri { get; }

        /// <summary>How the base URI was given, for messages: "Connect-LlamaCloud -Region EU" or "Connect-LlamaCloud -BaseUri".</summary>
        internal string? BaseUriSource { get; }

        internal string? OrganizationId { get; }
        internal string? ProjectId { get; }

        /// <summary>-Proxy, -ProxyCredential, -ProxyUseDefaultCredentials, -NoProxy as given; the platform's settings without them.</summary>
        internal ProxySettings ProxySettings { get; }
    }
}
