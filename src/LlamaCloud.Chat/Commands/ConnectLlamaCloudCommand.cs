using System;
using System.Management.Automation;
using System.Security;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Remembers the LlamaCloud API key, region or base URI, organization and project for this PowerShell session.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "LlamaCloud", DefaultParameterSetName = "Region")]
    [OutputType(typeof(LlamaCloudConnection))]
    public sealed class ConnectLlamaCloudCommand : PSCmdlet
    {
        /// <summary>The API key (SecureString, or a plain string).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString ApiKey { get; set; } = new SecureString();

        /// <summary>The region: NA (https://api.cloud.llamaindex.ai, the default) or EU (https://api.cloud.eu.llamaindex.ai).</summary>
        [Parameter(ParameterSetName = "Region")]
        [ValidateSet("NA", "EU", IgnoreCase = true)]
        public string Region { get; set; } = "NA";

        /// <summary>A base URI instead of a region (a proxy, a private deployment, or the local emulator).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "BaseUri")]
        [ValidateNotNullOrEmpty]
        public string BaseUri { get; set; } = string.Empty;

        /// <summary>Sent as organization_id with every request.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OrganizationId { get; set; }

        /// <summary>Sent as project_id with every request.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ProjectId { get; set; }

        /// <summary>A proxy for every request of this connection (loopback included), instead of the platform's settings.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for the proxy; kept with the connection. Needs -Proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Authenticate to the proxy as the current user. Needs -Proxy.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Connect directly, ignoring the platform's proxy settings.</summary>
        [Parameter]
        public SwitchParameter NoProxy { get; set; }

        /// <summary>Write the connection (without the key) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (ApiKey.Length == 0)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("The API key is empty."), ErrorIds.ApiKeyMissing, ErrorCategory.InvalidArgument, null));
            }
            Uri uri;
            string? region = null;
            ProxySettings proxy;
            try
            {
                proxy = ProxyResolver.Resolve(Proxy, ProxyCredential, ProxyUseDefaultCredentials, NoProxy, ProxySettings.Platform);
                if (ParameterSetName == "BaseUri") uri = OptionsResolver.ParseBaseUri(BaseUri);
                else
                {
                    region = Region.ToUpperInvariant();
                    uri = new Uri(region == "EU" ? LlamaCloudOptions.EuBaseUri : LlamaCloudOptions.DefaultBaseUri);
                }
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, BaseUri));
                return;
            }
            var key = ApiKey.Copy();
            key.MakeReadOnly();
            LlamaCloudConnection.Current = new LlamaCloudConnection(uri, key, OrganizationId, ProjectId, region) { ProxySettings = proxy };
            WriteVerbose($"Connected to {uri} (key ********{(ProjectId != null ? ", project " + ProjectId : string.Empty)}, {proxy}).");
            if (PassThru) WriteObject(LlamaCloudConnection.Current);
        }
    }
}
