using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// The parameters every command that reaches LlamaCloud shares with Connect-LlamaCloud: the organization and project,
    /// and Invoke-RestMethod's proxy parameters with their meanings.
    /// </summary>
    public abstract class ConnectionParametersCmdlet : PSCmdlet
    {
        /// <summary>Sent as the organization_id query parameter.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OrganizationId { get; set; }

        /// <summary>Sent as the project_id query parameter.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProjectId { get; set; }

        /// <summary>A proxy for every request (loopback included), instead of the connection's or the platform's settings.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for the proxy (Basic, Digest, NTLM or Negotiate, whichever it asks for). Needs -Proxy here or on Connect-LlamaCloud.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the current user. Needs -Proxy here or on Connect-LlamaCloud.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Connect directly, ignoring the connection's and the platform's proxy settings.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }
    }
}
